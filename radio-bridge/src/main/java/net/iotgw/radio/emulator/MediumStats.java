package net.iotgw.radio.emulator;

/**
 * Counters of a {@link RadioMedium} since it started.
 *
 * @param framesCarried frames that went on the air
 * @param bitsCarried their bits, PHY overhead included
 * @param deliveries frames handed to a receiving station
 * @param lostDeliveries receptions suppressed by the loss probability
 * @param queueDrops frames refused because the sender's queue was full
 * @param malformed frames the MAC frame decoder refuses (received by nobody)
 * @param nodeErrors exceptions thrown by {@link RadioNode#onFrame}
 * @param stations stations attached now
 */
public record MediumStats(
    long framesCarried,
    long bitsCarried,
    long deliveries,
    long lostDeliveries,
    long queueDrops,
    long malformed,
    long nodeErrors,
    int stations) {}

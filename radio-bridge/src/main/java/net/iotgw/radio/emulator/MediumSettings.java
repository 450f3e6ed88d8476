package net.iotgw.radio.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * The virtual radio channel's parameters.
 *
 * @param bitRate bits per second on the air: 250,000 for the 2.4 GHz O-QPSK PHY (IEEE 802.15.4-2020
 *     §12)
 * @param lossProbability chance that one receiver misses one frame, independently per receiver and
 *     frame, 0 to 1
 * @param seed of the loss draws, so that a run can be repeated
 * @param queueCapacity frames each node may have waiting for the channel
 * @param rssi dBm reported with every received frame
 * @param lqi link quality reported with every received frame
 * @param accountingWindow length of the windows in which {@link AirtimeLedger} sums bits
 * @param lookahead how far ahead of now the channel may be booked; at least the scheduler's tick
 *     (10 ms by default), so that timer granularity does not leave the channel idle between frames
 */
public record MediumSettings(
    int bitRate,
    double lossProbability,
    long seed,
    int queueCapacity,
    int rssi,
    int lqi,
    Duration accountingWindow,
    Duration lookahead) {

  public static final int IEEE_802_15_4_2450MHZ_BIT_RATE = 250_000;

  public MediumSettings {
    if (bitRate <= 0) {
      throw new IllegalArgumentException("bitRate must be positive");
    }
    if (lossProbability < 0 || lossProbability > 1) {
      throw new IllegalArgumentException("lossProbability out of [0, 1]: " + lossProbability);
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be at least 1");
    }
    if (rssi < -128 || rssi > 127 || lqi < 0 || lqi > 255) {
      throw new IllegalArgumentException("rssi or lqi out of range");
    }
    Objects.requireNonNull(accountingWindow);
    Objects.requireNonNull(lookahead);
    if (accountingWindow.isZero() || accountingWindow.isNegative() || lookahead.isNegative()) {
      throw new IllegalArgumentException("accountingWindow must be positive, lookahead >= 0");
    }
  }

  /**
   * 250 kbit/s, no loss, 16 frames per node, -50 dBm, LQI 220, 100 ms windows, 50 ms ahead (five
   * scheduler ticks: a stage that runs late by less than that leaves no gap on the channel).
   */
  public static MediumSettings defaults() {
    return new MediumSettings(
        IEEE_802_15_4_2450MHZ_BIT_RATE,
        0.0,
        1L,
        16,
        -50,
        220,
        Duration.ofMillis(100),
        Duration.ofMillis(50));
  }

  public MediumSettings withLoss(double probability, long seed) {
    return new MediumSettings(
        bitRate, probability, seed, queueCapacity, rssi, lqi, accountingWindow, lookahead);
  }

  public MediumSettings withQueueCapacity(int frames) {
    return new MediumSettings(
        bitRate, lossProbability, seed, frames, rssi, lqi, accountingWindow, lookahead);
  }
}

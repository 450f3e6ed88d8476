package net.iotgw.load.claim;

import java.util.List;
import net.iotgw.radio.emulator.MediumStats;
import net.iotgw.sim.cd.CdCryptoCounters;
import net.iotgw.sim.cd.CdStats;
import net.iotgw.sim.cd.CryptoOperation;

/**
 * What one phase of the claim benchmark cost (offload or baseline): {@code handshakes} IKE SAs
 * with one CHILD_SA each, all started at once on one channel, measured between two snapshots
 * taken before the first request and once the last handshake completed (nothing else is on the
 * air in between).
 *
 * @param mode "offload" or "baseline"
 * @param cds CDs in the phase
 * @param handshakes completed: the UD's SA up (offload), the CD's own SA up (baseline)
 * @param echoes ICMPv6 echoes answered through the CHILD_SAs afterwards
 * @param seconds from the first request to the last completion
 * @param mediumFrames frames the medium carried, both directions, 6LoWPAN fragments each
 * @param airBits bits the medium carried, PHY overhead (SHR, PHR) included
 * @param cdFramesSent frames the phase's CDs sent
 * @param cdFramesReceived frames they received
 * @param cdOctetsSent PSDU octets they sent (MAC header, link security, FCS included)
 * @param cdOctetsReceived PSDU octets they received
 * @param crypto their cryptographic operations by kind, link security included
 * @param cpuNanos CPU time they spent (0 where the JVM cannot measure thread CPU time)
 * @param keyDeliveries key deliveries they received over PANA (offload)
 * @param cdRetransmissions IKE requests the phase's CDs sent again (baseline: RFC 7296 §2.1 on a
 *     congested channel; the offloaded CD sends no IKE)
 * @param latenciesMillis each handshake's duration, sorted
 * @param bitRate the channel's bits per second
 */
record PhaseFigures(
    String mode,
    int cds,
    int handshakes,
    int echoes,
    double seconds,
    long mediumFrames,
    long airBits,
    long cdFramesSent,
    long cdFramesReceived,
    long cdOctetsSent,
    long cdOctetsReceived,
    CdCryptoCounters crypto,
    long cpuNanos,
    long keyDeliveries,
    long cdRetransmissions,
    List<Long> latenciesMillis,
    int bitRate) {

  /** The state of the medium and the phase's CDs at one moment. */
  record Snapshot(long nanos, MediumStats medium, CdStats cds, long cpuNanos) {}

  static PhaseFigures between(String mode, int cds, int handshakes, int echoes, Snapshot before,
      Snapshot after, double seconds, long cdRetransmissions, List<Long> latenciesMillis,
      int bitRate) {
    CdStats a = after.cds();
    CdStats b = before.cds();
    return new PhaseFigures(mode, cds, handshakes, echoes, seconds,
        after.medium().framesCarried() - before.medium().framesCarried(),
        after.medium().bitsCarried() - before.medium().bitsCarried(),
        a.framesSent() - b.framesSent(), a.framesReceived() - b.framesReceived(),
        a.octetsSent() - b.octetsSent(), a.octetsReceived() - b.octetsReceived(),
        a.crypto().minus(b.crypto()), after.cpuNanos() - before.cpuNanos(),
        a.keyDeliveries() - b.keyDeliveries(), cdRetransmissions,
        latenciesMillis.stream().sorted().toList(),
        bitRate);
  }

  private double per(long total) {
    return handshakes == 0 ? 0 : (double) total / handshakes;
  }

  double framesPerHandshake() {
    return per(mediumFrames);
  }

  /** Octets on the air per handshake, PHY overhead included. */
  double airOctetsPerHandshake() {
    return per(airBits) / 8;
  }

  double cdFramesSentPerHandshake() {
    return per(cdFramesSent);
  }

  double cdFramesReceivedPerHandshake() {
    return per(cdFramesReceived);
  }

  double cdOctetsSentPerHandshake() {
    return per(cdOctetsSent);
  }

  double cdOctetsReceivedPerHandshake() {
    return per(cdOctetsReceived);
  }

  double cryptoPerHandshake(CryptoOperation op) {
    return per(crypto.count(op));
  }

  double cpuMicrosPerHandshake() {
    return per(cpuNanos) / 1000;
  }

  /** Handshakes completed per second with all the phase's CDs on one channel at once. */
  double handshakesPerSecond() {
    return seconds <= 0 ? 0 : handshakes / seconds;
  }

  /** Share of the phase the channel was transmitting. */
  double channelBusy() {
    return seconds <= 0 ? 0 : airBits / (double) bitRate / seconds;
  }

  /** The air-time bound: handshakes per second with the channel busy all the time. */
  double airtimeBoundPerSecond() {
    return airBits == 0 ? 0 : bitRate / (airBits / (double) handshakes);
  }

  long medianLatencyMillis() {
    return latenciesMillis.isEmpty() ? 0 : latenciesMillis.get(latenciesMillis.size() / 2);
  }

  long maxLatencyMillis() {
    return latenciesMillis.isEmpty() ? 0 : latenciesMillis.get(latenciesMillis.size() - 1);
  }
}

package net.iotgw.gateway.demo;

import java.util.Arrays;

/**
 * What one phase of the demo measured.
 *
 * @param name joins, handshakes or requests
 * @param ok items that succeeded
 * @param failed items that failed, or had not ended when the phase ran out of time
 * @param total items the phase set out to do
 * @param wallNanos from the phase's start to its end
 * @param latencyNanos each successful item's latency, sorted
 * @param airOctets octets the radio medium carried during the phase, PHY overhead included
 * @param airFrames frames it carried
 * @param airItems what the air octets are shared among (CDs joining, key deliveries, GETs)
 */
public record PhaseResult(
    String name,
    int ok,
    int failed,
    int total,
    long wallNanos,
    long[] latencyNanos,
    long airOctets,
    long airFrames,
    int airItems) {

  public PhaseResult {
    latencyNanos = latencyNanos.clone();
    Arrays.sort(latencyNanos);
  }

  @Override
  public long[] latencyNanos() {
    return latencyNanos.clone();
  }

  public boolean allOk() {
    return ok == total && failed == 0;
  }

  /** Successes per second of the phase's wall time. */
  public double ratePerSecond() {
    return wallNanos == 0 ? 0 : ok * 1e9 / wallNanos;
  }

  /** The nearest-rank percentile of the latencies in milliseconds; 0 without any. */
  public double percentileMillis(double p) {
    if (latencyNanos.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100 * latencyNanos.length);
    return latencyNanos[Math.max(0, Math.min(rank, latencyNanos.length) - 1)] / 1e6;
  }

  /** Air octets per item (per CD, per key delivery, per GET). */
  public double airOctetsPerItem() {
    return airItems == 0 ? 0 : (double) airOctets / airItems;
  }

  public double airFramesPerItem() {
    return airItems == 0 ? 0 : (double) airFrames / airItems;
  }
}

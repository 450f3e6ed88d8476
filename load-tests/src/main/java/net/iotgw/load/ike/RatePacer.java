package net.iotgw.load.ike;

/**
 * Open-loop pacing: attempts start on a fixed schedule, {@code rate} per second from {@code
 * startNanos}, whatever the target answers (so that a slow target meets the same offered load and
 * its latency is not hidden by coordinated omission). Asked with the current time, it says how many
 * starts are due since it was last asked; starts more than {@code maxBurst} behind (the generator
 * itself was stalled) are dropped and counted rather than fired at once. Not thread-safe; time is
 * a parameter.
 */
public final class RatePacer {
  private final double perNano;
  private final long startNanos;
  private final int maxBurst;
  private long issued;
  private long skipped;

  public RatePacer(double ratePerSecond, long startNanos, int maxBurst) {
    if (!(ratePerSecond > 0) || maxBurst < 1) {
      throw new IllegalArgumentException("rate " + ratePerSecond + ", burst " + maxBurst);
    }
    this.perNano = ratePerSecond / 1e9;
    this.startNanos = startNanos;
    this.maxBurst = maxBurst;
  }

  /** Starts due at {@code nowNanos} and not yet handed out. */
  public int due(long nowNanos) {
    long scheduled = (long) Math.floor(Math.max(0, nowNanos - startNanos) * perNano);
    long behind = scheduled - issued;
    if (behind <= 0) {
      return 0;
    }
    if (behind > maxBurst) {
      skipped += behind - maxBurst;
      behind = maxBurst;
    }
    issued = scheduled;
    return (int) behind;
  }

  /** Starts dropped because the caller fell more than {@code maxBurst} behind. */
  public long skipped() {
    return skipped;
  }
}

package net.iotgw.load.ike;

import java.util.Arrays;

/**
 * Every latency of a run, in microseconds, kept whole (a run of minutes at thousands per second is
 * a few megabytes) so that percentiles are exact: the nearest-rank definition, p-th percentile =
 * the smallest value with at least p % of the values at or below it. Thread-safe.
 */
public final class LatencyRecorder {
  private long[] values = new long[1024];
  private int count;

  public synchronized void record(long micros) {
    if (count == values.length) {
      values = Arrays.copyOf(values, values.length * 2);
    }
    values[count++] = micros;
  }

  public synchronized int count() {
    return count;
  }

  /** The values so far, sorted ascending. */
  public synchronized long[] sorted() {
    long[] copy = Arrays.copyOf(values, count);
    Arrays.sort(copy);
    return copy;
  }

  /** A summary of the values so far; all zero when there are none. */
  public Summary summary() {
    return Summary.of(sorted());
  }

  /** Percentiles (nearest rank) and maximum, in microseconds. */
  public record Summary(int count, long p50, long p90, long p99, long max) {
    static Summary of(long[] sorted) {
      if (sorted.length == 0) {
        return new Summary(0, 0, 0, 0, 0);
      }
      return new Summary(sorted.length, rank(sorted, 50), rank(sorted, 90), rank(sorted, 99),
          sorted[sorted.length - 1]);
    }

    /** Nearest rank: ceil(p/100 * n), 1-based. */
    static long rank(long[] sorted, int percent) {
      int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
      return sorted[Math.max(1, rank) - 1];
    }
  }
}

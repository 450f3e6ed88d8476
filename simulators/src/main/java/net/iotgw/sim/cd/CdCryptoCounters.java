package net.iotgw.sim.cd;

import java.util.Arrays;

/**
 * How many cryptographic operations of each {@link CryptoOperation} kind a simulated CD (or a
 * population, {@link #plus}) has performed: the input of the claim benchmark, which compares the
 * CD's work with the gateway doing IKE for it against the CD doing IKE itself. {@link #minus}
 * gives the cost of one phase (a join, a key delivery, an exchange) between two snapshots.
 *
 * @param counts by {@link CryptoOperation} ordinal; read with {@link #count}
 */
public record CdCryptoCounters(long[] counts) {
  public static final CdCryptoCounters ZERO =
      new CdCryptoCounters(new long[CryptoOperation.values().length]);

  public CdCryptoCounters {
    if (counts.length != CryptoOperation.values().length) {
      throw new IllegalArgumentException("one count per operation");
    }
    counts = counts.clone();
  }

  public long count(CryptoOperation op) {
    return counts[op.ordinal()];
  }

  /** Every operation, whatever its kind. */
  public long total() {
    return Arrays.stream(counts).sum();
  }

  @Override
  public long[] counts() {
    return counts.clone();
  }

  public CdCryptoCounters plus(CdCryptoCounters other) {
    long[] sum = counts.clone();
    for (int i = 0; i < sum.length; i++) {
      sum[i] += other.counts[i];
    }
    return new CdCryptoCounters(sum);
  }

  /** What was done since {@code earlier}, a snapshot of the same CD. */
  public CdCryptoCounters minus(CdCryptoCounters earlier) {
    long[] d = counts.clone();
    for (int i = 0; i < d.length; i++) {
      d[i] -= earlier.counts[i];
    }
    return new CdCryptoCounters(d);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CdCryptoCounters c && Arrays.equals(counts, c.counts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("CdCryptoCounters[");
    for (CryptoOperation op : CryptoOperation.values()) {
      b.append(op == CryptoOperation.AES_BLOCK ? "" : ", ").append(op).append(' ')
          .append(counts[op.ordinal()]);
    }
    return b.append(']').toString();
  }
}

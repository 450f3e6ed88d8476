package net.iotgw.protocols.pana.engine;

import java.util.random.RandomGenerator;

/**
 * RFC 5191 §9 retransmission parameters (the RFC 3315 §14 algorithm): RT starts at IRT, doubles
 * with each retransmission up to MRT, and each value carries a RAND jitter in [-0.1, +0.1] drawn
 * from the caller's generator. After MRC retransmissions the exchange has failed; an MRC of 0
 * means no limit (RFC 3315 §14), which is how §9 sets it for the PCI.
 */
public record RetransmitPolicy(long initialMillis, long maxMillis, int maxCount) {
  /** REQ_IRT 1 s, REQ_MRT 30 s, REQ_MRC 10 (§9). */
  public static final RetransmitPolicy REQUEST = new RetransmitPolicy(1_000, 30_000, 10);

  /** PCI_IRT 1 s, PCI_MRT 120 s, PCI_MRC 0: the PaC keeps soliciting (§9). */
  public static final RetransmitPolicy PCI = new RetransmitPolicy(1_000, 120_000, 0);

  /** Whether {@code count} retransmissions exhaust this policy. */
  public boolean exhausted(int count) {
    return maxCount > 0 && count >= maxCount;
  }

  /** The first RT: IRT + RAND * IRT. */
  public long first(RandomGenerator random) {
    return jitter(initialMillis, random);
  }

  /** The next RT: 2 * RTprev + RAND * RTprev, and MRT + RAND * MRT once it would exceed MRT. */
  public long next(long previous, RandomGenerator random) {
    long rt = 2 * previous + Math.round(rand(random) * previous);
    return rt > maxMillis ? jitter(maxMillis, random) : rt;
  }

  private static long jitter(long base, RandomGenerator random) {
    return base + Math.round(rand(random) * base);
  }

  private static double rand(RandomGenerator random) {
    return random.nextDouble(-0.1, 0.1);
  }
}

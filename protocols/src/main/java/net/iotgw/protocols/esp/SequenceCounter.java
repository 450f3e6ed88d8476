package net.iotgw.protocols.esp;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The sender's sequence number counter of one outbound SA (RFC 4303 §3.3.3): starts at 0, the
 * first packet carries 1, and it never wraps: after 2^32 - 1 (or 2^64 - 1 with ESN) {@link #next}
 * throws {@link SequenceExhausted} and the SA must be replaced.
 *
 * <p>Thread-safe and allocation-free: one lock-free compare-and-set per packet, so several
 * senders may share an SA's counter.
 */
public final class SequenceCounter {
  private static final long MAX_32 = 0xffff_ffffL;
  private static final long MAX_64 = -1L; // 2^64 - 1, unsigned

  private final AtomicLong last;
  private final long max;

  /** A fresh counter: the first {@link #next()} returns 1. */
  public SequenceCounter(boolean extendedSequenceNumbers) {
    this(0, extendedSequenceNumbers);
  }

  private SequenceCounter(long lastSent, boolean extendedSequenceNumbers) {
    this.max = extendedSequenceNumbers ? MAX_64 : MAX_32;
    if (Long.compareUnsigned(lastSent, max) > 0) {
      throw new IllegalArgumentException("last sent sequence number beyond the counter's range");
    }
    this.last = new AtomicLong(lastSent);
  }

  /** A counter that continues after {@code lastSent} (unsigned), e.g. from a stored SA state. */
  public static SequenceCounter resumingAfter(long lastSent, boolean extendedSequenceNumbers) {
    return new SequenceCounter(lastSent, extendedSequenceNumbers);
  }

  /** For the packets of {@code sa}: 32- or 64-bit as negotiated. */
  public static SequenceCounter forSa(EspSa sa) {
    return new SequenceCounter(sa.extendedSequenceNumbers());
  }

  /**
   * The sequence number for the next packet (unsigned).
   *
   * @throws SequenceExhausted if every sequence number has been used
   */
  public long next() throws SequenceExhausted {
    while (true) {
      long current = last.get();
      if (current == max) {
        throw new SequenceExhausted(current);
      }
      if (last.compareAndSet(current, current + 1)) {
        return current + 1;
      }
    }
  }

  /** The last sequence number handed out (unsigned), 0 if none. */
  public long lastSent() {
    return last.get();
  }

  @Override
  public String toString() {
    return "SequenceCounter[last=" + Long.toUnsignedString(last.get())
        + (max == MAX_64 ? ", ESN]" : "]");
  }
}

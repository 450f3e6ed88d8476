package net.iotgw.protocols.esp;

/**
 * The receiver's anti-replay window of one inbound SA (RFC 4303 §3.4.3, and Appendix A2 for
 * extended sequence numbers). The check is split in two, as in BouncyCastle's DTLSReplayWindow:
 * {@link #shouldDiscard} before the ICV is verified, {@link #markAuthenticated} only after, so a
 * forged packet can never move the window.
 *
 * <p>The bitmap is a ring of 64-bit words indexed by sequence number (RFC 6479), so advancing the
 * window clears whole words instead of shifting bits: O(1) per in-order packet whatever the
 * window size, and no allocation after construction.
 *
 * <p>Not thread-safe, by design: a window has one owner (the stream stage or actor that receives
 * the SA's packets), which calls shouldDiscard, verifies, then markAuthenticated, in turn.
 * Sequence numbers are unsigned 64-bit values in a {@code long}; 0 is never valid (the first
 * packet of an SA carries 1, §3.3.3).
 */
public final class ReplayWindow {
  public static final int DEFAULT_SIZE = 64;
  /** RFC 4303 §3.4.3: a window of 32 MUST be supported. */
  public static final int MIN_SIZE = 32;
  public static final int MAX_SIZE = 4096;

  private final int size;
  private final long[] ring;
  private long top; // T: the highest authenticated sequence number, 0 before the first

  public ReplayWindow() {
    this(DEFAULT_SIZE);
  }

  /** @param size W, the number of sequence numbers the window remembers, 32..4096 */
  public ReplayWindow(int size) {
    if (size < MIN_SIZE || size > MAX_SIZE) {
      throw new IllegalArgumentException("window size must be " + MIN_SIZE + ".." + MAX_SIZE);
    }
    this.size = size;
    // One word more than the window spans, so the word being reused is never a live one.
    this.ring = new long[(size + 63) / 64 + 1];
  }

  public int size() {
    return size;
  }

  /** T, the highest sequence number authenticated so far (unsigned); 0 if none yet. */
  public long highestAuthenticated() {
    return top;
  }

  /**
   * True if a packet with this sequence number must be dropped without verifying it: 0, older
   * than the window, or already received. A number above the window is never discarded here.
   */
  public boolean shouldDiscard(long seq) {
    if (seq == 0) {
      return true;
    }
    if (Long.compareUnsigned(seq, top) > 0) {
      return false;
    }
    if (Long.compareUnsigned(top - seq, size) >= 0) {
      return true;
    }
    return (ring[word(seq)] & bit(seq)) != 0;
  }

  /**
   * Records {@code seq} as received; call only once the packet's ICV has verified. Advances the
   * window when {@code seq} is above it; a number that has meanwhile fallen out of it is ignored.
   */
  public void markAuthenticated(long seq) {
    if (seq == 0) {
      return;
    }
    if (Long.compareUnsigned(seq, top) > 0) {
      long oldWord = top >>> 6;
      long newWord = seq >>> 6;
      if (newWord - oldWord >= ring.length) {
        java.util.Arrays.fill(ring, 0L);
      } else {
        for (long w = oldWord + 1; w <= newWord; w++) {
          ring[(int) (w % ring.length)] = 0L;
        }
      }
      top = seq;
    } else if (Long.compareUnsigned(top - seq, size) >= 0) {
      return;
    }
    ring[word(seq)] |= bit(seq);
  }

  /**
   * The full 64-bit sequence number of an ESN packet whose header carries {@code seqLow} (RFC
   * 4303 Appendix A2.2): the high half is T's, or the one after when the low half lies below the
   * window's bottom, or the one before when the window straddles a 2^32 boundary and the low half
   * lies in the older part. Returns 0 (which {@link #shouldDiscard} always refuses) when that
   * would be below 0 or above 2^64 - 1. Resynchronisation after 2^32 lost packets (Appendix A3)
   * is not attempted.
   */
  public long inferSequenceNumber(long seqLow) {
    long low = seqLow & 0xffff_ffffL;
    long tl = top & 0xffff_ffffL;
    long th = top >>> 32;
    long bottom = (tl - size + 1) & 0xffff_ffffL; // Bl, mod 2^32
    long high;
    if (tl >= size - 1) { // Case A: the window lies within one 2^32 subspace
      high = low >= bottom ? th : th + 1;
    } else { // Case B: the window spans two subspaces
      high = low >= bottom ? th - 1 : th;
    }
    if (high < 0 || high > 0xffff_ffffL) {
      return 0;
    }
    return (high << 32) | low;
  }

  private int word(long seq) {
    return (int) ((seq >>> 6) % ring.length);
  }

  private static long bit(long seq) {
    return 1L << (seq & 63);
  }

  @Override
  public String toString() {
    return "ReplayWindow[size=" + size + ", top=" + Long.toUnsignedString(top) + "]";
  }
}

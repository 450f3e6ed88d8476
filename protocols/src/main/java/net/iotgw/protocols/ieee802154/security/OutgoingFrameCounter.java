package net.iotgw.protocols.ieee802154.security;

/**
 * The frame counter a sender puts in its next secured frame (IEEE 802.15.4-2006 §7.5.8.2.1,
 * macFrameCounter). Immutable: {@link #next()} gives the state after one use, and the owner stores
 * it. 0xFFFFFFFF is never sent: 802.15.4 treats a counter at that value as exhausted (a receiver
 * refuses it, §7.5.8.2.3), so the key must be replaced (a new PANA key, hence a new PEMK) first.
 *
 * @param value the counter the next frame carries, 0..0xFFFFFFFF (the latter meaning exhausted)
 */
public record OutgoingFrameCounter(long value) {
  /** The value no frame may carry. */
  public static final long EXHAUSTED = 0xFFFF_FFFFL;

  public OutgoingFrameCounter {
    if (value < 0 || value > EXHAUSTED) {
      throw new IllegalArgumentException("frame counter must be 0..0xffffffff, got " + value);
    }
  }

  /** A fresh key's counter. */
  public static OutgoingFrameCounter initial() {
    return new OutgoingFrameCounter(0);
  }

  /** True once every usable value has been sent. */
  public boolean exhausted() {
    return value == EXHAUSTED;
  }

  /**
   * The state after sending a frame with {@link #value()}.
   *
   * @throws IllegalStateException if {@link #exhausted()}
   */
  public OutgoingFrameCounter next() {
    if (exhausted()) {
      throw new IllegalStateException("frame counter exhausted: the link key must be replaced");
    }
    return new OutgoingFrameCounter(value + 1);
  }
}

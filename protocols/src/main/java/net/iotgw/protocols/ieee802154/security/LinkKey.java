package net.iotgw.protocols.ieee802154.security;

import java.util.Arrays;

/**
 * An AES-128 key for 802.15.4 frame protection (IEEE 802.15.4-2015 §9.3: CCM* with AES-128). It is
 * a small owned object rather than a record so that {@link #destroy()} can zero it and {@link
 * #toString()} never shows it. Not thread-safe: the owner (one device's actor) uses it alone.
 */
public final class LinkKey {
  public static final int LENGTH = 16;

  private final byte[] key;
  private boolean destroyed;

  private LinkKey(byte[] key) {
    this.key = key;
  }

  /** A copy of {@code key}, which must be 16 bytes. */
  public static LinkKey of(byte[] key) {
    if (key.length != LENGTH) {
      throw new IllegalArgumentException("AES-128 link key must be 16 bytes, got " + key.length);
    }
    return new LinkKey(key.clone());
  }

  /** A copy of the key bytes; the caller zeroes it after use. */
  public byte[] bytes() {
    if (destroyed) {
      throw new IllegalStateException("link key destroyed");
    }
    return key.clone();
  }

  public boolean isDestroyed() {
    return destroyed;
  }

  /** Zeroes the key; it cannot be used afterwards. */
  public void destroy() {
    Arrays.fill(key, (byte) 0);
    destroyed = true;
  }

  @Override
  public String toString() {
    return destroyed ? "LinkKey[destroyed]" : "LinkKey[redacted]";
  }
}

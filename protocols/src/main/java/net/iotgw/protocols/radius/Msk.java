package net.iotgw.protocols.radius;

import java.util.Arrays;

/**
 * The 64-octet EAP MSK as a RADIUS server delivers it: MS-MPPE-Recv-Key (the first 32 octets)
 * followed by MS-MPPE-Send-Key (the last 32), the order hostapd's authenticator and RADIUS
 * server use (RFC 3748 §7.10 defines MSK; RFC 5247 appendix; RFC 2548 §2.4 the attributes).
 */
public final class Msk implements AutoCloseable {
  public static final int LENGTH = 64;

  private final byte[] key;

  public Msk(byte[] key) {
    if (key.length != LENGTH) {
      throw new IllegalArgumentException("MSK of " + key.length + " bytes");
    }
    this.key = key.clone();
  }

  /** A copy: the caller zeroes it when done. */
  public byte[] bytes() {
    return key.clone();
  }

  public byte[] recvKey() {
    return Arrays.copyOfRange(key, 0, 32);
  }

  public byte[] sendKey() {
    return Arrays.copyOfRange(key, 32, 64);
  }

  /** Zeroes the key. */
  @Override
  public void close() {
    Arrays.fill(key, (byte) 0);
  }

  @Override
  public String toString() {
    return "Msk[redacted]";
  }
}

package net.iotgw.protocols.ike.engine;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * The responder's stateless cookie (RFC 7296 §2.6): Cookie = VersionIDofSecret | Hash(Ni | IPi |
 * SPIi | secret), here a 4-byte version and SHA-256, 36 octets. The owner holds one instance for
 * all its CDs and {@link #rotate}s it periodically; a cookie made with the previous secret is
 * still accepted, so an initiator caught by a rotation is not refused (§2.6: "the responder
 * should accept cookies computed with the old secret for a short time").
 *
 * <p>Immutable. {@link #toString()} hides the secrets.
 */
public final class CookieSecrets {
  private static final int SECRET_LENGTH = 32;
  private static final int VERSION_LENGTH = 4;
  static final int COOKIE_LENGTH = VERSION_LENGTH + 32;

  private final int version;
  private final byte[] current;
  private final byte[] previous;

  private CookieSecrets(int version, byte[] current, byte[] previous) {
    this.version = version;
    this.current = current;
    this.previous = previous;
  }

  public static CookieSecrets create(SecureRandom random) {
    return new CookieSecrets(0, fresh(random), null);
  }

  /** A new current secret; the current one becomes the previous. */
  public CookieSecrets rotate(SecureRandom random) {
    return new CookieSecrets(version + 1, fresh(random), current);
  }

  public int version() {
    return version;
  }

  /** The cookie for an initiator's IKE_SA_INIT. */
  public byte[] cookieFor(byte[] ni, byte[] initiatorAddress, long spiI) {
    return cookie(version, current, ni, initiatorAddress, spiI);
  }

  /** Whether {@code cookie} was made by the current or the previous secret for these values. */
  public boolean isValid(byte[] cookie, byte[] ni, byte[] initiatorAddress, long spiI) {
    if (cookie.length != COOKIE_LENGTH) {
      return false;
    }
    int v = ((cookie[0] & 0xff) << 24) | ((cookie[1] & 0xff) << 16) | ((cookie[2] & 0xff) << 8)
        | (cookie[3] & 0xff);
    byte[] secret = v == version ? current : v == version - 1 ? previous : null;
    if (secret == null) {
      return false;
    }
    byte[] expected = cookie(v, secret, ni, initiatorAddress, spiI);
    return org.bouncycastle.util.Arrays.constantTimeAreEqual(expected, cookie);
  }

  private static byte[] cookie(int version, byte[] secret, byte[] ni, byte[] ip, long spiI) {
    SHA256Digest sha = new SHA256Digest();
    sha.update(ni, 0, ni.length);
    sha.update(ip, 0, ip.length);
    for (int i = 7; i >= 0; i--) {
      sha.update((byte) (spiI >>> (8 * i)));
    }
    sha.update(secret, 0, secret.length);
    byte[] out = new byte[COOKIE_LENGTH];
    out[0] = (byte) (version >>> 24);
    out[1] = (byte) (version >>> 16);
    out[2] = (byte) (version >>> 8);
    out[3] = (byte) version;
    sha.doFinal(out, VERSION_LENGTH);
    return out;
  }

  private static byte[] fresh(SecureRandom random) {
    byte[] s = new byte[SECRET_LENGTH];
    random.nextBytes(s);
    return s;
  }

  @Override
  public String toString() {
    return "CookieSecrets[version " + version + (previous != null ? ", with previous" : "")
        + ", secrets redacted]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CookieSecrets c
        && version == c.version
        && Arrays.equals(current, c.current)
        && Arrays.equals(previous, c.previous);
  }

  @Override
  public int hashCode() {
    return 31 * version + Arrays.hashCode(current);
  }
}

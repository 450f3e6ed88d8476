package net.iotgw.protocols.ike.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * Group 31, Curve25519 (RFC 8031): Key Exchange Data and g^ir are 32-byte u coordinates (RFC 7748
 * §5). BouncyCastle's X25519 class directly, which is several times faster than the JDK's XDH.
 */
final class X25519KeyExchange implements KeyExchange {
  private static final int LENGTH = X25519.POINT_SIZE;

  private final byte[] privateKey;
  private final byte[] publicValue = new byte[LENGTH];
  private boolean destroyed;

  private X25519KeyExchange(byte[] privateKey) {
    this.privateKey = privateKey;
    X25519.generatePublicKey(privateKey, 0, publicValue, 0);
  }

  static X25519KeyExchange generate(SecureRandom random) {
    byte[] k = new byte[X25519.SCALAR_SIZE];
    X25519.generatePrivateKey(random, k);
    return new X25519KeyExchange(k);
  }

  static X25519KeyExchange fromPrivateKey(byte[] scalar) {
    if (scalar.length != X25519.SCALAR_SIZE) {
      throw new IllegalArgumentException("X25519 private key must be 32 bytes");
    }
    return new X25519KeyExchange(scalar.clone());
  }

  @Override
  public DhGroup group() {
    return DhGroup.CURVE25519;
  }

  @Override
  public byte[] publicValue() {
    return publicValue.clone();
  }

  @Override
  public Decoded<byte[]> agree(byte[] peerPublicValue) {
    if (destroyed) {
      throw new IllegalStateException("key exchange destroyed");
    }
    if (peerPublicValue.length != LENGTH) {
      return Decoded.failed(
          new DecodeError(
              DecodeError.Kind.BAD_LENGTH,
              0,
              "Curve25519 KE data must be 32 bytes, got " + peerPublicValue.length));
    }
    byte[] shared = new byte[LENGTH];
    // RFC 8031 §2.2 / RFC 7748 §6.1: a low-order peer point gives the all-zero secret; abort.
    if (!X25519.calculateAgreement(privateKey, 0, peerPublicValue, 0, shared, 0)) {
      return Decoded.failed(
          new DecodeError(
              DecodeError.Kind.INVALID_SYNTAX, 0, "Curve25519 shared secret is all zero"));
    }
    return Decoded.ok(shared);
  }

  @Override
  public void destroy() {
    destroyed = true;
    Arrays.fill(privateKey, (byte) 0);
  }

  @Override
  public String toString() {
    return "X25519KeyExchange[private key redacted]";
  }
}

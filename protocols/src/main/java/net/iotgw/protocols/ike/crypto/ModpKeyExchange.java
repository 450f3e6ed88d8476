package net.iotgw.protocols.ike.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.bouncycastle.util.BigIntegers;

/**
 * Group 14, the 2048-bit MODP group (RFC 3526 §3, generator 2). Key Exchange Data and g^ir are
 * left-padded to the 256-byte length of the prime (RFC 7296 §3.4, §2.14).
 */
final class ModpKeyExchange implements KeyExchange {
  static final BigInteger P =
      new BigInteger(
          "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1"
              + "29024E088A67CC74020BBEA63B139B22514A08798E3404DD"
              + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245"
              + "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
              + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D"
              + "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
              + "83655D23DCA3AD961C62F356208552BB9ED529077096966D"
              + "670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
              + "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9"
              + "DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
              + "15728E5A8AACAA68FFFFFFFFFFFFFFFF",
          16);
  static final BigInteger G = BigInteger.TWO;
  private static final BigInteger P_MINUS_1 = P.subtract(BigInteger.ONE);
  private static final int LENGTH = 256;
  /** RFC 3526 §8: a 320-bit exponent matches the conservative strength estimate of this group. */
  private static final int EXPONENT_BITS = 320;

  private final byte[] publicValue;
  private BigInteger x;

  private ModpKeyExchange(BigInteger x) {
    this.x = x;
    this.publicValue = BigIntegers.asUnsignedByteArray(LENGTH, G.modPow(x, P));
  }

  static ModpKeyExchange generate(SecureRandom random) {
    // Top bit set, so the exponent never has fewer than EXPONENT_BITS bits.
    BigInteger x = new BigInteger(EXPONENT_BITS, random).setBit(EXPONENT_BITS - 1);
    return new ModpKeyExchange(x);
  }

  static ModpKeyExchange fromPrivateKey(byte[] exponent) {
    BigInteger x = new BigInteger(1, exponent);
    if (x.compareTo(BigInteger.ONE) <= 0 || x.compareTo(P_MINUS_1) >= 0) {
      throw new IllegalArgumentException("MODP exponent must be in [2, p-2]");
    }
    return new ModpKeyExchange(x);
  }

  @Override
  public DhGroup group() {
    return DhGroup.MODP_2048;
  }

  @Override
  public byte[] publicValue() {
    return publicValue.clone();
  }

  @Override
  public Decoded<byte[]> agree(byte[] peerPublicValue) {
    BigInteger secret = x;
    if (secret == null) {
      throw new IllegalStateException("key exchange destroyed");
    }
    if (peerPublicValue.length != LENGTH) {
      return Decoded.failed(
          new DecodeError(
              DecodeError.Kind.BAD_LENGTH,
              0,
              "MODP-2048 KE data must be 256 bytes, got " + peerPublicValue.length));
    }
    BigInteger y = new BigInteger(1, peerPublicValue);
    // RFC 6989 §2.1: 1 < y < p-1 rules out the values that force a predictable secret.
    if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(P_MINUS_1) >= 0) {
      return Decoded.failed(
          new DecodeError(DecodeError.Kind.INVALID_SYNTAX, 0, "MODP-2048 value not in 1 < y < p-1"));
    }
    return Decoded.ok(BigIntegers.asUnsignedByteArray(LENGTH, y.modPow(secret, P)));
  }

  @Override
  public void destroy() {
    // A BigInteger cannot be wiped; dropping the only reference is the best the JVM allows.
    x = null;
  }

  @Override
  public String toString() {
    return "ModpKeyExchange[private key redacted]";
  }
}

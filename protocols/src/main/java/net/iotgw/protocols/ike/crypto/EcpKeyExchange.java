package net.iotgw.protocols.ike.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * Groups 19 and 20, the NIST P-256 and P-384 curves (RFC 5903). Key Exchange Data is x | y, each
 * coordinate left-padded to the field size, without the SEC1 0x04 prefix (RFC 5903 §7); the shared
 * secret is the x coordinate of the product only (RFC 5903 §7; §9 notes the change from RFC 4753).
 */
final class EcpKeyExchange implements KeyExchange {
  private static final ECDomainParameters P256 = domain("secp256r1");
  private static final ECDomainParameters P384 = domain("secp384r1");

  private final DhGroup group;
  private final ECDomainParameters domain;
  private final int fieldLength;
  private final byte[] publicValue;
  private BigInteger d;

  private EcpKeyExchange(DhGroup group, ECDomainParameters domain, BigInteger d) {
    this.group = group;
    this.domain = domain;
    this.fieldLength = (domain.getCurve().getFieldSize() + 7) / 8;
    this.d = d;
    ECPoint q = new FixedPointCombMultiplier().multiply(domain.getG(), d).normalize();
    this.publicValue = new byte[2 * fieldLength];
    q.getAffineXCoord().encodeTo(publicValue, 0);
    q.getAffineYCoord().encodeTo(publicValue, fieldLength);
  }

  static ECDomainParameters domainOf(DhGroup group) {
    return switch (group) {
      case ECP_256 -> P256;
      case ECP_384 -> P384;
      default -> throw new IllegalArgumentException(group + " is not an ECP group");
    };
  }

  static EcpKeyExchange generate(DhGroup group, SecureRandom random) {
    ECDomainParameters domain = domainOf(group);
    BigInteger d =
        BigIntegers.createRandomInRange(BigInteger.ONE, domain.getN().subtract(BigInteger.ONE), random);
    return new EcpKeyExchange(group, domain, d);
  }

  static EcpKeyExchange fromPrivateKey(DhGroup group, byte[] scalar) {
    ECDomainParameters domain = domainOf(group);
    BigInteger d = new BigInteger(1, scalar);
    if (d.signum() == 0 || d.compareTo(domain.getN()) >= 0) {
      throw new IllegalArgumentException("ECP private key must be in [1, n-1]");
    }
    return new EcpKeyExchange(group, domain, d);
  }

  @Override
  public DhGroup group() {
    return group;
  }

  @Override
  public byte[] publicValue() {
    return publicValue.clone();
  }

  @Override
  public Decoded<byte[]> agree(byte[] peerPublicValue) {
    BigInteger secret = d;
    if (secret == null) {
      throw new IllegalStateException("key exchange destroyed");
    }
    if (peerPublicValue.length != 2 * fieldLength) {
      return failed(
          DecodeError.Kind.BAD_LENGTH,
          group + " KE data must be " + 2 * fieldLength + " bytes, got " + peerPublicValue.length);
    }
    ECCurve curve = domain.getCurve();
    BigInteger p = curve.getField().getCharacteristic();
    BigInteger x = new BigInteger(1, Arrays.copyOfRange(peerPublicValue, 0, fieldLength));
    BigInteger y =
        new BigInteger(1, Arrays.copyOfRange(peerPublicValue, fieldLength, 2 * fieldLength));
    // RFC 6989 §2.3: the peer's point must be a valid point of the group. Coordinates >= p would
    // make BouncyCastle's field constructors throw, so they are refused first.
    if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
      return failed(DecodeError.Kind.INVALID_SYNTAX, group + " coordinate not below the field prime");
    }
    ECPoint q = curve.createPoint(x, y);
    if (!q.isValid()) {
      return failed(DecodeError.Kind.INVALID_SYNTAX, group + " point is not on the curve");
    }
    ECPoint s = q.multiply(secret).normalize();
    if (s.isInfinity()) {
      return failed(DecodeError.Kind.INVALID_SYNTAX, group + " shared point is the identity");
    }
    return Decoded.ok(s.getAffineXCoord().getEncoded());
  }

  @Override
  public void destroy() {
    // A BigInteger cannot be wiped; dropping the only reference is the best the JVM allows.
    d = null;
  }

  @Override
  public String toString() {
    return "EcpKeyExchange[" + group + ", private key redacted]";
  }

  private static Decoded<byte[]> failed(DecodeError.Kind kind, String detail) {
    return Decoded.failed(new DecodeError(kind, 0, detail));
  }

  private static ECDomainParameters domain(String name) {
    X9ECParameters x9 = CustomNamedCurves.getByName(name);
    return new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH(), x9.getSeed());
  }
}

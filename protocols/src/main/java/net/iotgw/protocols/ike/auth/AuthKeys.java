package net.iotgw.protocols.ike.auth;

import java.io.IOException;
import java.io.StringReader;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;

/**
 * Loads the keys of {@link DigitalSignatureAuth}: private keys from PEM ("PRIVATE KEY" PKCS#8, or
 * "EC PRIVATE KEY" RFC 5915) or PKCS#8 DER, public keys from PEM ("PUBLIC KEY", "CERTIFICATE") or
 * from a DER X.509 certificate such as a CERT payload carries (encoding 4, RFC 7296 §3.6).
 *
 * <p>Only P-256 and Ed25519 keys are accepted ({@code UNSUPPORTED} otherwise); P-256 keys come
 * back on BouncyCastle's fast custom curve. Every method is total: malformed input is a
 * {@code Decoded.Failed}, never an exception. The certificate is not validated (no chain, dates
 * or revocation): that is a trust decision for the caller.
 */
public final class AuthKeys {
  private AuthKeys() {}

  public static Decoded<AsymmetricKeyParameter> privateKeyFromPem(String pem) {
    Object object = readPem(pem);
    try {
      if (object instanceof PrivateKeyInfo info) {
        return supportedPrivate(PrivateKeyFactory.createKey(info));
      }
      if (object instanceof PEMKeyPair pair) {
        return supportedPrivate(PrivateKeyFactory.createKey(pair.getPrivateKeyInfo()));
      }
    } catch (IOException | RuntimeException e) {
      return failed(DecodeError.Kind.INVALID_SYNTAX, "unreadable private key");
    }
    return failed(DecodeError.Kind.INVALID_SYNTAX, "no unencrypted private key in the PEM text");
  }

  /** A PKCS#8 PrivateKeyInfo in DER. */
  public static Decoded<AsymmetricKeyParameter> privateKeyFromDer(byte[] pkcs8) {
    try {
      return supportedPrivate(PrivateKeyFactory.createKey(pkcs8));
    } catch (IOException | RuntimeException e) {
      return failed(DecodeError.Kind.INVALID_SYNTAX, "unreadable PKCS#8 key");
    }
  }

  /** The key of a "PUBLIC KEY" (SubjectPublicKeyInfo) or of a "CERTIFICATE" in PEM. */
  public static Decoded<AsymmetricKeyParameter> publicKeyFromPem(String pem) {
    Object object = readPem(pem);
    if (object instanceof X509CertificateHolder cert) {
      return publicKeyOf(cert.getSubjectPublicKeyInfo());
    }
    if (object instanceof SubjectPublicKeyInfo info) {
      return publicKeyOf(info);
    }
    return failed(DecodeError.Kind.INVALID_SYNTAX, "no public key or certificate in the PEM text");
  }

  /** The subject public key of a DER X.509 certificate. */
  public static Decoded<AsymmetricKeyParameter> publicKeyFromCertificate(byte[] der) {
    X509CertificateHolder cert;
    try {
      cert = new X509CertificateHolder(der);
    } catch (IOException | RuntimeException e) {
      // BouncyCastle's ASN.1 layer reports hostile DER with several unchecked exception types.
      return failed(DecodeError.Kind.INVALID_SYNTAX, "unreadable X.509 certificate");
    }
    return publicKeyOf(cert.getSubjectPublicKeyInfo());
  }

  private static Object readPem(String pem) {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      return parser.readObject();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Decoded<AsymmetricKeyParameter> publicKeyOf(SubjectPublicKeyInfo info) {
    AsymmetricKeyParameter key;
    try {
      key = PublicKeyFactory.createKey(info);
    } catch (IOException | RuntimeException e) {
      return failed(DecodeError.Kind.INVALID_SYNTAX, "unreadable public key");
    }
    if (key instanceof Ed25519PublicKeyParameters) {
      return Decoded.ok(key);
    }
    if (key instanceof ECPublicKeyParameters ec
        && P256.is(ec.getParameters())) {
      var domain = P256.DOMAIN;
      return Decoded.ok(
          new ECPublicKeyParameters(domain.getCurve().importPoint(ec.getQ()), domain));
    }
    return failed(DecodeError.Kind.UNSUPPORTED, "only P-256 and Ed25519 public keys are supported");
  }

  private static Decoded<AsymmetricKeyParameter> supportedPrivate(AsymmetricKeyParameter key) {
    if (key instanceof Ed25519PrivateKeyParameters) {
      return Decoded.ok(key);
    }
    if (key instanceof ECPrivateKeyParameters ec
        && P256.is(ec.getParameters())) {
      return Decoded.ok(new ECPrivateKeyParameters(ec.getD(), P256.DOMAIN));
    }
    return failed(DecodeError.Kind.UNSUPPORTED, "only P-256 and Ed25519 private keys are supported");
  }

  private static Decoded<AsymmetricKeyParameter> failed(DecodeError.Kind kind, String detail) {
    return Decoded.failed(new DecodeError(kind, 0, detail));
  }
}

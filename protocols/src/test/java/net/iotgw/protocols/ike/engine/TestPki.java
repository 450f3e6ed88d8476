package net.iotgw.protocols.ike.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Date;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.operator.bc.BcEdECContentSignerBuilder;

/** Test-only certificates made with BouncyCastle's lightweight builders: a CA and its subjects. */
final class TestPki {
  /** 2024-01-01 to 2124-01-01, like the committed strongSwan test PKI. */
  static final long NOT_BEFORE = 1704067200000L;
  static final long NOT_AFTER = 4860000000000L;
  /** A moment inside every default validity period. */
  static final long NOW = 1767225600000L;

  enum KeyType {
    P256,
    ED25519
  }

  /** A key pair and the certificate of its public half. */
  record Party(AsymmetricCipherKeyPair keys, X509CertificateHolder cert) {
    AsymmetricKeyParameter privateKey() {
      return keys.getPrivate();
    }

    byte[] der() {
      try {
        return cert.getEncoded();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final SecureRandom random;
  private long serial = 1;

  TestPki(SecureRandom random) {
    this.random = random;
  }

  AsymmetricCipherKeyPair keyPair(KeyType type) {
    if (type == KeyType.ED25519) {
      Ed25519KeyPairGenerator g = new Ed25519KeyPairGenerator();
      g.init(new Ed25519KeyGenerationParameters(random));
      return g.generateKeyPair();
    }
    var x9 = CustomNamedCurves.getByName("secp256r1");
    ECKeyPairGenerator g = new ECKeyPairGenerator();
    g.init(new ECKeyGenerationParameters(
        new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH()), random));
    return g.generateKeyPair();
  }

  Party ca(String cn, KeyType type) {
    AsymmetricCipherKeyPair keys = keyPair(type);
    X500Name name = new X500Name("CN=" + cn);
    return new Party(keys, build(name, keys, name, keys.getPublic(), null, true, NOT_BEFORE,
        NOT_AFTER));
  }

  Party endEntity(Party issuer, String email, KeyType type) {
    return endEntity(issuer, email, type, NOT_BEFORE, NOT_AFTER, true);
  }

  Party endEntity(
      Party issuer, String email, KeyType type, long from, long to, boolean signatureUsage) {
    AsymmetricCipherKeyPair keys = keyPair(type);
    return new Party(keys, build(issuer.cert().getSubject(), issuer.keys(),
        new X500Name("CN=" + email), keys.getPublic(), email, false, from, to, signatureUsage));
  }

  /** An intermediate CA under {@code issuer}. */
  Party intermediate(Party issuer, String cn, KeyType type) {
    AsymmetricCipherKeyPair keys = keyPair(type);
    return new Party(keys, build(issuer.cert().getSubject(), issuer.keys(), new X500Name("CN=" + cn),
        keys.getPublic(), null, true, NOT_BEFORE, NOT_AFTER));
  }

  private X509CertificateHolder build(
      X500Name issuer, AsymmetricCipherKeyPair issuerKeys, X500Name subject,
      AsymmetricKeyParameter subjectKey, String email, boolean ca, long from, long to) {
    return build(issuer, issuerKeys, subject, subjectKey, email, ca, from, to, true);
  }

  private X509CertificateHolder build(
      X500Name issuer, AsymmetricCipherKeyPair issuerKeys, X500Name subject,
      AsymmetricKeyParameter subjectKey, String email, boolean ca, long from, long to,
      boolean signatureUsage) {
    try {
      X509v3CertificateBuilder b =
          new BcX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial++), new Date(from),
              new Date(to), subject, subjectKey);
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      int usage = ca ? KeyUsage.keyCertSign : (signatureUsage ? KeyUsage.digitalSignature
          : KeyUsage.keyEncipherment);
      b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
      if (email != null) {
        b.addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
      }
      return b.build(signer(issuerKeys.getPrivate()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ContentSigner signer(AsymmetricKeyParameter key) {
    try {
      if (key instanceof ECPrivateKeyParameters) {
        AlgorithmIdentifier sig = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
        AlgorithmIdentifier dig = new DefaultDigestAlgorithmIdentifierFinder().find(sig);
        return new BcECContentSignerBuilder(sig, dig).build(key);
      }
      return new BcEdECContentSignerBuilder(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519))
          .build(key);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

}

package net.iotgw.protocols.ike.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Date;
import java.util.Random;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.util.encoders.Hex;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;

class AuthKeysTest {
  /** RFC 8410 §10.3: an Ed25519 private key in PKCS#8. */
  private static final String RFC8410_PRIVATE =
      "-----BEGIN PRIVATE KEY-----\n"
          + "MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n"
          + "-----END PRIVATE KEY-----\n";
  /** RFC 8410 §10.1: the matching public key. */
  private static final String RFC8410_PUBLIC =
      "-----BEGIN PUBLIC KEY-----\n"
          + "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n"
          + "-----END PUBLIC KEY-----\n";

  private static final ECPrivateKeyParameters RFC6979_KEY =
      new ECPrivateKeyParameters(
          new BigInteger("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721", 16),
          P256.DOMAIN);

  private static String pem(String type, byte[] der) throws IOException {
    StringWriter out = new StringWriter();
    try (PemWriter w = new PemWriter(out)) {
      w.writeObject(new PemObject(type, der));
    }
    return out.toString();
  }

  private static DecodeError.Kind kind(Decoded<?> d) {
    return ((Decoded.Failed<?>) d).error().kind();
  }

  @Test
  void rfc8410Section10Ed25519PrivateKeyMatchesItsPublicKey() {
    Ed25519PrivateKeyParameters priv =
        (Ed25519PrivateKeyParameters) AuthKeys.privateKeyFromPem(RFC8410_PRIVATE).orThrow();
    assertArrayEquals(
        Hex.decode("d4ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f44755842"),
        priv.getEncoded());
    Ed25519PublicKeyParameters pub =
        (Ed25519PublicKeyParameters) AuthKeys.publicKeyFromPem(RFC8410_PUBLIC).orThrow();
    assertArrayEquals(priv.generatePublicKey().getEncoded(), pub.getEncoded());
    byte[] octets = {1, 2, 3};
    assertEquals(
        SignatureScheme.ED25519,
        DigitalSignatureAuth.verify(pub, octets, DigitalSignatureAuth.sign(priv, octets)).orThrow());
  }

  @Test
  void loadsP256KeysFromPkcs8AndSec1PemOntoTheFastCurve() throws IOException {
    var info = PrivateKeyInfoFactory.createPrivateKeyInfo(RFC6979_KEY);
    String pkcs8 = pem("PRIVATE KEY", info.getEncoded());
    String sec1 = pem("EC PRIVATE KEY", info.parsePrivateKey().toASN1Primitive().getEncoded());
    for (String text : new String[] {pkcs8, sec1}) {
      ECPrivateKeyParameters k = (ECPrivateKeyParameters) AuthKeys.privateKeyFromPem(text).orThrow();
      assertEquals(RFC6979_KEY.getD(), k.getD());
      assertSame(P256.DOMAIN, k.getParameters());
    }
    ECPrivateKeyParameters fromDer =
        (ECPrivateKeyParameters) AuthKeys.privateKeyFromDer(info.getEncoded()).orThrow();
    assertEquals(RFC6979_KEY.getD(), fromDer.getD());
  }

  @Test
  void extractsTheSubjectKeyOfAnX509CertificateInDerAndPem() throws Exception {
    ECPublicKeyParameters subject =
        new ECPublicKeyParameters(
            P256.DOMAIN.getG().multiply(RFC6979_KEY.getD()).normalize(),
            P256.DOMAIN);
    AlgorithmIdentifier sigAlg =
        new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
    AlgorithmIdentifier digAlg = new DefaultDigestAlgorithmIdentifierFinder().find(sigAlg);
    X509v3CertificateBuilder builder =
        new BcX509v3CertificateBuilder(
            new X500Name("CN=cd1@example.org"),
            BigInteger.ONE,
            new Date(0),
            new Date(4102444800000L),
            new X500Name("CN=cd1@example.org"),
            subject);
    byte[] der = builder.build(new BcECContentSignerBuilder(sigAlg, digAlg).build(RFC6979_KEY)).getEncoded();

    ECPublicKeyParameters fromDer =
        (ECPublicKeyParameters) AuthKeys.publicKeyFromCertificate(der).orThrow();
    assertEquals(subject.getQ().getAffineXCoord().toBigInteger(), fromDer.getQ().getAffineXCoord().toBigInteger());
    ECPublicKeyParameters fromPem =
        (ECPublicKeyParameters) AuthKeys.publicKeyFromPem(pem("CERTIFICATE", der)).orThrow();
    byte[] octets = {9, 9, 9};
    byte[] auth = DigitalSignatureAuth.sign(RFC6979_KEY, octets);
    assertEquals(SignatureScheme.ECDSA_P256_SHA256, DigitalSignatureAuth.verify(fromPem, octets, auth).orThrow());

    // A CERT payload cut short, or with a flipped length byte, is refused without an exception.
    assertEquals(
        DecodeError.Kind.INVALID_SYNTAX,
        kind(AuthKeys.publicKeyFromCertificate(java.util.Arrays.copyOf(der, der.length / 2))));
    byte[] corrupt = der.clone();
    corrupt[1] ^= 0x40;
    assertFalse(AuthKeys.publicKeyFromCertificate(corrupt).isOk());
  }

  @Test
  void refusesKeysOfOtherCurvesAsUnsupported() throws IOException {
    var x9 = CustomNamedCurves.getByName("secp384r1");
    ECKeyPairGenerator gen = new ECKeyPairGenerator();
    gen.init(
        new ECKeyGenerationParameters(
            new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH()),
            new SecureRandom()));
    AsymmetricCipherKeyPair pair = gen.generateKeyPair();
    String priv = pem("PRIVATE KEY", PrivateKeyInfoFactory.createPrivateKeyInfo(pair.getPrivate()).getEncoded());
    String pub =
        pem(
            "PUBLIC KEY",
            SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pair.getPublic()).getEncoded());
    assertEquals(DecodeError.Kind.UNSUPPORTED, kind(AuthKeys.privateKeyFromPem(priv)));
    assertEquals(DecodeError.Kind.UNSUPPORTED, kind(AuthKeys.publicKeyFromPem(pub)));
  }

  @Test
  void malformedInputIsAFailureNeverAnException() {
    assertFalse(AuthKeys.privateKeyFromPem("").isOk());
    assertFalse(AuthKeys.privateKeyFromPem(RFC8410_PUBLIC).isOk());
    assertFalse(AuthKeys.publicKeyFromPem(RFC8410_PRIVATE).isOk());
    assertFalse(
        AuthKeys.privateKeyFromPem("-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n")
            .isOk());
    Random random = new Random(5);
    for (int i = 0; i < 2000; i++) {
      byte[] data = new byte[random.nextInt(200)];
      random.nextBytes(data);
      if (data.length > 2 && i % 2 == 0) {
        data[0] = 0x30; // a SEQUENCE tag, to get past the first check more often
      }
      assertFalse(AuthKeys.publicKeyFromCertificate(data).isOk());
      assertFalse(AuthKeys.privateKeyFromDer(data).isOk());
    }
  }
}

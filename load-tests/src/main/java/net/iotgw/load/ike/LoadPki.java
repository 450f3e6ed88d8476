package net.iotgw.load.ike;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Date;
import java.util.List;
import net.iotgw.protocols.ike.engine.Credentials;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.bc.BcX509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * The certificates of a {@code --auth cert} run, made fresh with BouncyCastle's lightweight
 * builders: one ECDSA P-256 CA, and under it end-entity certificates (P-256, digitalSignature)
 * whose subjectAltName is the holder's IKE identity (rfc822Name for an identity with an @,
 * dNSName otherwise), as the engine matches identities to certificates (RFC 7296 §3.5). Valid
 * from a day ago for ten years. A load-test PKI: its keys live in the run's temporary directory.
 */
final class LoadPki {
  private static final long DAY = 86_400_000L;

  /** A key pair and its certificate. */
  record Party(AsymmetricCipherKeyPair keys, X509CertificateHolder cert) {
    /** The engine's credentials: the key and the end-entity certificate. */
    Credentials.Certificate credentials() {
      return new Credentials.Certificate(keys.getPrivate(), List.of(der(cert)));
    }

    /** Writes {@code NAME.pem}, the certificate alone, into {@code dir}. */
    void writeCertificate(Path dir, String name) throws IOException {
      Files.writeString(dir.resolve(name + ".pem"), pem("CERTIFICATE", der(cert)));
    }

    /** Writes {@code NAME.pem} (certificate) and {@code NAME.key} (PKCS#8) into {@code dir}. */
    void write(Path dir, String name) throws IOException {
      writeCertificate(dir, name);
      Files.writeString(dir.resolve(name + ".key"), pem("PRIVATE KEY",
          PrivateKeyInfoFactory.createPrivateKeyInfo(keys.getPrivate()).getEncoded()));
    }
  }

  private final SecureRandom random;
  private final Party ca;
  private long serial = 2;

  LoadPki(SecureRandom random) {
    this.random = random;
    AsymmetricCipherKeyPair keys = keyPair();
    X500Name name = new X500Name("CN=iotgw ike load CA");
    this.ca = new Party(keys, build(name, keys, name, keys, null, true, 1));
  }

  Party ca() {
    return ca;
  }

  /** An end entity for {@code identity} (the text of an RFC 822 or FQDN IKE identity). */
  Party issue(String identity) {
    AsymmetricCipherKeyPair keys = keyPair();
    return new Party(keys, build(ca.cert().getSubject(), ca.keys(), new X500Name("CN=" + identity),
        keys, identity, false, serial++));
  }

  private AsymmetricCipherKeyPair keyPair() {
    var x9 = CustomNamedCurves.getByName("secp256r1");
    ECKeyPairGenerator g = new ECKeyPairGenerator();
    g.init(new ECKeyGenerationParameters(
        new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH()), random));
    return g.generateKeyPair();
  }

  private static X509CertificateHolder build(X500Name issuer, AsymmetricCipherKeyPair issuerKeys,
      X500Name subject, AsymmetricCipherKeyPair subjectKeys, String identity, boolean isCa,
      long serial) {
    long now = System.currentTimeMillis();
    try {
      var b = new BcX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial),
          new Date(now - DAY), new Date(now + 3650 * DAY), subject, subjectKeys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
      b.addExtension(Extension.keyUsage, true,
          new KeyUsage(isCa ? KeyUsage.keyCertSign : KeyUsage.digitalSignature));
      if (identity != null) {
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
            new GeneralName(identity.contains("@") ? GeneralName.rfc822Name
                : GeneralName.dNSName, identity)));
      }
      AlgorithmIdentifier sig =
          new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
      AlgorithmIdentifier digest = new DefaultDigestAlgorithmIdentifierFinder().find(sig);
      return b.build(new BcECContentSignerBuilder(sig, digest).build(issuerKeys.getPrivate()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("SHA256withECDSA is BouncyCastle's own", e);
    }
  }

  /**
   * Writes a PKI for a responder over UDP into {@code dir}: {@code ca.pem}, {@code peer.pem} and
   * {@code peer.key} for the responder ({@code peerIdentity}), {@code ours.pem} and {@code
   * ours.key} for the generator ({@code ourIdentity}).
   */
  static void writeForPeer(Path dir, String ourIdentity, String peerIdentity, SecureRandom random)
      throws IOException {
    LoadPki pki = new LoadPki(random);
    Files.createDirectories(dir);
    pki.ca().writeCertificate(dir, "ca");
    pki.issue(peerIdentity).write(dir, "peer");
    pki.issue(ourIdentity).write(dir, "ours");
  }

  /** What {@link #writeForPeer} wrote for our side: our key and certificate, and the CA. */
  static IkeLoad.Auth readOurs(Path dir) throws IOException {
    var key = net.iotgw.protocols.ike.auth.AuthKeys.privateKeyFromPem(
        Files.readString(dir.resolve("ours.key")));
    if (!(key instanceof net.iotgw.protocols.wire.Decoded.Ok<
        org.bouncycastle.crypto.params.AsymmetricKeyParameter> ok)) {
      throw new IOException(dir.resolve("ours.key") + ": " + key);
    }
    return new IkeLoad.Auth(new Credentials.Certificate(ok.value(),
        List.of(der(readCertificate(dir.resolve("ours.pem"))))), java.util.Optional.empty(),
        List.of(readCertificate(dir.resolve("ca.pem"))));
  }

  private static X509CertificateHolder readCertificate(Path file) throws IOException {
    try (var reader = new org.bouncycastle.openssl.PEMParser(Files.newBufferedReader(file))) {
      if (reader.readObject() instanceof X509CertificateHolder h) {
        return h;
      }
      throw new IOException(file + ": not a certificate");
    }
  }

  static byte[] der(X509CertificateHolder cert) {
    try {
      return cert.getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String pem(String type, byte[] der) throws IOException {
    StringWriter out = new StringWriter();
    try (PemWriter w = new PemWriter(out)) {
      w.writeObject(new PemObject(type, der));
    }
    return out.toString();
  }
}

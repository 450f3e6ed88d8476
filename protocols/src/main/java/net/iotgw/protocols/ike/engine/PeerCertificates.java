package net.iotgw.protocols.ike.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import net.iotgw.protocols.ike.auth.AuthKeys;
import net.iotgw.protocols.ike.codec.CertEncoding;
import net.iotgw.protocols.ike.codec.CertPayload;
import net.iotgw.protocols.ike.codec.IdType;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.operator.bc.BcEdDSAContentVerifierProviderBuilder;

/**
 * The peer's certificate chain (RFC 7296 §3.6, CERT encoding 4): the first X.509 certificate is
 * the end entity; a path from it through the other CERT payloads must end at one of the profile's
 * trust anchors, each certificate signed by the next (ECDSA or Ed25519, BouncyCastle's lightweight
 * verifiers), intermediates marked as CAs, all valid at the time given. The end entity must name
 * the peer's IKE identity (subjectAltName rfc822Name, dNSName or iPAddress, or the subject DN),
 * and allow digital signatures if it restricts key usage. No revocation checking.
 */
final class PeerCertificates {
  private PeerCertificates() {}

  /** The end entity's public key once everything holds, else why not. Never throws. */
  static Decoded<AsymmetricKeyParameter> validate(
      List<CertPayload> payloads, Identity peer, List<X509CertificateHolder> anchors, long now) {
    List<X509CertificateHolder> certs = new ArrayList<>();
    for (CertPayload p : payloads) {
      if (p.encoding() != CertEncoding.X509_SIGNATURE.id()) {
        continue;
      }
      try {
        certs.add(new X509CertificateHolder(p.data()));
      } catch (IOException | RuntimeException e) {
        return failed("unreadable certificate");
      }
    }
    if (certs.isEmpty()) {
      return failed("no X.509 certificate");
    }
    Date at = new Date(now);
    X509CertificateHolder endEntity = certs.get(0);
    if (!chainsToAnchor(endEntity, certs.subList(1, certs.size()), anchors, at)) {
      return failed("no valid path to a trust anchor");
    }
    if (!names(endEntity, peer)) {
      return failed("certificate does not name " + peer);
    }
    if (!allowsSignatures(endEntity)) {
      return failed("key usage excludes digitalSignature");
    }
    try {
      return AuthKeys.publicKeyFromCertificate(endEntity.getEncoded());
    } catch (IOException e) {
      return failed("certificate does not re-encode");
    }
  }

  private static boolean chainsToAnchor(
      X509CertificateHolder endEntity, List<X509CertificateHolder> intermediates,
      List<X509CertificateHolder> anchors, Date at) {
    X509CertificateHolder current = endEntity;
    List<X509CertificateHolder> unused = new ArrayList<>(intermediates);
    // Each step consumes an intermediate, so the walk ends.
    while (true) {
      if (!current.isValidOn(at)) {
        return false;
      }
      for (X509CertificateHolder anchor : anchors) {
        if (anchor.getSubject().equals(current.getIssuer())
            && anchor.isValidOn(at)
            && signedBy(current, anchor)) {
          return true;
        }
      }
      X509CertificateHolder issuer = null;
      for (X509CertificateHolder candidate : unused) {
        if (candidate.getSubject().equals(current.getIssuer())
            && isCa(candidate)
            && signedBy(current, candidate)) {
          issuer = candidate;
          break;
        }
      }
      if (issuer == null) {
        return false;
      }
      unused.remove(issuer);
      current = issuer;
    }
  }

  private static boolean signedBy(X509CertificateHolder cert, X509CertificateHolder issuer) {
    try {
      AsymmetricKeyParameter key = PublicKeyFactory.createKey(issuer.getSubjectPublicKeyInfo());
      ContentVerifierProvider verifier;
      if (key instanceof Ed25519PublicKeyParameters) {
        verifier = new BcEdDSAContentVerifierProviderBuilder().build(key);
      } else if (key instanceof ECPublicKeyParameters) {
        verifier =
            new BcECContentVerifierProviderBuilder(new DefaultDigestAlgorithmIdentifierFinder())
                .build(key);
      } else {
        return false;
      }
      return cert.isSignatureValid(verifier);
    } catch (Exception e) {
      // BouncyCastle reports hostile DER and unknown algorithms with checked and unchecked kinds.
      return false;
    }
  }

  private static boolean isCa(X509CertificateHolder cert) {
    try {
      BasicConstraints bc = BasicConstraints.fromExtensions(cert.getExtensions());
      return bc != null && bc.isCA();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean allowsSignatures(X509CertificateHolder cert) {
    try {
      KeyUsage usage = KeyUsage.fromExtensions(cert.getExtensions());
      return usage == null || usage.hasUsages(KeyUsage.digitalSignature);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Whether the certificate binds the identity (RFC 4945 §3.1 in spirit: SAN, or the DN). */
  static boolean names(X509CertificateHolder cert, Identity id) {
    try {
      if (id.type() == IdType.ID_DER_ASN1_DN.id()) {
        return X500Name.getInstance(id.data()).equals(cert.getSubject());
      }
      GeneralNames sans = GeneralNames.fromExtensions(cert.getExtensions(),
          Extension.subjectAlternativeName);
      if (sans == null) {
        return false;
      }
      for (GeneralName name : sans.getNames()) {
        if (matches(name, id)) {
          return true;
        }
      }
      return false;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean matches(GeneralName name, Identity id) {
    String text = new String(id.data(), java.nio.charset.StandardCharsets.US_ASCII);
    if (id.type() == IdType.ID_RFC822_ADDR.id() && name.getTagNo() == GeneralName.rfc822Name) {
      return name.getName().toString().toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT));
    }
    if (id.type() == IdType.ID_FQDN.id() && name.getTagNo() == GeneralName.dNSName) {
      return name.getName().toString().toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT));
    }
    if ((id.type() == IdType.ID_IPV6_ADDR.id() || id.type() == IdType.ID_IPV4_ADDR.id())
        && name.getTagNo() == GeneralName.iPAddress) {
      return Arrays.equals(ASN1OctetString.getInstance(name.getName()).getOctets(), id.data());
    }
    return false;
  }

  private static Decoded<AsymmetricKeyParameter> failed(String detail) {
    return Decoded.failed(new DecodeError(DecodeError.Kind.AUTHENTICATION_FAILED, 0, detail));
  }
}

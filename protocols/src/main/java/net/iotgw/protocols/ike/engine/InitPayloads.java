package net.iotgw.protocols.ike.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.CertEncoding;
import net.iotgw.protocols.ike.codec.CertReqPayload;
import net.iotgw.protocols.ike.codec.HashAlgorithm;
import net.iotgw.protocols.ike.codec.NotifyPayload;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.codec.Payload;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.digests.SHA1Digest;

/** The IKE_SA_INIT payloads both roles share, and reading what the peer announced. */
final class InitPayloads {
  /**
   * RFC 7427 §4: the hashes we can verify signatures with: SHA2-256 (ecdsa-with-SHA256) and
   * Identity (Ed25519, RFC 8420).
   */
  private static final List<HashAlgorithm> VERIFIABLE =
      List.of(HashAlgorithm.SHA2_256, HashAlgorithm.IDENTITY);

  private InitPayloads() {}

  /** IKEV2_FRAGMENTATION_SUPPORTED (RFC 7383 §2.3) and SIGNATURE_HASH_ALGORITHMS (RFC 7427 §4). */
  static List<Payload> capabilities() {
    byte[] hashes = new byte[2 * VERIFIABLE.size()];
    for (int i = 0; i < VERIFIABLE.size(); i++) {
      hashes[2 * i + 1] = (byte) VERIFIABLE.get(i).id();
    }
    return List.of(
        NotifyPayload.of(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED),
        NotifyPayload.of(NotifyType.SIGNATURE_HASH_ALGORITHMS, hashes));
  }

  /**
   * CERTREQ naming our trust anchors by the SHA-1 of their SubjectPublicKeyInfo (RFC 7296 §3.7),
   * if the profile accepts certificates.
   */
  static Optional<Payload> certificateRequest(Profile profile) {
    if (profile.trustAnchors().isEmpty()) {
      return Optional.empty();
    }
    byte[] out = new byte[20 * profile.trustAnchors().size()];
    int at = 0;
    for (X509CertificateHolder anchor : profile.trustAnchors()) {
      byte[] spki;
      try {
        spki = anchor.getSubjectPublicKeyInfo().getEncoded();
      } catch (IOException e) {
        throw new IllegalStateException("a parsed trust anchor re-encodes", e);
      }
      SHA1Digest sha1 = new SHA1Digest();
      sha1.update(spki, 0, spki.length);
      sha1.doFinal(out, at);
      at += 20;
    }
    return Optional.of(new CertReqPayload(CertEncoding.X509_SIGNATURE.id(), out));
  }

  static IkeSa.PeerSupport peerSupport(List<Payload> payloads) {
    boolean fragmentation = notify(payloads, NotifyType.IKEV2_FRAGMENTATION_SUPPORTED).isPresent();
    List<Integer> hashes = new ArrayList<>();
    notify(payloads, NotifyType.SIGNATURE_HASH_ALGORITHMS)
        .ifPresent(
            n -> {
              byte[] d = n.data();
              // RFC 7427 §4: 2 octets per algorithm; a trailing odd octet is ignored.
              for (int i = 0; i + 1 < d.length; i += 2) {
                hashes.add(((d[i] & 0xff) << 8) | (d[i + 1] & 0xff));
              }
            });
    return new IkeSa.PeerSupport(fragmentation, hashes);
  }

  static Optional<NotifyPayload> notify(List<Payload> payloads, NotifyType type) {
    return payloads.stream()
        .filter(p -> p instanceof NotifyPayload n && n.notifyType() == type.id())
        .map(NotifyPayload.class::cast)
        .findFirst();
  }

  /** The first error notify (type below 16384, RFC 7296 §3.10.1), known or not. */
  static Optional<NotifyPayload> firstError(List<Payload> payloads) {
    return payloads.stream()
        .filter(p -> p instanceof NotifyPayload n && NotifyType.isError(n.notifyType()))
        .map(NotifyPayload.class::cast)
        .findFirst();
  }

  static <T extends Payload> Optional<T> first(List<Payload> payloads, Class<T> kind) {
    return payloads.stream().filter(kind::isInstance).map(kind::cast).findFirst();
  }
}

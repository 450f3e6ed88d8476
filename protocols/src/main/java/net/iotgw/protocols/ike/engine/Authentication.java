package net.iotgw.protocols.ike.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.auth.AuthOctets;
import net.iotgw.protocols.ike.auth.DigitalSignatureAuth;
import net.iotgw.protocols.ike.auth.SharedKeyAuth;
import net.iotgw.protocols.ike.codec.AuthPayload;
import net.iotgw.protocols.ike.codec.CertEncoding;
import net.iotgw.protocols.ike.codec.CertPayload;
import net.iotgw.protocols.ike.codec.IdPayload;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.wire.Decoded;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * IKE_AUTH authentication of both sides (RFC 7296 §2.15): our AUTH over our signed octets, and
 * the check of the peer's over its octets, with a shared key (method 2) or an RFC 7427 signature
 * (method 14) under a certificate that chains to the profile's trust anchors.
 */
final class Authentication {
  private Authentication() {}

  /** Our CERT payloads: the configured chain when we authenticate with a certificate. */
  static List<Payload> ourCertificates(Profile profile) {
    List<Payload> out = new ArrayList<>();
    if (profile.credentials() instanceof Credentials.Certificate c) {
      c.chain().forEach(der -> out.add(new CertPayload(CertEncoding.X509_SIGNATURE.id(), der)));
    }
    return out;
  }

  /** Our AUTH payload over our IKE_SA_INIT message, the peer's nonce and our ID. */
  static AuthPayload ours(IkeSa sa, InitExchange init, IdPayload ourId) {
    boolean initiator = sa.role() == Role.INITIATOR;
    byte[] octets =
        AuthOctets.of(
            initiator ? init.initiatorMessage() : init.responderMessage(),
            initiator ? init.nr() : init.ni(),
            sa.suite().prf(),
            sa.keys().skP(initiator),
            ourId.encodeBody());
    Credentials credentials = sa.config().profile().credentials();
    CryptoCounts.auth(sa.config(), credentials instanceof Credentials.PreSharedKey,
        IkeCryptoOperation.SIGN);
    if (credentials instanceof Credentials.PreSharedKey psk) {
      return new AuthPayload(
          SharedKeyAuth.AUTH_METHOD, SharedKeyAuth.compute(sa.suite().prf(), psk.secret(), octets));
    }
    AsymmetricKeyParameter key = ((Credentials.Certificate) credentials).privateKey();
    return new AuthPayload(DigitalSignatureAuth.AUTH_METHOD, DigitalSignatureAuth.sign(key, octets));
  }

  /**
   * Empty when the peer's AUTH verifies over its signed octets (its IKE_SA_INIT message, our
   * nonce, prf(its SK_p, its ID)); otherwise why not.
   */
  static Optional<String> verifyPeer(
      IkeSa sa, InitExchange init, IdPayload peerId, AuthPayload auth, List<CertPayload> certs,
      long now) {
    boolean peerIsInitiator = sa.role() == Role.RESPONDER;
    PrfAlgorithm prf = sa.suite().prf();
    byte[] octets =
        AuthOctets.of(
            peerIsInitiator ? init.initiatorMessage() : init.responderMessage(),
            peerIsInitiator ? init.nr() : init.ni(),
            prf,
            sa.keys().skP(peerIsInitiator),
            peerId.encodeBody());
    Profile profile = sa.config().profile();
    if (auth.method() == SharedKeyAuth.AUTH_METHOD) {
      if (profile.peerPsk().isEmpty()) {
        return Optional.of("shared key authentication is not accepted");
      }
      boolean ok = SharedKeyAuth.verify(prf, profile.peerPsk().get().secret(), octets, auth.data());
      CryptoCounts.auth(sa.config(), true, IkeCryptoOperation.VERIFY);
      return ok ? Optional.empty() : Optional.of("shared key MIC does not verify");
    }
    if (auth.method() == DigitalSignatureAuth.AUTH_METHOD) {
      if (profile.trustAnchors().isEmpty()) {
        return Optional.of("certificate authentication is not accepted");
      }
      Decoded<AsymmetricKeyParameter> key =
          PeerCertificates.validate(certs, Identity.of(peerId), profile.trustAnchors(), now);
      // The chain's signatures, one per certificate (an upper bound when validation failed).
      CryptoCounts.report(sa.config(), IkeCryptoOperation.VERIFY, certs.size());
      if (!(key instanceof Decoded.Ok<AsymmetricKeyParameter> ok)) {
        CryptoCounts.report(sa.config(), IkeCryptoOperation.PRF, 1);
        return Optional.of(((Decoded.Failed<AsymmetricKeyParameter>) key).error().detail());
      }
      CryptoCounts.auth(sa.config(), false, IkeCryptoOperation.VERIFY);
      return DigitalSignatureAuth.verify(ok.value(), octets, auth.data()).isOk()
          ? Optional.empty()
          : Optional.of("signature does not verify");
    }
    return Optional.of("AUTH method " + auth.method() + " is not supported");
  }
}

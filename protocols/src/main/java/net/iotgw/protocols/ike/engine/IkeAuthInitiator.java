package net.iotgw.protocols.ike.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.AuthPayload;
import net.iotgw.protocols.ike.codec.CertPayload;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.IdPayload;
import net.iotgw.protocols.ike.codec.NotifyPayload;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.engine.IkeOutput.CloseReason;

/**
 * IKE_AUTH, initiator side (RFC 7296 §1.2, §2.15): the CD opens an SA to a peer. The request
 * carries IDi [CERT] [CERTREQ] [IDr] AUTH and the CHILD_SA offer; the response must carry the
 * expected IDr (if one was named), an AUTH that verifies and an identity the policy allows,
 * else the IKE SA fails. A refused CHILD_SA leaves the IKE SA up without it.
 *
 * @param expectedPeer the peer's identity, sent as IDr and required in the response, if known
 */
record IkeAuthInitiator(
    InitExchange init, Optional<Identity> expectedPeer, ChildSaNegotiation.Offer offer)
{

  ExchangeType exchange() {
    return ExchangeType.IKE_AUTH;
  }

  List<Payload> buildRequest(IkeSa sa) {
    Profile profile = sa.config().profile();
    IdPayload ourId = profile.identity().toPayload(Role.INITIATOR);
    List<Payload> out = new ArrayList<>();
    out.add(ourId);
    out.addAll(Authentication.ourCertificates(profile));
    InitPayloads.certificateRequest(profile).ifPresent(out::add);
    expectedPeer.ifPresent(p -> out.add(p.toPayload(Role.RESPONDER)));
    out.add(Authentication.ours(sa, init, ourId));
    out.addAll(offer.payloads(sa));
    return out;
  }

  TaskOutcome processResponse(IkeSa sa, List<Payload> response, long now) {
    Optional<NotifyPayload> error =
        InitPayloads.firstError(response)
            .filter(n -> !ChildSaNegotiation.CHILD_ERRORS.contains(n.notifyType()));
    if (error.isPresent()) {
      CloseReason reason =
          error.get().notifyType() == NotifyType.AUTHENTICATION_FAILED.id()
              ? CloseReason.AUTHENTICATION_FAILED
              : CloseReason.PEER_ERROR;
      return new TaskOutcome.Failed(reason, "peer answered " + error.get(), List.of());
    }
    Optional<IdPayload> idr = IkeAuthResponder.id(response, Role.RESPONDER);
    Optional<AuthPayload> auth = InitPayloads.first(response, AuthPayload.class);
    if (idr.isEmpty() || auth.isEmpty()) {
      return new TaskOutcome.Failed(CloseReason.AUTHENTICATION_FAILED, "no IDr or AUTH", List.of());
    }
    Identity peer = Identity.of(idr.get());
    if (expectedPeer.isPresent() && !expectedPeer.get().equals(peer)) {
      return new TaskOutcome.Failed(
          CloseReason.AUTHENTICATION_FAILED, "IDr " + peer + " is not " + expectedPeer.get(),
          List.of());
    }
    Optional<String> bad =
        Authentication.verifyPeer(
            sa, init, idr.get(), auth.get(), IkeAuthResponder.all(response, CertPayload.class),
            now);
    if (bad.isPresent()) {
      return new TaskOutcome.Failed(CloseReason.AUTHENTICATION_FAILED, bad.get(), List.of());
    }
    if (!sa.config().profile().allowedPeers().contains(peer)) {
      return new TaskOutcome.Failed(
          CloseReason.AUTHORIZATION_REFUSED, peer + " is not allowed",
          List.of(new IkeOutput.AuthorizationRefused(peer)));
    }
    IkeSa authenticated = sa.withPeerIdentity(peer);
    ChildSaNegotiation.Result child =
        ChildSaNegotiation.accept(sa, offer, response, init.ni(), init.nr());
    if (child instanceof ChildSaNegotiation.Agreed agreed) {
      KeyDelivery delivery = KeyDelivery.of(sa, agreed.child(), init.ni(), init.nr());
      return new TaskOutcome.Agreed(authenticated, agreed.child(), delivery, List.of());
    }
    NotifyType refused = ((ChildSaNegotiation.Refused) child).error();
    return new TaskOutcome.Done(authenticated, List.of(new IkeOutput.ChildSaRefused(refused)));
  }
}

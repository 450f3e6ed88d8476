package net.iotgw.protocols.ike.engine;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.AuthPayload;
import net.iotgw.protocols.ike.codec.CertPayload;
import net.iotgw.protocols.ike.codec.IdPayload;
import net.iotgw.protocols.ike.codec.NotifyPayload;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.engine.IkeOutput.CloseReason;

/**
 * IKE_AUTH, responder side (RFC 7296 §1.2, §2.15; strongSwan's ike_auth + ike_cert_* +
 * child_create process_r/build_r): checks that an IDr, if the peer named one, is the CD's
 * identity, verifies the peer's AUTH (PSK, or RFC 7427 signature under a certificate chaining to
 * the profile's anchors), applies the authorization policy, then answers IDr [CERT] AUTH and the
 * CHILD_SA's SA TSi TSr, or the CHILD_SA's error notify (the IKE SA then lives without it).
 * Any authentication or authorization failure is answered with AUTHENTICATION_FAILED alone and
 * ends the SA (§2.21.2).
 */
record IkeAuthResponder(InitExchange init) {

  ResponderTask.Reply processRequest(
      IkeSa sa, List<Payload> request, long now, SecureRandom random) {
    Profile profile = sa.config().profile();
    Optional<IdPayload> idi = id(request, Role.INITIATOR);
    Optional<AuthPayload> auth = InitPayloads.first(request, AuthPayload.class);
    if (idi.isEmpty() || auth.isEmpty()) {
      // Without AUTH the initiator asks for EAP (RFC 7296 §2.16), which the CD does not offer.
      return refuse(CloseReason.AUTHENTICATION_FAILED, "no IDi or no AUTH", List.of());
    }
    Optional<IdPayload> idr = id(request, Role.RESPONDER);
    if (idr.isPresent() && !Identity.of(idr.get()).equals(profile.identity())) {
      return refuse(CloseReason.AUTHENTICATION_FAILED,
          "IDr " + Identity.of(idr.get()) + " is not " + profile.identity(), List.of());
    }
    Optional<String> bad =
        Authentication.verifyPeer(
            sa, init, idi.get(), auth.get(), all(request, CertPayload.class), now);
    if (bad.isPresent()) {
      return refuse(CloseReason.AUTHENTICATION_FAILED, bad.get(), List.of());
    }
    Identity peer = Identity.of(idi.get());
    if (!profile.allowedPeers().contains(peer)) {
      return refuse(CloseReason.AUTHORIZATION_REFUSED, peer + " is not allowed",
          List.of(new IkeOutput.AuthorizationRefused(peer)));
    }
    IkeSa authenticated = sa.withPeerIdentity(peer);
    IdPayload ourId = profile.identity().toPayload(Role.RESPONDER);
    List<Payload> out = new ArrayList<>();
    out.add(ourId);
    out.addAll(Authentication.ourCertificates(profile));
    out.add(Authentication.ours(sa, init, ourId));
    ChildSaNegotiation.Result child =
        ChildSaNegotiation.respond(sa, request, init.ni(), init.nr(), random);
    if (child instanceof ChildSaNegotiation.Agreed agreed) {
      out.addAll(agreed.payloads());
      KeyDelivery delivery = KeyDelivery.of(sa, agreed.child(), init.ni(), init.nr());
      return new ResponderTask.Reply(out,
          new TaskOutcome.Agreed(authenticated, agreed.child(), delivery,
          List.of()));
    }
    NotifyType refused = ((ChildSaNegotiation.Refused) child).error();
    out.add(NotifyPayload.of(refused));
    return new ResponderTask.Reply(out, new TaskOutcome.Done(authenticated,
        List.of(new IkeOutput.ChildSaRefused(refused))));
  }

  private static ResponderTask.Reply refuse(
      CloseReason reason, String detail, List<IkeOutput> events) {
    return new ResponderTask.Reply(
        List.of(NotifyPayload.of(NotifyType.AUTHENTICATION_FAILED)),
        new TaskOutcome.Failed(reason, detail, events));
  }

  static Optional<IdPayload> id(List<Payload> payloads, Role role) {
    return payloads.stream()
        .filter(p -> p instanceof IdPayload i && i.role() == role)
        .map(IdPayload.class::cast)
        .findFirst();
  }

  static <T extends Payload> List<T> all(List<Payload> payloads, Class<T> kind) {
    return payloads.stream().filter(kind::isInstance).map(kind::cast).toList();
  }
}

package net.iotgw.protocols.ike.engine;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.NotifyPayload;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.codec.ProtocolId;
import net.iotgw.protocols.ike.codec.SaPayload;
import net.iotgw.protocols.ike.engine.IkeState.Established;

/**
 * The peer's CREATE_CHILD_SA requests (RFC 7296 §1.3): an IKE proposal rekeys the IKE SA ({@link
 * IkeSaRekeys}); otherwise a new CHILD_SA, the successor of the one N(REKEY_SA) names (by the
 * peer's inbound SPI, our outbound). §2.25: a rekey of a CHILD_SA we do not have is answered
 * CHILD_SA_NOT_FOUND, of one we are deleting or have replaced TEMPORARY_FAILURE, and nothing is
 * created while we delete the IKE SA. A rekey crossing our own rekey of the same CHILD_SA is
 * answered as usual; the collision is settled when our response arrives (§2.8.1). A new CHILD_SA
 * beyond the profile's {@link Profile#maxChildSas()} is answered NO_ADDITIONAL_SAS (§1.3: "the
 * responder is unwilling to accept any more CHILD_SAs on this IKE SA"), before any key exchange:
 * the IKE SA stays, nothing goes to the CD. A rekey is not bounded: its successor replaces one.
 */
enum CreateChildSaResponder implements ResponderTask {
  INSTANCE;

  @Override
  public ExchangeType exchange() {
    return ExchangeType.CREATE_CHILD_SA;
  }

  @Override
  public Reply processRequest(
      Established s, List<Payload> request, long now, SecureRandom random) {
    Optional<SaPayload> sa = InitPayloads.first(request, SaPayload.class);
    boolean ike = sa.isPresent() && !sa.get().proposals().isEmpty()
        && sa.get().proposals().get(0).protocolId() == ProtocolId.IKE.id();
    if (DeleteIkeSa.underway(s)) {
      return temporaryFailure(s);
    }
    if (ike) {
      return IkeSaRekeys.respond(s, request, now, random);
    }
    Optional<NotifyPayload> rekey = InitPayloads.notify(request, NotifyType.REKEY_SA);
    if (rekey.isEmpty()) {
      if (alive(s) >= s.sa().config().profile().maxChildSas()) {
        return ChildSaExchange.refuse(s.sa(), NotifyType.NO_ADDITIONAL_SAS);
      }
      return ChildSaExchange.respond(s, request, Optional.empty(), random);
    }
    byte[] spi = rekey.get().spi();
    Optional<ChildSa> old = rekey.get().protocolId() == ProtocolId.ESP.id() && spi.length == 4
        ? InformationalResponder.byOutboundSpi(s, Proposals.spi(spi)) : Optional.empty();
    if (old.isEmpty()) {
      return new Reply(List.of(new NotifyPayload(rekey.get().protocolId(), spi,
          NotifyType.CHILD_SA_NOT_FOUND.id(), new byte[0])),
          new TaskOutcome.Done(s.sa(), List.of()));
    }
    int inbound = old.get().inboundSpi();
    if (s.lifetimes().isReplaced(inbound) || DeleteChildSa.underway(s, inbound)) {
      return temporaryFailure(s);
    }
    return ChildSaExchange.respond(s, request, old, random);
  }

  /**
   * The CHILD_SAs that count against the bound: a rekeyed one whose successor is in stays only
   * until its Delete (§2.8), so the pair counts once.
   */
  static long alive(Established s) {
    return s.children().stream().filter(c -> !s.lifetimes().isReplaced(c.inboundSpi())).count();
  }

  private static Reply temporaryFailure(Established s) {
    return new Reply(List.of(NotifyPayload.of(NotifyType.TEMPORARY_FAILURE)),
        new TaskOutcome.Done(s.sa(), List.of()));
  }
}

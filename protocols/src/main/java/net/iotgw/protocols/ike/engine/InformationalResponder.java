package net.iotgw.protocols.ike.engine;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.DeletePayload;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.codec.ProtocolId;
import net.iotgw.protocols.ike.engine.IkeOutput.CloseReason;
import net.iotgw.protocols.ike.engine.IkeState.Established;

/**
 * The peer's INFORMATIONAL requests (RFC 7296 §1.4; strongSwan's ike_dpd, ike_delete and
 * child_delete responders). Every one is answered, which is what liveness checks ask: an empty
 * request, or one with notifies we do not support (MOBIKE's UPDATE_SA_ADDRESSES, the
 * NO_ADDITIONAL_ADDRESSES strongSwan sends after an address change) gets an empty response.
 * D(IKE) is answered empty and closes the SA; D(ESP) is answered with the Delete of our side of
 * the same CHILD_SAs, except those we are deleting ourselves (§1.4.1: deletes that cross), and
 * each goes ({@link IkeOutput.ChildSaDeleted}). SPIs we do not know are ignored.
 */
enum InformationalResponder implements ResponderTask {
  INSTANCE;

  @Override
  public ExchangeType exchange() {
    return ExchangeType.INFORMATIONAL;
  }

  @Override
  public Reply processRequest(
      Established s, List<Payload> request, long now, SecureRandom random) {
    List<DeletePayload> deletes = IkeAuthResponder.all(request, DeletePayload.class);
    if (deletes.stream().anyMatch(d -> d.protocolId() == ProtocolId.IKE.id())) {
      return new Reply(List.of(),
          new TaskOutcome.Failed(CloseReason.DELETED_BY_PEER, "the peer deleted the IKE SA",
              List.of()));
    }
    List<Integer> gone = new ArrayList<>();
    List<byte[]> ours = new ArrayList<>();
    for (DeletePayload d : deletes) {
      if (d.protocolId() != ProtocolId.ESP.id() || d.spiSize() != 4) {
        continue;
      }
      for (byte[] spi : d.spis()) {
        Optional<ChildSa> child = byOutboundSpi(s, Proposals.spi(spi));
        if (child.isEmpty() || gone.contains(child.get().inboundSpi())) {
          continue;
        }
        int inbound = child.get().inboundSpi();
        gone.add(inbound);
        if (!DeleteChildSa.underway(s, inbound)) {
          ours.add(Proposals.spiBytes(inbound));
        }
      }
    }
    List<Payload> response =
        ours.isEmpty() ? List.of() : List.of(new DeletePayload(ProtocolId.ESP.id(), 4, ours));
    TaskOutcome outcome = gone.isEmpty() ? new TaskOutcome.Done(s.sa(), List.of())
        : new TaskOutcome.Changed(after -> removeAfterRekeys(after, gone, now));
    return new Reply(response, outcome);
  }

  /**
   * The CHILD_SAs go. One that our rekey in flight was replacing while the peer's crossing rekey
   * of it completed is deleted by the peer as that rekey's initiator (RFC 7296 §2.8): the peer's
   * successor is reported first.
   */
  private static IkeStep removeAfterRekeys(Established after, List<Integer> gone, long now) {
    List<IkeOutput> out = new ArrayList<>();
    for (int spi : gone) {
      Optional<ChildSa> old = after.child(spi);
      CreateChildSaInFlight.rekeying(after, spi)
          .flatMap(CreateChildSaInFlight::collision)
          .flatMap(passive -> after.child(passive.inboundSpi()))
          .ifPresent(successor -> out.add(new IkeOutput.ChildSaRekeyed(old.get(), successor)));
    }
    IkeStep removed = DeleteChildSa.remove(after, gone, now);
    out.addAll(removed.outputs());
    return new IkeStep(removed.state(), out);
  }

  /** The CHILD_SA the peer names by its own inbound SPI, our outbound (§3.11, §3.10). */
  static Optional<ChildSa> byOutboundSpi(Established s, int spi) {
    return s.children().stream().filter(c -> c.outboundSpi() == spi).findFirst();
  }
}

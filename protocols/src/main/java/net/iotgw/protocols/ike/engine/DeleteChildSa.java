package net.iotgw.protocols.ike.engine;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.DeletePayload;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.codec.ProtocolId;
import net.iotgw.protocols.ike.engine.IkeState.Established;

/**
 * Our Delete of a CHILD_SA (RFC 7296 §1.4.1, strongSwan's child_delete): INFORMATIONAL with
 * D(ESP, the CD's inbound SPI); the answer carries the peer's side, and the CHILD_SA is then gone
 * ({@link IkeOutput.ChildSaDeleted}). Queued by the owner, after a rekey for the old CHILD_SA, or
 * at the hard lifetime; a CHILD_SA already gone by its turn is not deleted twice.
 *
 * @param inboundSpi the CD's inbound SPI of the CHILD_SA
 */
public record DeleteChildSa(int inboundSpi) implements InitiatorTask, InitiatorTask.InFlight {

  @Override
  public ExchangeType exchange() {
    return ExchangeType.INFORMATIONAL;
  }

  @Override
  public Optional<Started> start(Established s, long now, SecureRandom random) {
    return s.child(inboundSpi).map(c -> new Started(this, List.of(payload(inboundSpi))));
  }

  @Override
  public TaskOutcome processResponse(
      Established s, List<Payload> response, long now, SecureRandom random) {
    return new TaskOutcome.Changed(after -> remove(after, List.of(inboundSpi), now));
  }

  /** Whether our Delete of the CHILD_SA is in flight (§1.4.1: deletes that cross). */
  static boolean underway(Established s, int inboundSpi) {
    return s.tasks().active()
        .filter(t -> t instanceof DeleteChildSa d && d.inboundSpi() == inboundSpi
            || t instanceof Redundant r && r.inboundSpi() == inboundSpi)
        .isPresent();
  }

  static DeletePayload payload(int inboundSpi) {
    return new DeletePayload(ProtocolId.ESP.id(), 4, List.of(Proposals.spiBytes(inboundSpi)));
  }

  /** The CHILD_SAs leave the SA: keys zeroed, the owner told, the lifetime timer moved. */
  static IkeStep remove(Established s, Collection<Integer> inboundSpis, long now) {
    List<IkeOutput> out = new ArrayList<>();
    Established next = s;
    for (int spi : inboundSpis) {
      Optional<ChildSa> child = next.child(spi);
      if (child.isPresent()) {
        next = next.withoutChild(spi, now);
        out.add(new IkeOutput.ChildSaDeleted(child.get()));
        child.get().destroy();
      }
    }
    if (!out.isEmpty()) {
      out.add(next.lifetimes().childTimer());
    }
    return new IkeStep(next, out);
  }

  /**
   * The Delete of a CHILD_SA we created in vain, in a rekey collision we lost (RFC 7296 §2.8.1):
   * it never joined the SA (the CD did not get its keys), but the peer has it.
   */
  record Redundant(int inboundSpi) implements InitiatorTask, InitiatorTask.InFlight {
    @Override
    public ExchangeType exchange() {
      return ExchangeType.INFORMATIONAL;
    }

    @Override
    public Optional<Started> start(Established s, long now, SecureRandom random) {
      return Optional.of(new Started(this, List.of(payload(inboundSpi))));
    }

    @Override
    public TaskOutcome processResponse(
        Established s, List<Payload> response, long now, SecureRandom random) {
      return new TaskOutcome.Done(s.sa(), List.of());
    }
  }
}

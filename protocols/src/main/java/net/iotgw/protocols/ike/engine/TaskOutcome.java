package net.iotgw.protocols.ike.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import net.iotgw.protocols.ike.engine.IkeState.Established;

/**
 * How an exchange ended for this IKE SA (strongSwan's SUCCESS / FAILED of a task, plus the
 * paper's pause): the task manager acts on it the same way whichever task produced it.
 */
public sealed interface TaskOutcome {

  /** Done; {@code sa} is the SA as the exchange left it, {@code events} go to the owner. */
  record Done(IkeSa sa, List<IkeOutput> events) implements TaskOutcome {
    public Done {
      events = List.copyOf(events);
    }
  }

  /**
   * Done, and a CHILD_SA is agreed whose keys the CD must have before it is used (paper Sec.
   * III-D): the task manager emits {@link IkeOutput.ChildSaAgreed} and waits for the owner; a
   * responder holds its response until then. {@code rekey} names the CHILD_SA it replaces.
   */
  record Agreed(
      IkeSa sa, ChildSa child, KeyDelivery delivery, List<IkeOutput> events,
      Optional<Rekey> rekey)
      implements TaskOutcome {
    public Agreed {
      events = List.copyOf(events);
    }

    public Agreed(IkeSa sa, ChildSa child, KeyDelivery delivery, List<IkeOutput> events) {
      this(sa, child, delivery, events, Optional.empty());
    }
  }

  /**
   * A CHILD_SA rekey (RFC 7296 §1.3.3): the one replaced, whether we initiated the exchange (then
   * we delete the old one after the release, §2.8), and the lower of the exchange's two nonces,
   * which settles a collision with a rekey of the same CHILD_SA from the other side (§2.8.1).
   */
  record Rekey(int oldInboundSpi, boolean weInitiated, byte[] lowerNonce) {
    public Rekey {
      lowerNonce = lowerNonce.clone();
    }

    @Override
    public byte[] lowerNonce() {
      return lowerNonce.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Rekey r && r.oldInboundSpi == oldInboundSpi
          && r.weInitiated == weInitiated && Arrays.equals(r.lowerNonce, lowerNonce);
    }

    @Override
    public int hashCode() {
      return 31 * oldInboundSpi + Arrays.hashCode(lowerNonce);
    }

    @Override
    public String toString() {
      return "Rekey[" + String.format("%08x", oldInboundSpi) + (weInitiated ? ", ours" : "") + "]";
    }
  }

  /**
   * Done on an established SA, which the exchange changed (CHILD_SAs deleted or replaced, the IKE
   * SA rekeyed...): {@code change} turns the SA as the task manager left it after the exchange
   * (its response cached, or our request settled and the task off the queue) into the next state,
   * an {@link Established}, with what to tell the owner or send.
   */
  record Changed(Function<Established, IkeStep> change) implements TaskOutcome {}

  /**
   * The IKE SA cannot go on (RFC 7296 §2.21.2: AUTHENTICATION_FAILED and the like), or is deleted
   * (§1.4.1).
   */
  record Failed(IkeOutput.CloseReason reason, String detail, List<IkeOutput> events)
      implements TaskOutcome {
    public Failed {
      events = List.copyOf(events);
    }
  }
}

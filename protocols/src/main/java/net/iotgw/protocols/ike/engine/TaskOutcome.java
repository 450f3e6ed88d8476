package net.iotgw.protocols.ike.engine;

import java.util.List;

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
   * responder holds its response until then.
   */
  record Agreed(IkeSa sa, ChildSa child, KeyDelivery delivery, List<IkeOutput> events)
      implements TaskOutcome {
    public Agreed {
      events = List.copyOf(events);
    }
  }

  /** The IKE SA cannot go on (RFC 7296 §2.21.2: AUTHENTICATION_FAILED and the like). */
  record Failed(IkeOutput.CloseReason reason, String detail, List<IkeOutput> events)
      implements TaskOutcome {
    public Failed {
      events = List.copyOf(events);
    }
  }
}

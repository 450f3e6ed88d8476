package net.iotgw.protocols.ike.engine;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.engine.IkeState.Established;

/**
 * A protected exchange an established IKE SA starts: strongSwan's task in its initiator binding
 * (build_i, process_i). The owner queues one with {@link IkeSaEngine#queue} (the engine does too,
 * for lifetimes and follow-ups); when its turn comes, {@link #start} draws what the exchange needs
 * (nonces, SPIs, a key exchange) and gives the request's payloads and the {@link InFlight} task
 * that takes the response. A task only decides payloads; the task manager gives the message ID,
 * seals, fragments, sends, retransmits, matches the response and applies the {@link TaskOutcome}.
 * Both forms are immutable.
 */
public interface InitiatorTask {

  /**
   * The request for the SA as it is now; empty when the task no longer applies (its CHILD_SA is
   * gone or replaced, say): it is then dropped unsent.
   */
  Optional<Started> start(Established s, long now, SecureRandom random);

  /** A started task: the exchange it opened and what it makes of the response. */
  interface InFlight {
    ExchangeType exchange();

    /** The authentic, decrypted response to the request. */
    TaskOutcome processResponse(
        Established s, List<Payload> response, long now, SecureRandom random);

    /** Forgets the secrets it holds (a key exchange), when the SA dies first. */
    default void destroy() {}
  }

  /** A started task and its request's payloads (inside the SK payload). */
  record Started(InFlight task, List<Payload> request) {
    public Started {
      request = List.copyOf(request);
    }
  }
}

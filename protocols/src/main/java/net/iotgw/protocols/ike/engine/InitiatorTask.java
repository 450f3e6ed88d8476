package net.iotgw.protocols.ike.engine;

import java.util.List;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.Payload;

/**
 * A protected exchange this IKE SA starts: strongSwan's task in its initiator binding (build_i,
 * process_i). A task only decides payloads; the task manager gives the message ID, seals,
 * fragments, sends, retransmits, matches the response and applies the {@link TaskOutcome}. Tasks
 * are immutable; whatever randomness they need (SPIs, nonces) they draw when created.
 */
public interface InitiatorTask {

  ExchangeType exchange();

  /** The payloads inside the request's SK payload. */
  List<Payload> buildRequest(IkeSa sa);

  /** The authentic, decrypted response. */
  TaskOutcome processResponse(IkeSa sa, List<Payload> response, long now);
}

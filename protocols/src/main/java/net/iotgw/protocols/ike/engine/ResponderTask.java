package net.iotgw.protocols.ike.engine;

import java.security.SecureRandom;
import java.util.List;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.engine.IkeState.Established;

/**
 * A protected exchange the peer starts on an established SA: strongSwan's task in its responder
 * binding (process_r, build_r) in one call, since our tasks keep no state between the two. The
 * task manager has already checked the message ID and authenticated and decrypted the request;
 * it seals and sends (or, for {@link TaskOutcome.Agreed}, holds) the reply and caches it for
 * retransmissions.
 */
public interface ResponderTask {

  ExchangeType exchange();

  Reply processRequest(Established s, List<Payload> request, long now, SecureRandom random);

  /** The response's payloads and what the exchange did to the SA. */
  record Reply(List<Payload> response, TaskOutcome outcome) {
    public Reply {
      response = List.copyOf(response);
    }
  }
}

package net.iotgw.gateway.aaa;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import net.iotgw.protocols.radius.RadiusAuth;
import org.apache.pekko.actor.typed.ActorRef;

/** What an AAA actor counts; one instance per actor, read with {@link Get}. */
final class Counters {

  enum Counter {
    CHALLENGED,
    ACCEPTED,
    REJECTED,
    UNAVAILABLE,
    /** A Response that did not answer the outstanding request: the request was repeated. */
    REPEATED,
    /** Sessions dropped because no Relay came for idle-timeout. */
    EXPIRED,
    /** RADIUS: Access-Requests sent, not counting retransmissions. */
    REQUESTS,
    RETRANSMISSIONS,
    /** RADIUS: a request waited for a free Identifier (all 256 per socket in flight). */
    WAITED,
    /** RADIUS: a request moved to the next server after its attempts timed out. */
    FAILOVERS,
    /** RADIUS answers dropped (RFC 2865 §3, RFC 3579 §3.2); the request stays pending. */
    BAD_RESPONSE_AUTHENTICATOR,
    BAD_MESSAGE_AUTHENTICATOR,
    MALFORMED_ANSWERS,
    /** RADIUS answers with no request pending: late, duplicated or forged. */
    UNSOLICITED_ANSWERS,
    /** Datagrams the socket could not send (the retransmission timer covers them). */
    SEND_FAILURES;

    static Counter of(RadiusAuth.Refusal refusal) {
      return switch (refusal) {
        case BAD_RESPONSE_AUTHENTICATOR -> BAD_RESPONSE_AUTHENTICATOR;
        case MISSING_MESSAGE_AUTHENTICATOR,
                DUPLICATE_MESSAGE_AUTHENTICATOR,
                BAD_MESSAGE_AUTHENTICATOR ->
            BAD_MESSAGE_AUTHENTICATOR;
        default -> MALFORMED_ANSWERS;
      };
    }
  }

  /** Asks for a snapshot. */
  record Get(ActorRef<Map<Counter, Long>> replyTo) implements Aaa.Internal {}

  private final EnumMap<Counter, Long> values = new EnumMap<>(Counter.class);

  Counters() {
    for (Counter c : Counter.values()) {
      values.put(c, 0L);
    }
  }

  void increment(Counter c) {
    values.merge(c, 1L, Long::sum);
  }

  Map<Counter, Long> snapshot() {
    return Collections.unmodifiableMap(new EnumMap<>(values));
  }
}

package net.iotgw.gateway.aaa;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;

/**
 * The AAA the PAA relays a CD's EAP to (ARCHITECTURE, "Network entry"): either the gateway's own
 * EAP-PSK authenticator (RFC 4764) over the device store, or a RADIUS client (RFC 2865, RFC 3579,
 * MSK from the MS-MPPE keys of RFC 2548) with fail-over down a list of servers. Which one is the
 * {@code iotgw.aaa.mode} setting; the protocol is the same.
 *
 * <p>Every {@link Relay} gets exactly one {@link Answer}. The AAA keeps per-session state between
 * Relays (the EAP-PSK server's state, or the RADIUS State and User-Name) for at most {@code
 * iotgw.aaa.idle-timeout} after the last Relay, and drops it at {@link Forget}, after an Accept or
 * a Reject.
 */
public final class Aaa {

  private Aaa() {}

  public sealed interface Command {}

  /**
   * One EAP Response from a CD's session; exactly one Answer goes to replyTo. The first Relay of a
   * session carries the EAP-Response/Identity (the PAA itself sends the EAP-Request/Identity).
   */
  public record Relay(EapSessionId session, byte[] eapResponse, ActorRef<Answer> replyTo)
      implements Command {
    @Override
    public String toString() {
      return "Relay[" + session + ", " + eapResponse.length + " octets]";
    }
  }

  /** The network entry ended, whatever the reason: drop the session's state. No answer. */
  public record Forget(EapSessionId session) implements Command {}

  /** The implementation's own messages (sockets, timers, counters); not for other actors. */
  non-sealed interface Internal extends Command {}

  public sealed interface Answer {}

  /** Send this EAP-Request to the CD and relay its next Response. */
  public record Challenge(byte[] eapRequest) implements Answer {
    @Override
    public String toString() {
      return "Challenge[" + eapRequest.length + " octets]";
    }
  }

  /**
   * Authenticated: send the EAP-Success; the 64-octet MSK keys PANA and the link (RFC 5191 §5.3,
   * RFC 5807). The array is the receiver's: it zeroes it when done.
   */
  public record Accept(byte[] eapSuccess, byte[] msk) implements Answer {
    @Override
    public String toString() {
      return "Accept[EAP-Success, MSK " + msk.length + " octets redacted]";
    }
  }

  /** Refused: send the EAP-Failure. The reason is for the log line, never for the CD. */
  public record Reject(byte[] eapFailure, String reason) implements Answer {
    @Override
    public String toString() {
      return "Reject[" + reason + "]";
    }
  }

  /** No AAA answered in time (or the AAA is full): the PAA ends the network entry. */
  public record Unavailable(String reason) implements Answer {}

  /** The authenticator {@code config} selects, embedded or RADIUS. */
  public static Behavior<Command> create(AaaConfig config) {
    if (config.backend() instanceof AaaConfig.Radius radius) {
      return RadiusAaa.create(radius, config.idleTimeout());
    }
    return EmbeddedAaa.create((AaaConfig.Embedded) config.backend(), config.idleTimeout());
  }
}

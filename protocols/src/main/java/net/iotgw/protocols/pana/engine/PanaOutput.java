package net.iotgw.protocols.pana.engine;

/** What a PANA engine asks its owner (the actor) to do, or tells it. */
public sealed interface PanaOutput {

  /** Send this PANA message (whole, encoded, signed when a key exists) to the other side. */
  record Send(byte[] message) implements PanaOutput {}

  /** Schedule {@link Timer} to fire at {@code atMillis}; replaces any earlier one of that kind. */
  record Arm(Timer timer, long atMillis) implements PanaOutput {}

  /** Cancel the pending {@link Timer} of that kind, if any. */
  record Disarm(Timer timer) implements PanaOutput {}

  /** PAA: the PaC's session has started; the owner starts the EAP authenticator (§4.1). */
  record EapStart() implements PanaOutput {}

  /** An EAP packet from the other side, for the owner's EAP peer, relay or authenticator. */
  record EapReceived(byte[] eap) implements PanaOutput {}

  /** The session is open (§4.1 end): both sides hold PANA_AUTH_KEY; access for this long. */
  record Opened(long sessionId, long lifetimeSeconds) implements PanaOutput {}

  /** The session has ended for good. */
  record Closed(CloseReason reason) implements PanaOutput {}

  /** A ping (PNR/PNA, §4.2) completed. */
  record PingAnswered() implements PanaOutput {}

  /** The input was dropped and the state is unchanged. */
  record Dropped(DropReason reason, String detail) implements PanaOutput {}

  /** The timers an engine arms (RFC 5191 §9 and the session lifetime, §4.4). */
  enum Timer {
    RETRANSMIT,
    LIFETIME
  }

  enum CloseReason {
    /** PAR/PAN with the C flag and Result-Code PANA_AUTHENTICATION_REJECTED (§4.1). */
    AUTHENTICATION_REJECTED,
    /** REQ_MRC reached without an answer (§9). */
    RETRANSMISSIONS_EXHAUSTED,
    /** The session lifetime ran out (§4.4). */
    LIFETIME_EXPIRED,
    /** PTR/PTA exchanged (§4.4). */
    TERMINATED
  }

  enum DropReason {
    /** Not a decodable PANA message. */
    MALFORMED,
    /** A message this state does not expect. */
    UNEXPECTED,
    /** A Session Identifier that is not this session's. */
    WRONG_SESSION,
    /** A sequence number outside the window of §5.1. */
    WRONG_SEQUENCE,
    /** A missing or invalid AUTH AVP once PANA_AUTH_KEY exists (§5.3). */
    BAD_AUTH,
    /** Algorithm negotiation failed (§4.1). */
    NO_ALGORITHM
  }
}

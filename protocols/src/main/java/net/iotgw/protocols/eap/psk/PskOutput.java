package net.iotgw.protocols.eap.psk;

import net.iotgw.protocols.eap.EapKeys;

/** What an EAP-PSK state machine asks its owner to do, or tells it. */
public sealed interface PskOutput {

  /** Send this EAP packet to the other side. */
  record Send(byte[] eapPacket) implements PskOutput {}

  /**
   * The exchange succeeded. {@code otherId} is ID_P on the server and ID_S on the peer; the keys
   * are a copy the owner must destroy when done.
   */
  record Authenticated(byte[] otherId, EapKeys keys) implements PskOutput {}

  /** The exchange failed for good. */
  record Failed(PskFailure reason) implements PskOutput {}

  /** The input was dropped and the state is unchanged (RFC 3748 §4.1 silent discard). */
  record Discarded(Reason reason, String detail) implements PskOutput {}

  enum Reason {
    /** Not a well-formed EAP or EAP-PSK packet. */
    MALFORMED,
    /** A packet that this state does not expect (wrong code, type, T, or a finished exchange). */
    UNEXPECTED,
    /** An Identifier that does not match the outstanding request (RFC 3748 §4.1). */
    WRONG_IDENTIFIER,
    /** A RAND_S that is not this session's (RFC 4764 §5.2). */
    WRONG_RAND_S,
    /** A message 4 whose PCHANNEL nonce is not N + 1 (RFC 4764 §5.4). */
    WRONG_NONCE
  }
}

package net.iotgw.protocols.pana.engine;

import java.util.List;
import net.iotgw.protocols.pana.Avp;

/** What a PANA engine asks its owner (the actor) to do, or tells it. */
public sealed interface PanaOutput {

  /** Send this PANA message (whole, encoded, signed when a key exists) to the other side. */
  record Send(byte[] message) implements PanaOutput {}

  /** Schedule {@link Timer} to fire at {@code atMillis}; replaces any earlier one of that kind. */
  record Arm(Timer timer, long atMillis) implements PanaOutput {}

  /** Cancel the pending {@link Timer} of that kind, if any. */
  record Disarm(Timer timer) implements PanaOutput {}

  /**
   * A new EAP conversation begins: the owner starts a fresh EAP authenticator (PAA) or peer
   * (PaC). Reported when the session starts (§4.1) and again when re-authentication starts
   * (§4.3), before the first {@link EapReceived} of that conversation.
   */
  record EapStart() implements PanaOutput {}

  /** An EAP packet from the other side, for the owner's EAP peer, relay or authenticator. */
  record EapReceived(byte[] eap) implements PanaOutput {}

  /** The session is open (§4.1 end): both sides hold PANA_AUTH_KEY; access for this long. */
  record Opened(long sessionId, long lifetimeSeconds) implements PanaOutput {}

  /** The session has ended for good. */
  record Closed(CloseReason reason) implements PanaOutput {}

  /**
   * Re-authentication succeeded (§4.3): a new MSK (the one the owner just fed in) now keys the
   * session under this Key-Id, PANA_AUTH_KEY and the encryption keys are the new ones, the old
   * ones are zeroed, and the lifetime starts again. The owner rekeys what it derived from the MSK
   * (the PEMK and the link key of RFC 5807).
   */
  record Reauthenticated(long sessionId, long keyId, long lifetimeSeconds) implements PanaOutput {}

  /** A ping (PNR/PNA, §4.2) completed. */
  record PingAnswered() implements PanaOutput {}

  /**
   * The other side delivered these AVPs, decrypted from the Encryption-Encap AVP of a signed PNR
   * (see {@link KeyDelivery}): at the PaC the PAA's key deliveries, at the PAA the PaC's requests.
   * The PNA that acknowledges them has been sent.
   */
  record Delivered(List<Avp> avps) implements PanaOutput {
    public Delivered {
      avps = List.copyOf(avps);
    }

    @Override
    public String toString() {
      return "Delivered[" + avps.size() + " AVPs, redacted]";
    }
  }

  /** The other side acknowledged our delivery (its signed PNA arrived, carrying nothing). */
  record DeliveryAcknowledged() implements PanaOutput {}

  /**
   * A negative acknowledgement: at the sender, the other side's PNA refused our delivery with
   * these AVPs (their owner's reason, e.g. a vendor refusal AVP); at the receiver, its owner's
   * {@link DeliveryVerdict} refused one, and the PNA carrying these AVPs has been sent. The
   * delivery's AVPs are not reported.
   */
  record DeliveryRefused(List<Avp> avps) implements PanaOutput {
    public DeliveryRefused {
      avps = List.copyOf(avps);
    }
  }

  /** The input was dropped and the state is unchanged. */
  record Dropped(DropReason reason, String detail) implements PanaOutput {}

  /** The timers an engine arms (RFC 5191 §9 and the session lifetime, §4.4). */
  enum Timer {
    RETRANSMIT,
    LIFETIME,
    /** PaC: start re-authentication before the lifetime runs out (§4.3, §5.7). */
    REAUTHENTICATE,
    /** PaC: the EAP peer has not answered (or exported its MSK) in time. */
    EAP_RESPONSE
  }

  enum CloseReason {
    /** PAR/PAN with the C flag and Result-Code PANA_AUTHENTICATION_REJECTED (§4.1). */
    AUTHENTICATION_REJECTED,
    /** REQ_MRC reached without an answer (§9). */
    RETRANSMISSIONS_EXHAUSTED,
    /** The session lifetime ran out (§4.4). */
    LIFETIME_EXPIRED,
    /** PTR/PTA exchanged (§4.4). */
    TERMINATED,
    /** PaC: the EAP peer gave no response (or no MSK) within the configured time. */
    EAP_TIMEOUT
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
    /** Algorithm negotiation failed (§4.1), or a command needs one that was not negotiated. */
    NO_ALGORITHM,
    /**
     * An Encryption-Encap AVP that does not open to acceptable AVPs (RFC 6786 §5, §6.1), or AVPs
     * a delivery may not encrypt.
     */
    BAD_ENCRYPTION
  }
}

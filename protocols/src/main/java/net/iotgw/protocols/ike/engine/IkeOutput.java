package net.iotgw.protocols.ike.engine;

import java.util.Optional;
import net.iotgw.protocols.ike.codec.NotifyType;

/** What an IKE SA engine asks its owner to do, or tells it. */
public sealed interface IkeOutput {

  /** Send this datagram (add the non-ESP marker with {@link Datagram#udpPayload}). */
  record Send(Datagram datagram) implements IkeOutput {}

  /** Run {@code timer} to fire at {@code atMillis}, replacing any earlier one of that kind. */
  record Arm(IkeTimer timer, long atMillis) implements IkeOutput {}

  /** Cancel {@code timer} if it is pending. */
  record Disarm(IkeTimer timer) implements IkeOutput {}

  /** The input changed nothing (RFC 7296 §2.21: some are dropped silently on the wire). */
  record Dropped(DropReason reason, String detail) implements IkeOutput {}

  /**
   * A CHILD_SA is agreed (in IKE_AUTH or CREATE_CHILD_SA): deliver {@code delivery} to the CD and
   * answer {@link IkeEvent.KeysDelivered} or {@link IkeEvent.KeyDeliveryFailed}. Until then a
   * responder holds its response (paper Sec. III-D).
   */
  record ChildSaAgreed(KeyDelivery delivery, ChildSa child) implements IkeOutput {}

  /**
   * The IKE SA is up with {@code peer} authenticated and authorized; {@code child} is empty when
   * the peer's CHILD_SA could not be agreed (see {@link ChildSaRefused}).
   */
  record Established(long spiI, long spiR, Identity peer, Optional<ChildSa> child)
      implements IkeOutput {}

  /**
   * A CHILD_SA was refused with {@code error} (the first one in IKE_AUTH, or one of CREATE_CHILD_SA,
   * new or rekey); the IKE SA itself lives (RFC 7296 §1.2).
   */
  record ChildSaRefused(NotifyType error) implements IkeOutput {}

  /**
   * {@code replacement} (announced by its {@link ChildSaAgreed}) takes over from {@code old}
   * (RFC 7296 §2.8): send on the replacement; {@code old} still receives until its {@link
   * ChildSaDeleted}.
   */
  record ChildSaRekeyed(ChildSa old, ChildSa replacement) implements IkeOutput {}

  /**
   * The CHILD_SA is gone (deleted by either side, replaced, or expired): remove its ESP routes and
   * tell the CD. Its keys are zeroed.
   */
  record ChildSaDeleted(ChildSa child) implements IkeOutput {}

  /**
   * The IKE SA was rekeyed (RFC 7296 §1.3.2, §2.18): it goes on under {@code spiI}/{@code spiR};
   * route both pairs here until {@link IkeSaRetired} names the old one.
   */
  record IkeSaRekeyed(long oldSpiI, long oldSpiR, long spiI, long spiR) implements IkeOutput {}

  /**
   * A simultaneous IKE SA rekey made this redundant IKE SA (RFC 7296 §2.8.2): route its SPIs here
   * too until {@link IkeSaRetired}, so that its Delete is answered.
   */
  record RedundantIkeSa(long spiI, long spiR) implements IkeOutput {}

  /** The IKE SA with these SPIs (rekeyed or redundant) is deleted: stop routing them here. */
  record IkeSaRetired(long spiI, long spiR) implements IkeOutput {}

  /** The peer answered our liveness check (RFC 7296 §1.4). */
  record LivenessConfirmed() implements IkeOutput {}

  /** The peer authenticated but its identity is not allowed by the CD's policy. */
  record AuthorizationRefused(Identity peer) implements IkeOutput {}

  /** The IKE SA is gone and its keys are zeroed; no more events are accepted. */
  record Closed(CloseReason reason, String detail) implements IkeOutput {}

  /** The IKE SA's keys for Wireshark, only with {@link EngineConfig#debugKeys()}. */
  record KeysForDebug(DebugKeys keys) implements IkeOutput {}

  enum DropReason {
    /** Not a decodable IKE message, or one missing what its exchange needs. */
    MALFORMED,
    /** SPIs or flags that do not belong to this IKE SA. */
    NOT_THIS_SA,
    /** A message or event the current state does not take. */
    UNEXPECTED,
    /** A message ID outside the window (RFC 7296 §2.3). */
    WRONG_MESSAGE_ID,
    /** An SK/SKF payload whose ICV does not verify: dropped silently (RFC 7296 §2.21). */
    INTEGRITY,
    /**
     * A retransmitted request while its response waits for key delivery: not answered twice; or a
     * request beyond the bounded number kept until then.
     */
    HELD,
    /** A fragment of a message not yet complete (RFC 7383), or a duplicate fragment. */
    FRAGMENT,
    /** A timer that no longer applies. */
    STALE_TIMER,
    /** A request of an exchange this engine does not (yet) answer. */
    UNSUPPORTED_EXCHANGE,
    /** The SA is closed. */
    CLOSED
  }

  enum CloseReason {
    /** An IKE_SA_INIT request answered statelessly (cookie, INVALID_KE_PAYLOAD, errors): no SA. */
    REFUSED,
    /** No acceptable proposal, either way. */
    NO_PROPOSAL_CHOSEN,
    /** The peer's or our AUTH did not verify, or its identity or certificate is not acceptable. */
    AUTHENTICATION_FAILED,
    /** The peer is authenticated but not allowed by the CD's policy. */
    AUTHORIZATION_REFUSED,
    /** The peer answered with an error notify. */
    PEER_ERROR,
    /** A protected message was authentic but malformed. */
    INVALID_SYNTAX,
    /** Too many INVALID_KE_PAYLOAD or COOKIE rounds, or a group outside the profile. */
    INIT_RETRIES_EXHAUSTED,
    /** No response after every retransmission (RFC 7296 §2.4). */
    RETRANSMISSIONS_EXHAUSTED,
    /** No IKE_AUTH request came in time. */
    HALF_OPEN_TIMEOUT,
    /** The owner could not deliver the keys to the CD, or did not say in time. */
    KEY_DELIVERY_FAILED,
    /** The IKE SA's hard lifetime ended. */
    EXPIRED,
    /** The owner destroyed the SA. */
    DESTROYED,
    /** Our Delete of the IKE SA was answered, or sent once when it expired (RFC 7296 §1.4.1). */
    DELETED,
    /** The peer deleted the IKE SA (RFC 7296 §1.4.1). */
    DELETED_BY_PEER
  }
}

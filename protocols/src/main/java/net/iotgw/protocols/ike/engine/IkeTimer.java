package net.iotgw.protocols.ike.engine;

/** The timers an IKE SA engine asks its owner to run; one of each kind at most. */
public enum IkeTimer {
  /** Our outstanding request's retransmission or give-up (RFC 7296 §2.1). */
  RETRANSMIT,
  /** A responder's wait for IKE_AUTH after IKE_SA_INIT. */
  HALF_OPEN,
  /** The wait for the owner's {@code KeysDelivered} (paper Sec. III-D). */
  KEY_DELIVERY,
  /** The IKE SA's hard lifetime: deleted. */
  IKE_SA_EXPIRY,
  /** The IKE SA's soft lifetime: rekeyed (RFC 7296 §2.8). */
  IKE_SA_REKEY,
  /** The earliest soft (rekey) or hard (delete) lifetime among the CHILD_SAs. */
  CHILD_SA_LIFETIME,
  /**
   * The IKE SAs a rekey left behind (RFC 7296 §2.18): our Delete's retransmission, or the end of
   * the wait for the peer's.
   */
  RETIRED_IKE_SA
}

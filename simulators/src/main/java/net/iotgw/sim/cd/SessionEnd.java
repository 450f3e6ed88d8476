package net.iotgw.sim.cd;

import net.iotgw.protocols.pana.engine.PanaOutput;

/** Why a CD's last join attempt or PANA session ended. */
public enum SessionEnd {
  /** PAR with C and PANA_AUTHENTICATION_REJECTED (RFC 5191 §4.1). */
  AUTHENTICATION_REJECTED,
  /** A request went unanswered REQ_MRC times (§9). */
  RETRANSMISSIONS_EXHAUSTED,
  /** The session lifetime ran out (§4.4); the CD has no re-authentication. */
  LIFETIME_EXPIRED,
  /** PTR/PTA exchanged (§4.4). */
  TERMINATED,
  /**
   * The join made no progress for {@link JoinSettings#stallTimeoutMillis()}: RFC 5191 gives the
   * PaC no timer while the PAA drives EAP, so a PaC whose PAA gave up would wait for ever.
   */
  JOIN_STALLED,
  /** The CD's own EAP peer did not answer in time (the PaC's EAP_RESPONSE timer). */
  EAP_TIMEOUT;

  static SessionEnd of(PanaOutput.CloseReason reason) {
    return switch (reason) {
      case AUTHENTICATION_REJECTED -> AUTHENTICATION_REJECTED;
      case RETRANSMISSIONS_EXHAUSTED -> RETRANSMISSIONS_EXHAUSTED;
      case LIFETIME_EXPIRED -> LIFETIME_EXPIRED;
      case TERMINATED -> TERMINATED;
      case EAP_TIMEOUT -> EAP_TIMEOUT;
    };
  }
}

package net.iotgw.sim.cd;

/** Where a CD stands in network entry (PANA with EAP-PSK, RFC 5191 §4.1). */
public enum JoinState {
  /** No session: never started, or the last one ended (terminated, expired, abandoned). */
  NOT_JOINED,
  /** PCI sent; authenticating. */
  JOINING,
  /** The PANA session is open and the CD holds its link key: it secures its data frames. */
  ADMITTED,
  /** The PAA answered PANA_AUTHENTICATION_REJECTED (a wrong PSK): the CD stops trying. */
  REJECTED
}

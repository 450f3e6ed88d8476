package net.iotgw.streams.esp;

/** Why the ESP forwarder dropped a packet; each counted in {@link EspCounters}. */
public enum EspDrop {
  /**
   * ESP whose SPI matches no installed route, either way: from a UD, no route for the SPI to that
   * CD; from a CD, none for its address, the UD's and the SPI. The count IKE tests watch: a UD's
   * ESP packet lost because the gateway had not installed its keys' route yet.
   */
  NO_ROUTE,
  /** ESP from a UD for a known SPI, but from another address than the route's UD. */
  WRONG_PEER,
  /** A NAT-keepalive (RFC 3948 §2.3), which the receiver ignores: not an error. */
  KEEPALIVE,
  /**
   * IKE or ESP to or from a CD that does not decode: a UDP length or checksum that does not hold,
   * an RFC 3948 datagram that is none of IKE, ESP or keepalive, ESP shorter than its header.
   */
  MALFORMED,
  /** ESP whose hop limit would reach 0 when the gateway rewraps it (RFC 8200 §3). */
  HOP_LIMIT_EXCEEDED
}

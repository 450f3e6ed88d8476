package net.iotgw.streams.esp;

/** Why the ESP forwarder dropped a packet; each counted in {@link EspCounters}. */
public enum EspDrop {
  /**
   * ESP from a UD whose SPI matches no installed route to that CD: the count IKE tests watch, a
   * UD's packet lost because the gateway had not installed the SA pair's route (yet, or any
   * more).
   */
  NO_ROUTE_FROM_UD,
  /** ESP from a CD with no route for its address, the UD's and the SPI: never sent to the UCN. */
  NO_ROUTE_FROM_CD,
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

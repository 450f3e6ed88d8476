package net.iotgw.sim.ud;

/**
 * How a simulated UD paces its work; every bound is a count, so nothing it holds grows with time.
 *
 * @param handshakesInFlight IKE SAs it opens at once (the rest wait their turn)
 * @param cdsRequestedAtOnce CDs with a GET outstanding at once (one each: NSTART = 1)
 * @param requestsPerCd GETs sent to each CD whose SA is up, one after the other
 * @param path the resource they GET
 * @param handshakeTimeoutMillis an SA not up this long after its IKE_SA_INIT has failed
 * @param coap CoAP retransmission parameters (RFC 7252 §4.8)
 */
public record UdSettings(
    int handshakesInFlight,
    int cdsRequestedAtOnce,
    int requestsPerCd,
    String path,
    long handshakeTimeoutMillis,
    CoapGetClient.Transmission coap) {

  public UdSettings {
    if (handshakesInFlight < 1 || cdsRequestedAtOnce < 1 || requestsPerCd < 0
        || handshakeTimeoutMillis <= 0) {
      throw new IllegalArgumentException("windows must be positive, counts not negative");
    }
  }
}

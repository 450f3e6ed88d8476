package net.iotgw.sim.ud;

/**
 * Where a simulated UD stands: a snapshot, safe to hand to another thread.
 *
 * @param targets CDs it was given
 * @param handshakesOk IKE SAs established with their CHILD_SA
 * @param handshakesFailed SAs that closed, were refused or timed out
 * @param requestsPlanned GETs it means to send: {@code requestsPerCd} for every target
 * @param requestsOk GETs answered 2.05 Content
 * @param requestsFailed GETs answered otherwise, reset or unacknowledged
 * @param requestsSkipped GETs never sent because the CD's SA did not come up
 * @param ikeRetransmissions IKE requests sent again (RFC 7296 §2.1)
 * @param coapRetransmissions GETs sent again (RFC 7252 §4.2)
 * @param ikeOctetsSent UDP payloads of IKE, as sent
 * @param ikeOctetsReceived UDP payloads of IKE, as received
 * @param espSent ESP packets sealed and sent
 * @param espReceived ESP packets opened and accepted
 * @param ignored packets it could not place (not for it, malformed, not authentic)
 * @param handshakeNanos each established SA's time from its first IKE_SA_INIT
 * @param requestNanos each answered GET's time from its first transmission
 */
public record UdProgress(
    int targets,
    int handshakesOk,
    int handshakesFailed,
    int requestsPlanned,
    int requestsOk,
    int requestsFailed,
    int requestsSkipped,
    long ikeRetransmissions,
    long coapRetransmissions,
    long ikeOctetsSent,
    long ikeOctetsReceived,
    long espSent,
    long espReceived,
    long ignored,
    long[] handshakeNanos,
    long[] requestNanos) {

  public UdProgress {
    handshakeNanos = handshakeNanos.clone();
    requestNanos = requestNanos.clone();
  }

  @Override
  public long[] handshakeNanos() {
    return handshakeNanos.clone();
  }

  @Override
  public long[] requestNanos() {
    return requestNanos.clone();
  }

  @Override
  public String toString() {
    return "UdProgress[" + targets + " CDs, handshakes " + handshakesOk + " ok " + handshakesFailed
        + " failed, GETs " + requestsOk + " ok " + requestsFailed + " failed " + requestsSkipped
        + " skipped of " + requestsPlanned + ", retransmitted IKE " + ikeRetransmissions
        + " CoAP " + coapRetransmissions + ", ignored " + ignored + "]";
  }

  /** Every handshake has ended, one way or the other. */
  public boolean handshakesDone() {
    return handshakesOk + handshakesFailed == targets;
  }

  /** Every planned GET has ended, one way or the other. */
  public boolean requestsDone() {
    return requestsOk + requestsFailed + requestsSkipped == requestsPlanned;
  }
}

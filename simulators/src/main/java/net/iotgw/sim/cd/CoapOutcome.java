package net.iotgw.sim.cd;

import org.eclipse.californium.core.coap.CoAP;

/** What the CD's CoAP server made of one UDP datagram to port 5683. */
sealed interface CoapOutcome {

  /** A request answered: a piggybacked ACK for a CON, a NON for a NON (RFC 7252 §5.2). */
  record Answered(byte[] message, CoAP.ResponseCode code) implements CoapOutcome {}

  /** A retransmitted CON answered with the reply it had before (RFC 7252 §4.5). */
  record Repeated(byte[] message) implements CoapOutcome {}

  /** A Reset: the answer to a CoAP ping or to a CON the server cannot process (§4.2, §4.3). */
  record Reset(byte[] message) implements CoapOutcome {}

  /** Nothing to send. */
  record Ignored(DropReason reason) implements CoapOutcome {}
}

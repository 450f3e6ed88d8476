package net.iotgw.gateway.aaa;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the RADIUS client keeps of a session between Relays.
 *
 * @param userName the EAP identity of the first Relay, sent as User-Name in every request (RFC 3579
 *     §2.1)
 * @param state the State of the last Access-Challenge, echoed (RFC 2865 §5.24)
 * @param server the server that answered: the EAP conversation lives there, so later requests go to
 *     it only
 * @param lastRequest the EAP-Request of the last Access-Challenge, repeated when the CD's Response
 *     does not answer it
 */
record RadiusSession(
    byte[] userName, Optional<byte[]> state, OptionalInt server, Optional<byte[]> lastRequest) {

  static RadiusSession opened(byte[] userName) {
    return new RadiusSession(userName, Optional.empty(), OptionalInt.empty(), Optional.empty());
  }

  RadiusSession challenged(int server, Optional<byte[]> state, byte[] eapRequest) {
    return new RadiusSession(userName, state, OptionalInt.of(server), Optional.of(eapRequest));
  }

  @Override
  public String toString() {
    return "RadiusSession[" + RelayedEap.printable(userName) + ", server " + server + "]";
  }
}

package net.iotgw.sim.cd;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where a CD running IKEv2 itself stands ({@link SimulatedCd#startIke}).
 *
 * @param state how far its IKE SA got
 * @param startedAtMillis when it sent IKE_SA_INIT
 * @param establishedAtMillis when the IKE SA and its CHILD_SA came up
 * @param ikeDatagramsSent IKE messages sent, retransmissions included
 * @param retransmissions requests sent again (RFC 7296 §2.1)
 * @param espReceived ESP packets opened under the CHILD_SA
 * @param espSent ESP packets sealed under it
 * @param handshake what the handshake cost the CD, once established
 */
public record BaselineIkeStatus(
    State state,
    long startedAtMillis,
    OptionalLong establishedAtMillis,
    int ikeDatagramsSent,
    int retransmissions,
    long espReceived,
    long espSent,
    Optional<HandshakeCost> handshake) {

  public enum State {
    CONNECTING,
    ESTABLISHED,
    CLOSED
  }

  /** Milliseconds from IKE_SA_INIT to the CHILD_SA, once established. */
  public OptionalLong handshakeMillis() {
    return establishedAtMillis.isPresent()
        ? OptionalLong.of(establishedAtMillis.getAsLong() - startedAtMillis)
        : OptionalLong.empty();
  }
}

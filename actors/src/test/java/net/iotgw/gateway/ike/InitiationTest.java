package net.iotgw.gateway.ike;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.iotgw.protocols.ike.engine.IkeOutput.CloseReason;
import net.iotgw.protocols.offload.SaRequestFailed.Reason;
import org.junit.jupiter.api.Test;

/** What a CD is told when the IKE SA the gateway initiated for it closes before its CHILD_SA. */
class InitiationTest {
  @Test
  void unansweredRetransmissionsAreATimeoutRfc7296Section2_4() {
    assertEquals(new Initiation.Failure(Reason.TIMEOUT, 0),
        Initiation.failureOf(CloseReason.RETRANSMISSIONS_EXHAUSTED, "no response"));
  }

  @Test
  void theUdsErrorNotifyIsPassedOnWithItsNumberRfc7296Section3_10_1() {
    assertEquals(new Initiation.Failure(Reason.NO_PROPOSAL_CHOSEN, 14),
        Initiation.failureOf(CloseReason.PEER_ERROR, "N(NO_PROPOSAL_CHOSEN)"));
    assertEquals(new Initiation.Failure(Reason.AUTHENTICATION_FAILED, 24),
        Initiation.failureOf(CloseReason.AUTHENTICATION_FAILED, "peer answered N(AUTHENTICATION_FAILED)"));
    assertEquals(new Initiation.Failure(Reason.OTHER, 43),
        Initiation.failureOf(CloseReason.PEER_ERROR, "N(TEMPORARY_FAILURE)"));
  }

  @Test
  void ourOwnRefusalsMapToTheirReasons() {
    assertEquals(new Initiation.Failure(Reason.NO_PROPOSAL_CHOSEN, 14),
        Initiation.failureOf(CloseReason.NO_PROPOSAL_CHOSEN, "the answer is not a proposal we made"));
    assertEquals(new Initiation.Failure(Reason.AUTHENTICATION_FAILED, 24),
        Initiation.failureOf(CloseReason.AUTHENTICATION_FAILED, "IDr x is not y"));
    assertEquals(new Initiation.Failure(Reason.PEER_NOT_ALLOWED, 0),
        Initiation.failureOf(CloseReason.AUTHORIZATION_REFUSED, "x is not allowed"));
    assertEquals(new Initiation.Failure(Reason.KEY_DELIVERY_FAILED, 0),
        Initiation.failureOf(CloseReason.KEY_DELIVERY_FAILED, "the CD refused it"));
    assertEquals(new Initiation.Failure(Reason.OTHER, 0),
        Initiation.failureOf(CloseReason.DESTROYED, "stopped"));
  }
}

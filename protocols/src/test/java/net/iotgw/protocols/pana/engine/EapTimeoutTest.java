package net.iotgw.protocols.pana.engine;

import static net.iotgw.protocols.pana.engine.PanaEngineTest.PSK;
import static net.iotgw.protocols.pana.engine.PanaEngineTest.assertClosed;
import static net.iotgw.protocols.pana.engine.PanaEngineTest.opened;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.pana.PanaAuthKey;
import net.iotgw.protocols.pana.PanaCodec;
import net.iotgw.protocols.pana.PanaHeader;
import net.iotgw.protocols.pana.PanaMessage;
import net.iotgw.protocols.pana.PanaMessageType;
import org.junit.jupiter.api.Test;

/** A PaC whose EAP peer stops answering gives up instead of waiting for ever. */
class EapTimeoutTest {

  static void fireUntilPacCloses(PanaPair p) {
    for (int i = 0; i < 30 && !(p.pac instanceof OpenSession.Closed); i++) {
      p.fireNextTimer();
    }
  }

  @Test
  void pacClosesWhenItsEapPeerNeverAnswers_afterTheDefaultThirtySeconds() {
    PanaPair p = new PanaPair(PSK, PSK);
    p.peerSilent = true;
    p.startFromPac();
    assertInstanceOf(PacEngine.AwaitingEapResponse.class, p.pac);
    long deadline = p.pacTimers.get(PanaOutput.Timer.EAP_RESPONSE);
    assertEquals(p.now + 30_000, deadline);
    fireUntilPacCloses(p);
    assertClosed(PanaOutput.CloseReason.EAP_TIMEOUT, p.pac);
    assertEquals(deadline, p.now);
    assertTrue(p.pacSaw.contains(new PanaOutput.Closed(PanaOutput.CloseReason.EAP_TIMEOUT)));
    assertTrue(p.pacTimers.isEmpty());
  }

  @Test
  void eapResponseTimeIsConfigurable_andAnAnswerDisarmsIt() {
    Random random = new Random(1);
    PacEngine.State pac = PacEngine.create(new PacEngine.Config(
        List.of(PrfAlgorithm.PRF_HMAC_SHA2_256), List.of(IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128),
        List.of(), RetransmitPolicy.REQUEST, 50, PanaPair.bytes(16, 0xc0), 5_000));
    pac = PacEngine.start(pac, 0, random).state();
    byte[] parS = PanaCodec.encode(new PanaMessage(
        new PanaHeader(PanaHeader.FLAG_R | PanaHeader.FLAG_S, PanaMessageType.AUTH, 7, 100),
        List.of(new Avp.PrfAlgorithm(5), new Avp.IntegrityAlgorithm(12))));
    pac = PacEngine.receive(pac, parS, 10, random).state();
    byte[] par = PanaCodec.encode(new PanaMessage(
        new PanaHeader(PanaHeader.FLAG_R, PanaMessageType.AUTH, 7, 101),
        List.of(new Avp.Nonce(PanaPair.bytes(16, 0xa0)),
            new Avp.EapPayload(new byte[] {1, 1, 0, 4}))));
    PanaStep<PacEngine.State> step = PacEngine.receive(pac, par, 20, random);
    assertEquals(2, step.outputs().size());
    assertEquals(new PanaOutput.Arm(PanaOutput.Timer.EAP_RESPONSE, 5_020), step.outputs().get(0));
    assertArrayEquals(new byte[] {1, 1, 0, 4},
        assertInstanceOf(PanaOutput.EapReceived.class, step.outputs().get(1)).eap());
    PanaStep<PacEngine.State> answered = PacEngine.eapToPaa(step.state(), new byte[] {2, 1, 0, 4});
    assertTrue(answered.outputs().contains(new PanaOutput.Disarm(PanaOutput.Timer.EAP_RESPONSE)));
    // A stale EAP_RESPONSE that fires anyway changes nothing.
    PanaStep<PacEngine.State> stale =
        PacEngine.timer(answered.state(), PanaOutput.Timer.EAP_RESPONSE, 5_020, random);
    assertEquals(answered.state(), stale.state());
    assertEquals(List.of(), stale.outputs());
  }

  @Test
  void pacClosesWhenItsEapPeerGoesSilentDuringReauthentication_andZeroesTheKeys() {
    PanaPair p = opened();
    PanaAuthKey key = PanaEngineTest.open(p.pac).channel().key();
    p.peerSilent = true;
    p.onPac(PacEngine.reauthenticate(p.pac, p.now, p.random));
    p.run();
    assertInstanceOf(PacReauthentication.AwaitingEapResponse.class, p.pac);
    long deadline = p.pacTimers.get(PanaOutput.Timer.EAP_RESPONSE);
    fireUntilPacCloses(p);
    assertClosed(PanaOutput.CloseReason.EAP_TIMEOUT, p.pac);
    assertEquals(deadline, p.now);
    assertArrayEquals(new byte[32], key.bytes());
  }

  @Test
  void aPeerThatAnswersLeavesNoEapTimerArmed() {
    PanaPair p = opened();
    assertTrue(p.pacSaw.contains(new PanaOutput.Disarm(PanaOutput.Timer.EAP_RESPONSE)));
    assertFalse(p.pacTimers.containsKey(PanaOutput.Timer.EAP_RESPONSE));
  }
}

package net.iotgw.protocols.ike.engine;

import static net.iotgw.protocols.ike.engine.Conversation.Side.INITIATOR;
import static net.iotgw.protocols.ike.engine.Conversation.Side.RESPONDER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.engine.IkeOutput.CloseReason;
import net.iotgw.protocols.ike.engine.IkeOutput.DropReason;
import net.iotgw.protocols.ike.engine.TestProfiles.TestSuite;
import org.junit.jupiter.api.Test;

/** RFC 7296 §2.1 and §2.4: retransmitted requests, cached responses, backoff and give-up. */
class RetransmissionTest {

  private static Conversation established() {
    Conversation c = TestProfiles.pskConversation(TestSuite.AES_GCM_16_X25519, 21);
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    return c;
  }

  @Test
  void rfc7296Section2_1RetransmittedIkeSaInitRequestGetsTheSameResponseBytes() {
    Conversation c = TestProfiles.pskConversation(TestSuite.AES_GCM_16_X25519, 22);
    c.start(Optional.of(TestProfiles.CD));
    c.stepToResponder();
    c.deliverToResponder(c.sentByInitiator.get(0));
    assertEquals(2, c.sentByResponder.size());
    assertArrayEquals(c.sentByResponder.get(0).message(), c.sentByResponder.get(1).message());
    assertInstanceOf(IkeState.HalfOpen.class, c.responder);
  }

  @Test
  void rfc7296Section2_1RetransmittedIkeAuthRequestGetsTheSameResponseBytes() {
    Conversation c = established();
    c.deliverToResponder(c.sentByInitiator.get(1));
    assertEquals(3, c.sentByResponder.size());
    assertArrayEquals(c.sentByResponder.get(1).message(), c.sentByResponder.get(2).message());
    assertInstanceOf(IkeState.Established.class, c.responder);
  }

  @Test
  void aForgedRequestWithTheAnsweredMessageIdIsDroppedNotAnswered() {
    Conversation c = established();
    Datagram original = c.sentByInitiator.get(1);
    byte[] forged = original.message();
    forged[forged.length - 1] ^= 1;
    c.deliverToResponder(new Datagram(original.local(), original.remote(), forged));
    assertEquals(2, c.sentByResponder.size());
    assertEquals(DropReason.INTEGRITY, lastDrop(c, RESPONDER).reason());
    // An IKE_SA_INIT request with other bytes is no retransmission either.
    byte[] init = c.sentByInitiator.get(0).message();
    init[init.length - 1] ^= 1;
    c.deliverToResponder(new Datagram(original.local(), original.remote(), init));
    assertEquals(2, c.sentByResponder.size());
  }

  @Test
  void rfc7296Section2_4InitiatorBacksOffExponentiallyThenGivesUp() {
    Conversation c = TestProfiles.pskConversation(TestSuite.AES_GCM_16_X25519, 23);
    c.start(Optional.of(TestProfiles.CD));
    c.loseQueued();
    long start = c.now;
    List<Long> armed = new ArrayList<>();
    armed.add(c.only(INITIATOR, IkeOutput.Arm.class).atMillis());
    // strongSwan's schedule: 4 s * 1.8^n after each of the 6 transmissions.
    long[] expected = {4_000, 11_200, 24_160, 47_488, 89_478, 165_061};
    for (int i = 0; i < 5; i++) {
      c.now = armed.get(armed.size() - 1);
      IkeStep step = c.fire(INITIATOR, IkeTimer.RETRANSMIT);
      assertEquals(1, step.all(IkeOutput.Send.class).size());
      assertArrayEquals(c.sentByInitiator.get(0).message(),
          step.all(IkeOutput.Send.class).get(0).datagram().message(), "resent unchanged");
      armed.add(step.all(IkeOutput.Arm.class).get(0).atMillis());
      c.loseQueued();
    }
    for (int i = 0; i < expected.length; i++) {
      assertEquals(start + expected[i], armed.get(i), "timeout " + i);
    }
    c.now = armed.get(5);
    c.fire(INITIATOR, IkeTimer.RETRANSMIT);
    assertEquals(CloseReason.RETRANSMISSIONS_EXHAUSTED,
        assertInstanceOf(IkeState.Closed.class, c.initiator).reason());
    assertEquals(6, c.sentByInitiator.size());
  }

  @Test
  void aRetransmissionTimerFiringEarlyIsStale() {
    Conversation c = TestProfiles.pskConversation(TestSuite.AES_GCM_16_X25519, 24);
    c.start(Optional.of(TestProfiles.CD));
    c.loseQueued();
    c.now += 3_999;
    assertEquals(DropReason.STALE_TIMER,
        c.fire(INITIATOR, IkeTimer.RETRANSMIT).all(IkeOutput.Dropped.class).get(0).reason());
    assertEquals(1, c.sentByInitiator.size());
  }

  @Test
  void lostIkeAuthRequestIsRetransmittedAndTheExchangeCompletes() {
    Conversation c = TestProfiles.pskConversation(TestSuite.AES_GCM_16_X25519, 25);
    c.start(Optional.of(TestProfiles.CD));
    c.stepToResponder();
    c.stepToInitiator();
    c.loseQueued();
    IkeState.AuthRequested asking = (IkeState.AuthRequested) c.initiator;
    c.now = asking.exchanges().outstanding().orElseThrow().deadline();
    c.fire(INITIATOR, IkeTimer.RETRANSMIT);
    assertArrayEquals(c.sentByInitiator.get(1).message(), c.sentByInitiator.get(2).message());
    c.run();
    HandshakeTest.assertBothEstablished(c, 3, 2);
  }

  @Test
  void unansweredIkeAuthRequestEndsTheSaAfterTheLastTimeout() {
    Conversation c = TestProfiles.pskConversation(TestSuite.AES_GCM_16_X25519, 26);
    c.start(Optional.of(TestProfiles.CD));
    c.stepToResponder();
    c.stepToInitiator();
    c.loseQueued();
    IkeSa sa = ((IkeState.AuthRequested) c.initiator).sa();
    for (int i = 0; i <= Limits.DEFAULT.retransmit().maxRetransmissions(); i++) {
      c.now = ((IkeState.AuthRequested) c.initiator).exchanges().outstanding().get().deadline();
      c.fire(INITIATOR, IkeTimer.RETRANSMIT);
      c.loseQueued();
    }
    assertEquals(CloseReason.RETRANSMISSIONS_EXHAUSTED,
        assertInstanceOf(IkeState.Closed.class, c.initiator).reason());
    assertArrayEquals(new byte[sa.keys().skeyseed().length], sa.keys().skeyseed(),
        "keys zeroed when the SA dies");
    assertTrue(c.outputs(INITIATOR, IkeOutput.Disarm.class).stream()
        .anyMatch(d -> d.timer() == IkeTimer.RETRANSMIT));
  }

  @Test
  void halfOpenResponderGivesUpWithoutIkeAuth() {
    Conversation c = TestProfiles.pskConversation(TestSuite.AES_GCM_16_X25519, 27);
    c.start(Optional.of(TestProfiles.CD));
    c.stepToResponder();
    IkeState.HalfOpen half = assertInstanceOf(IkeState.HalfOpen.class, c.responder);
    assertEquals(TestPki.NOW + 30_000, half.deadline());
    c.now = half.deadline();
    c.fire(RESPONDER, IkeTimer.HALF_OPEN);
    assertEquals(CloseReason.HALF_OPEN_TIMEOUT,
        assertInstanceOf(IkeState.Closed.class, c.responder).reason());
  }

  @Test
  void establishedSaEndsAtItsHardLifetime() {
    Conversation c = established();
    IkeState.Established e = (IkeState.Established) c.responder;
    assertEquals(TestPki.NOW + Limits.DEFAULT.ikeSaLifetimeMillis(), e.expiresAt());
    c.now = e.expiresAt() - 1;
    assertEquals(DropReason.STALE_TIMER,
        c.fire(RESPONDER, IkeTimer.IKE_SA_EXPIRY).all(IkeOutput.Dropped.class).get(0).reason());
    c.now++;
    c.fire(RESPONDER, IkeTimer.IKE_SA_EXPIRY);
    assertEquals(CloseReason.EXPIRED, assertInstanceOf(IkeState.Closed.class, c.responder).reason());
    assertArrayEquals(new byte[e.children().get(0).keys().initiatorEncryption().length],
        e.children().get(0).keys().initiatorEncryption());
  }

  static IkeOutput.Dropped lastDrop(Conversation c, Conversation.Side side) {
    List<IkeOutput.Dropped> drops = c.outputs(side, IkeOutput.Dropped.class);
    return drops.get(drops.size() - 1);
  }
}

package net.iotgw.protocols.ike.engine;

import static net.iotgw.protocols.ike.engine.Conversation.Side.INITIATOR;
import static net.iotgw.protocols.ike.engine.Conversation.Side.RESPONDER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.IkeHeader;
import net.iotgw.protocols.ike.codec.NotifyPayload;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.engine.Conversation.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rekeying the IKE SA (RFC 7296 §1.3.2, §2.18), our initiator against our responder: new SPIs and
 * keys on both sides, the CHILD_SAs carried over, message IDs from 0, the old SA deleted by the
 * rekey's initiator and answered by the peer, and later exchanges (key deliveries included) on the
 * new SA.
 */
class IkeRekeyTest {

  @ParameterizedTest
  @EnumSource(Side.class)
  void rfc7296Section2_18TheRekeyedIkeSaTakesNewSpisAndKeysAndKeepsTheChildSas(Side rekeyer) {
    Conversation c = ChildRekeyTest.established(401, false, EngineConfig.KeyDeliveryMode.SKEYSEED);
    Side peer = c.other(rekeyer);
    IkeSa old = c.established(rekeyer).sa();
    byte[] oldSkD = old.keys().skD().clone();
    ChildSa child = c.established(rekeyer).children().get(0);
    ChildSa peerChild = c.established(peer).children().get(0);
    c.forget();
    c.queue(rekeyer, new RekeyIkeSa());
    c.run();
    IkeSa mine = c.established(rekeyer).sa();
    IkeSa theirs = c.established(peer).sa();
    assertNotEquals(old.spiI(), mine.spiI());
    assertNotEquals(old.spiR(), mine.spiR());
    assertEquals(mine.spiI(), theirs.spiI());
    assertEquals(mine.spiR(), theirs.spiR());
    assertEquals(Role.INITIATOR, mine.role(), "the rekey's initiator is the new original initiator");
    assertEquals(Role.RESPONDER, theirs.role());
    assertArrayEquals(mine.keys().skD(), theirs.keys().skD());
    assertArrayEquals(mine.keys().skEi(), theirs.keys().skEi());
    assertFalse(java.util.Arrays.equals(oldSkD, mine.keys().skD()));
    assertArrayEquals(new byte[oldSkD.length], old.keys().skD(), "the old SA's keys are zeroed");
    assertEquals(old.peerIdentity(), mine.peerIdentity());
    assertEquals(old.remote(), mine.remote());
    for (Side side : Side.values()) {
      IkeState.Established e = c.established(side);
      assertTrue(e.retired().isEmpty());
      assertSame(side == rekeyer ? child : peerChild, e.children().get(0), "children carried");
      assertEquals(List.of(new IkeOutput.IkeSaRekeyed(old.spiI(), old.spiR(), mine.spiI(),
          mine.spiR())), c.outputs(side, IkeOutput.IkeSaRekeyed.class));
      assertEquals(List.of(new IkeOutput.IkeSaRetired(old.spiI(), old.spiR())),
          c.outputs(side, IkeOutput.IkeSaRetired.class));
      assertEquals(0, e.exchanges().nextPeerRequestId());
      assertEquals(0, e.exchanges().nextRequestId());
    }
    List<Datagram> requests = rekeyer == INITIATOR ? c.sentByInitiator : c.sentByResponder;
    IkeHeader rekey = TaskQueueTest.header(requests.get(0));
    IkeHeader delete = TaskQueueTest.header(requests.get(1));
    assertEquals(ExchangeType.CREATE_CHILD_SA.id(), rekey.exchangeType());
    assertEquals(old.spiI(), rekey.spiI());
    assertEquals(ExchangeType.INFORMATIONAL.id(), delete.exchangeType());
    assertEquals(old.spiR(), delete.spiR(), "the old SA is deleted on itself");

    // Later exchanges run on the new SA, from message ID 0, and key deliveries name its SPIs.
    c.forget();
    c.queue(peer, new LivenessCheck());
    c.run();
    IkeHeader check = TaskQueueTest.header(
        (peer == INITIATOR ? c.sentByInitiator : c.sentByResponder).get(0));
    assertEquals(mine.spiI(), check.spiI());
    assertEquals(0, check.messageId());
    assertFalse(check.initiator(), "the I flag follows the new roles: the peer is responder");
    assertEquals(1, c.outputs(peer, IkeOutput.LivenessConfirmed.class).size());
    c.forget();
    c.queue(peer, CreateChildSa.rekey(c.established(peer).children().get(0).inboundSpi()));
    c.run();
    assertEquals(2, c.derived.size());
    for (Conversation.Derived d : c.derived) {
      assertEquals(mine.spiI(), d.delivery().spiI());
      assertArrayEquals(mine.nonces().ni(), d.delivery().ikeNi(), "SK_d from the rekey's nonces");
      HandshakeTest.sameKeys(d.child().keys(), d.cdKeys());
    }
    HandshakeTest.sameKeys(HandshakeTest.childOf(c.established(INITIATOR)).keys(),
        HandshakeTest.childOf(c.established(RESPONDER)).keys());
  }

  @Test
  void aLostRekeyResponseIsAnsweredAgainByTheOldSaFromItsCache() {
    Conversation c = TaskQueueTest.established(402);
    c.forget();
    c.queue(INITIATOR, new RekeyIkeSa());
    c.stepToResponder();
    c.loseQueued();
    assertEquals(1, c.established(RESPONDER).retired().size(), "the responder switched already");
    c.now = c.established(INITIATOR).exchanges().outstanding().orElseThrow().deadline();
    c.fire(INITIATOR, IkeTimer.RETRANSMIT);
    c.stepToResponder();
    assertArrayEquals(c.sentByResponder.get(0).message(), c.sentByResponder.get(1).message());
    c.run();
    assertEquals(c.established(INITIATOR).sa().spiR(), c.established(RESPONDER).sa().spiR());
    assertTrue(c.established(RESPONDER).retired().isEmpty());
  }

  @Test
  void aLostDeleteOfTheOldSaIsRetransmittedOnItsOwnTimer() {
    Conversation c = TaskQueueTest.established(403);
    c.forget();
    c.queue(INITIATOR, new RekeyIkeSa());
    c.stepToResponder();
    c.stepToInitiator();
    c.loseQueued();
    IkeState.Established e = c.established(INITIATOR);
    RetiredIkeSa old = e.retired().get(0);
    assertEquals(new IkeOutput.Arm(IkeTimer.RETIRED_IKE_SA, old.deadline()),
        c.outputs(INITIATOR, IkeOutput.Arm.class).stream()
            .filter(a -> a.timer() == IkeTimer.RETIRED_IKE_SA).reduce((a, b) -> b).orElseThrow());
    c.now = old.deadline();
    c.fire(INITIATOR, IkeTimer.RETIRED_IKE_SA);
    assertArrayEquals(c.sentByInitiator.get(1).message(), c.sentByInitiator.get(2).message());
    c.queue(INITIATOR, new LivenessCheck());
    c.run();
    for (Side side : Side.values()) {
      assertTrue(c.established(side).retired().isEmpty());
      assertEquals(1, c.outputs(side, IkeOutput.IkeSaRetired.class).size());
    }
    assertEquals(1, c.outputs(INITIATOR, IkeOutput.LivenessConfirmed.class).size(),
        "the new SA ran its own exchange meanwhile");
  }

  @Test
  void whenThePeerNeverDeletesTheOldSaItIsDroppedAfterItsWait() {
    Conversation c = TaskQueueTest.established(404);
    c.forget();
    c.queue(INITIATOR, new RekeyIkeSa());
    c.stepToResponder();
    c.stepToInitiator();
    c.loseQueued();
    RetiredIkeSa waiting = c.established(RESPONDER).retired().get(0);
    assertEquals(c.now + Limits.DEFAULT.rekeyedIkeSaMillis(), waiting.deadline());
    c.now = waiting.deadline() - 1;
    c.fire(RESPONDER, IkeTimer.RETIRED_IKE_SA);
    assertEquals(1, c.established(RESPONDER).retired().size());
    c.now++;
    c.fire(RESPONDER, IkeTimer.RETIRED_IKE_SA);
    assertTrue(c.established(RESPONDER).retired().isEmpty());
    assertArrayEquals(new byte[32], waiting.sa().keys().skD());
    assertEquals(new IkeOutput.Disarm(IkeTimer.RETIRED_IKE_SA),
        c.outputs(RESPONDER, IkeOutput.Disarm.class).get(0));
  }

  @Test
  void rfc7296Section2_25AnIkeRekeyWhileAChildSaIsRekeyedIsRefusedAndTriedAgainLater() {
    Conversation c = TaskQueueTest.established(405);
    IkeSa before = c.established(INITIATOR).sa();
    c.forget();
    c.queue(INITIATOR, CreateChildSa.rekey(c.established(INITIATOR).children().get(0)
        .inboundSpi()));
    c.queue(RESPONDER, new RekeyIkeSa());
    c.run();
    assertEquals(before.spiR(), c.established(INITIATOR).sa().spiR(), "IKE SA not rekeyed");
    assertEquals(before.spiR(), c.established(RESPONDER).sa().spiR());
    var refused = KeyDeliveryTest.open(KeyDeliveryTest.copy(before, false),
        c.sentByInitiator.get(1));
    assertEquals(List.of(NotifyPayload.of(NotifyType.TEMPORARY_FAILURE)), refused);
    long retryAt = c.established(RESPONDER).lifetimes().ikeRekeyAt();
    assertTrue(retryAt > c.now && retryAt < c.established(RESPONDER).expiresAt());
    assertEquals(1, c.outputs(INITIATOR, IkeOutput.ChildSaRekeyed.class).size(),
        "the CHILD_SA rekey went through");
  }
}

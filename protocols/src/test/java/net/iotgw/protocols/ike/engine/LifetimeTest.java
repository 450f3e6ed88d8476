package net.iotgw.protocols.ike.engine;

import static net.iotgw.protocols.ike.engine.Conversation.Side.INITIATOR;
import static net.iotgw.protocols.ike.engine.Conversation.Side.RESPONDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.DeletePayload;
import net.iotgw.protocols.ike.engine.Conversation.Side;
import net.iotgw.protocols.ike.engine.IkeOutput.CloseReason;
import net.iotgw.protocols.ike.engine.TestProfiles.TestSuite;
import org.junit.jupiter.api.Test;

/**
 * Soft and hard lifetimes (RFC 7296 §2.8): the soft one, shortened by a random jitter, rekeys the
 * IKE SA or a CHILD_SA; the hard one deletes it. Times are the engine's parameters: the test moves
 * them and fires the timers the engine armed.
 */
class LifetimeTest {
  private static final Limits SHORT =
      Limits.DEFAULT.withLifetimes(100_000, 200_000, 50_000, 100_000, 5_000);

  private static Conversation established(long seed) {
    Conversation base = TestProfiles.pskConversation(TestSuite.AES_GCM_16_X25519, seed);
    Conversation c = new Conversation(base.initiatorConfig.withLimits(SHORT),
        base.responderConfig.withLimits(SHORT), seed);
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    return c;
  }

  @Test
  void softLifetimesAreShortenedByAtMostTheJitterAndArmed() {
    Conversation c = established(601);
    for (Side side : Side.values()) {
      Lifetimes l = c.established(side).lifetimes();
      assertTrue(l.ikeRekeyAt() <= c.now + 100_000 && l.ikeRekeyAt() >= c.now + 95_000);
      assertEquals(c.now + 200_000, l.ikeExpiresAt());
      Lifetimes.Child child = l.children().get(0);
      assertTrue(child.rekeyAt() <= c.now + 50_000 && child.rekeyAt() >= c.now + 45_000);
      assertEquals(c.now + 100_000, child.expiresAt());
      List<IkeOutput.Arm> arms = c.outputs(side, IkeOutput.Arm.class);
      assertTrue(arms.contains(new IkeOutput.Arm(IkeTimer.IKE_SA_REKEY, l.ikeRekeyAt())));
      assertTrue(arms.contains(new IkeOutput.Arm(IkeTimer.CHILD_SA_LIFETIME, child.rekeyAt())));
    }
    assertTrue(c.established(INITIATOR).lifetimes().ikeRekeyAt()
        != c.established(RESPONDER).lifetimes().ikeRekeyAt(), "drawn on each side");
  }

  @Test
  void aSoftChildLifetimeRekeysTheChildSa() {
    Conversation c = established(602);
    ChildSa old = c.established(INITIATOR).children().get(0);
    ChildSa oldPeer = c.established(RESPONDER).children().get(0);
    long due = c.established(INITIATOR).lifetimes().children().get(0).rekeyAt();
    c.forget();
    c.now = due - 1;
    c.fire(INITIATOR, IkeTimer.CHILD_SA_LIFETIME);
    assertTrue(c.sentByInitiator.isEmpty(), "early: nothing to do");
    c.now = due;
    c.fire(INITIATOR, IkeTimer.CHILD_SA_LIFETIME);
    c.fire(INITIATOR, IkeTimer.CHILD_SA_LIFETIME);
    c.run();
    ChildRekeyTest.assertRekeyedOnBothSides(c, INITIATOR, old, oldPeer);
    Lifetimes.Child fresh = c.established(INITIATOR).lifetimes().children().get(0);
    assertTrue(fresh.rekeyAt() >= due + 45_000 && fresh.expiresAt() == due + 100_000);
  }

  @Test
  void aHardChildLifetimeDeletesTheChildSa() {
    Conversation c = established(603);
    c.forget();
    c.now = c.established(RESPONDER).lifetimes().children().get(0).expiresAt();
    c.fire(RESPONDER, IkeTimer.CHILD_SA_LIFETIME);
    c.run();
    for (Side side : Side.values()) {
      assertTrue(c.established(side).children().isEmpty());
      assertEquals(1, c.outputs(side, IkeOutput.ChildSaDeleted.class).size());
    }
    assertTrue(c.outputs(RESPONDER, IkeOutput.ChildSaRekeyed.class).isEmpty());
  }

  @Test
  void aSoftIkeLifetimeRekeysTheIkeSaAndStartsItsLifetimesAfresh() {
    Conversation c = established(604);
    IkeSa old = c.established(RESPONDER).sa();
    c.forget();
    c.now = c.established(RESPONDER).lifetimes().ikeRekeyAt();
    c.fire(RESPONDER, IkeTimer.IKE_SA_REKEY);
    c.run();
    for (Side side : Side.values()) {
      assertEquals(1, c.outputs(side, IkeOutput.IkeSaRekeyed.class).size());
      Lifetimes l = c.established(side).lifetimes();
      assertEquals(c.now + 200_000, l.ikeExpiresAt());
      assertTrue(l.ikeRekeyAt() > c.now + 90_000);
      assertTrue(c.established(side).sa().spiI() != old.spiI());
    }
  }

  @Test
  void aHardIkeLifetimeDeletesTheIkeSaAtThePeer() {
    Conversation c = established(605);
    var keys = KeyDeliveryTest.copy(c.established(INITIATOR).sa(), false);
    c.forget();
    c.now = c.established(INITIATOR).expiresAt();
    c.fire(INITIATOR, IkeTimer.IKE_SA_EXPIRY);
    assertEquals(CloseReason.EXPIRED, assertInstanceOf(IkeState.Closed.class, c.initiator).reason());
    assertEquals(List.of(DeletePayload.ikeSa()),
        KeyDeliveryTest.open(keys, c.sentByInitiator.get(0)));
    c.run();
    assertEquals(CloseReason.DELETED_BY_PEER,
        assertInstanceOf(IkeState.Closed.class, c.responder).reason());
  }

  @Test
  void limitsRefuseSoftLifetimesThatAreNotShorterThanTheHardOnes() {
    assertThrows(IllegalArgumentException.class,
        () -> Limits.DEFAULT.withLifetimes(200_000, 200_000, 50_000, 100_000, 0));
    assertThrows(IllegalArgumentException.class,
        () -> Limits.DEFAULT.withLifetimes(100_000, 200_000, 50_000, 100_000, 50_000));
  }
}

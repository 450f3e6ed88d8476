package net.iotgw.protocols.ike.engine;

import static net.iotgw.protocols.ike.engine.Conversation.Side.INITIATOR;
import static net.iotgw.protocols.ike.engine.Conversation.Side.RESPONDER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.iotgw.protocols.ike.codec.NotifyPayload;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.engine.Conversation.Side;
import net.iotgw.protocols.ike.engine.IkeOutput.CloseReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exchanges that cross (RFC 7296 §2.8.1, §2.8.2, §2.25): both sides rekey the same CHILD_SA or
 * the IKE SA at once (the SA made with the lowest nonce is redundant and deleted by its creator,
 * the winner deletes the old one, and both end with the same SA), and a Delete crossing a rekey.
 * Seeds vary which side wins.
 */
class CollisionTest {

  @ParameterizedTest
  @ValueSource(longs = {501, 502, 503, 504, 505, 506})
  void rfc7296Section2_8_1SimultaneousChildSaRekeysLeaveTheSaOfTheHighestLowerNonce(long seed) {
    Conversation c = TaskQueueTest.established(seed);
    ChildSa oldI = c.established(INITIATOR).children().get(0);
    ChildSa oldR = c.established(RESPONDER).children().get(0);
    c.forget();
    c.queue(INITIATOR, CreateChildSa.rekey(oldI.inboundSpi()));
    c.queue(RESPONDER, CreateChildSa.rekey(oldR.inboundSpi()));
    c.run();
    ChildSa i = HandshakeTest.childOf(c.established(INITIATOR));
    ChildSa r = HandshakeTest.childOf(c.established(RESPONDER));
    assertEquals(i.inboundSpi(), r.outboundSpi());
    assertEquals(i.outboundSpi(), r.inboundSpi());
    HandshakeTest.sameKeys(i.keys(), r.keys());
    assertEquals(List.of(new IkeOutput.ChildSaRekeyed(oldI, i)),
        c.outputs(INITIATOR, IkeOutput.ChildSaRekeyed.class));
    assertEquals(List.of(new IkeOutput.ChildSaRekeyed(oldR, r)),
        c.outputs(RESPONDER, IkeOutput.ChildSaRekeyed.class));
    // Three deliveries: the survivor on both sides, the redundant one on the winner's side only
    // (as responder; its creator deleted it before its CD got the keys).
    assertEquals(3, c.derived.size());
    Conversation.Derived redundant = c.derived.stream()
        .filter(d -> d.child().inboundSpi() != i.inboundSpi()
            && d.child().inboundSpi() != r.inboundSpi())
        .findFirst().orElseThrow();
    KeyDelivery survivor = c.derived.stream()
        .filter(d -> d.child().inboundSpi() == i.inboundSpi()).findFirst().orElseThrow()
        .delivery();
    assertTrue(RekeyCollision.lost(
        RekeyCollision.lower(redundant.delivery().ni(), redundant.delivery().nr()),
        RekeyCollision.lower(survivor.ni(), survivor.nr())), "the lowest nonce lost");
    Side winner = redundant.side();
    assertEquals(2, c.outputs(winner, IkeOutput.ChildSaDeleted.class).size(),
        "the winner saw the old one and the redundant one go");
    assertEquals(1, c.outputs(c.other(winner), IkeOutput.ChildSaDeleted.class).size());
    for (Side side : Side.values()) {
      IkeState.Established e = c.established(side);
      assertTrue(e.tasks().active().isEmpty() && e.tasks().queued().isEmpty());
      assertEquals(1, e.lifetimes().children().size());
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {511, 512, 513, 514, 515, 516})
  void rfc7296Section2_8_2SimultaneousIkeSaRekeysEndOnOneNewIkeSa(long seed) {
    Conversation c = TaskQueueTest.established(seed);
    IkeSa old = c.established(INITIATOR).sa();
    ChildSa child = c.established(INITIATOR).children().get(0);
    c.forget();
    c.queue(INITIATOR, new RekeyIkeSa());
    c.queue(RESPONDER, new RekeyIkeSa());
    c.run();
    IkeSa i = c.established(INITIATOR).sa();
    IkeSa r = c.established(RESPONDER).sa();
    assertEquals(i.spiI(), r.spiI());
    assertEquals(i.spiR(), r.spiR());
    assertTrue(i.spiI() != old.spiI() && i.spiR() != old.spiR());
    assertArrayEquals(i.keys().skD(), r.keys().skD());
    assertEquals(i.role() == net.iotgw.protocols.ike.codec.Role.INITIATOR,
        r.role() == net.iotgw.protocols.ike.codec.Role.RESPONDER);
    Set<Long> retired = new HashSet<>();
    for (Side side : Side.values()) {
      IkeState.Established e = c.established(side);
      assertTrue(e.retired().isEmpty(), "old and redundant SAs deleted");
      assertEquals(List.of(new IkeOutput.IkeSaRekeyed(old.spiI(), old.spiR(), i.spiI(),
          i.spiR())), c.outputs(side, IkeOutput.IkeSaRekeyed.class));
      assertEquals(1, c.outputs(side, IkeOutput.RedundantIkeSa.class).size());
      assertEquals(2, c.outputs(side, IkeOutput.IkeSaRetired.class).size());
      c.outputs(side, IkeOutput.IkeSaRetired.class).forEach(x -> retired.add(x.spiI()));
      assertEquals(1, e.children().size());
    }
    assertEquals(2, retired.size(), "both sides retired the same two SAs");
    assertTrue(retired.contains(old.spiI()));
    c.forget();
    c.queue(INITIATOR, CreateChildSa.rekey(child.inboundSpi()));
    c.run();
    assertEquals(1, c.outputs(INITIATOR, IkeOutput.ChildSaRekeyed.class).size(),
        "the surviving IKE SA works");
  }

  @Test
  void rfc7296Section2_25ARekeyOfAChildSaThePeerIsDeletingIsRefusedAndTheDeleteWins() {
    Conversation c = TaskQueueTest.established(521);
    ChildSa oldI = c.established(INITIATOR).children().get(0);
    ChildSa oldR = c.established(RESPONDER).children().get(0);
    IkeSa responder = c.established(RESPONDER).sa();
    c.forget();
    c.queue(INITIATOR, CreateChildSa.rekey(oldI.inboundSpi()));
    c.queue(RESPONDER, new DeleteChildSa(oldR.inboundSpi()));
    c.run();
    for (Side side : Side.values()) {
      assertTrue(c.established(side).children().isEmpty());
      assertEquals(1, c.outputs(side, IkeOutput.ChildSaDeleted.class).size());
    }
    assertEquals(List.of(NotifyPayload.of(NotifyType.TEMPORARY_FAILURE)), KeyDeliveryTest.open(
        KeyDeliveryTest.copy(responder, true), c.sentByResponder.get(1)));
    assertTrue(c.derived.isEmpty(), "no CHILD_SA was made");
  }

  @Test
  void rfc7296Section2_25ARekeyArrivingAfterOurOwnCompletedIsRefusedAndOursStands() {
    Conversation c = TaskQueueTest.established(522);
    ChildSa oldI = c.established(INITIATOR).children().get(0);
    ChildSa oldR = c.established(RESPONDER).children().get(0);
    c.forget();
    c.queue(INITIATOR, CreateChildSa.rekey(oldI.inboundSpi()));
    c.queue(RESPONDER, CreateChildSa.rekey(oldR.inboundSpi()));
    // The responder's request is held up until the initiator's rekey has completed there.
    Datagram late = c.takeNextTo(INITIATOR);
    c.stepToResponder();
    c.stepToInitiator();
    assertEquals(1, c.outputs(INITIATOR, IkeOutput.ChildSaRekeyed.class).size());
    c.deliverToInitiator(late);
    assertEquals(List.of(NotifyPayload.of(NotifyType.TEMPORARY_FAILURE)), KeyDeliveryTest.open(
        KeyDeliveryTest.copy(c.established(INITIATOR).sa(), false),
        c.sentByInitiator.get(c.sentByInitiator.size() - 1)));
    c.run();
    ChildSa i = HandshakeTest.childOf(c.established(INITIATOR));
    ChildSa r = HandshakeTest.childOf(c.established(RESPONDER));
    HandshakeTest.sameKeys(i.keys(), r.keys());
    assertEquals(oldI.cdSelectors(), i.cdSelectors());
    for (Side side : Side.values()) {
      assertEquals(1, c.outputs(side, IkeOutput.ChildSaRekeyed.class).size());
      assertEquals(1, c.established(side).lifetimes().children().size());
    }
  }

  @Test
  void rfc7296Section2_25AnIkeRekeyCrossingTheDeleteOfTheIkeSaIsRefusedAndBothClose() {
    Conversation c = TaskQueueTest.established(523);
    c.forget();
    c.queue(INITIATOR, new RekeyIkeSa());
    c.queue(RESPONDER, new DeleteIkeSa());
    c.run();
    assertEquals(CloseReason.DELETED_BY_PEER,
        assertInstanceOf(IkeState.Closed.class, c.initiator).reason());
    assertEquals(CloseReason.DELETED,
        assertInstanceOf(IkeState.Closed.class, c.responder).reason());
    assertTrue(c.outputs(RESPONDER, IkeOutput.IkeSaRekeyed.class).isEmpty());
  }
}

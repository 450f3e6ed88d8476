package net.iotgw.protocols.ike.engine;

import static net.iotgw.protocols.ike.engine.Conversation.Side.INITIATOR;
import static net.iotgw.protocols.ike.engine.Conversation.Side.RESPONDER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.iotgw.protocols.ike.codec.NotifyPayload;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.engine.Conversation.Side;
import net.iotgw.protocols.ike.engine.IkeOutput.DropReason;
import org.junit.jupiter.api.Test;

/**
 * The key-delivery hold for CHILD_SAs of CREATE_CHILD_SA (paper Sec. III-D), as for the first one:
 * the responder's answer waits for KeysDelivered; requests that arrive meanwhile wait too and are
 * answered after the release; a failed delivery fails only the new CHILD_SA.
 */
class ChildKeyHoldTest {

  @Test
  void theRekeyResponseWaitsForTheKeysAndRequestsArrivingMeanwhileAreAnsweredAfter() {
    Conversation c = TaskQueueTest.established(701);
    ChildSa old = c.established(INITIATOR).children().get(0);
    ChildSa oldPeer = c.established(RESPONDER).children().get(0);
    c.forget();
    c.holdKeys = true;
    c.queue(INITIATOR, CreateChildSa.rekey(old.inboundSpi()));
    c.run();
    IkeState.AwaitingKeys waiting = assertInstanceOf(IkeState.AwaitingKeys.class, c.responder);
    assertTrue(c.sentByResponder.isEmpty(), "the response is held");
    c.now = c.established(INITIATOR).exchanges().outstanding().orElseThrow().deadline();
    c.fire(INITIATOR, IkeTimer.RETRANSMIT);
    c.run();
    assertEquals(DropReason.HELD, RetransmissionTest.lastDrop(c, RESPONDER).reason());
    assertTrue(c.sentByResponder.isEmpty());

    c.handle(RESPONDER, new IkeEvent.KeysDelivered());
    assertEquals(1, c.sentByResponder.size(), "released");
    assertTrue(waiting.held().delivery().toString().contains("redacted"));
    c.stepToInitiator();
    assertInstanceOf(IkeState.AwaitingKeys.class, c.initiator, "its own CD gets the keys now");
    c.queue(RESPONDER, new LivenessCheck());
    c.stepToInitiator();
    c.deliverToInitiator(c.sentByResponder.get(c.sentByResponder.size() - 1));
    IkeState.AwaitingKeys initiatorWaits = (IkeState.AwaitingKeys) c.initiator;
    assertEquals(1, initiatorWaits.deferred().size(), "waits once, its copy is dropped");
    assertEquals(DropReason.HELD, RetransmissionTest.lastDrop(c, INITIATOR).reason());
    assertEquals(2, c.sentByInitiator.size(), "nothing answered yet");

    c.handle(INITIATOR, new IkeEvent.KeysDelivered());
    c.run();
    assertEquals(1, c.outputs(RESPONDER, IkeOutput.LivenessConfirmed.class).size());
    c.holdKeys = false;
    ChildRekeyTest.assertRekeyedOnBothSides(c, INITIATOR, old, oldPeer);
  }

  @Test
  void aTaskQueuedDuringTheHoldStartsAfterTheRelease() {
    Conversation c = TaskQueueTest.established(702);
    c.forget();
    c.holdKeys = true;
    c.queue(RESPONDER, CreateChildSa.additional());
    c.run();
    c.handle(INITIATOR, new IkeEvent.KeysDelivered());
    c.stepToResponder();
    assertInstanceOf(IkeState.AwaitingKeys.class, c.responder);
    c.queue(RESPONDER, new LivenessCheck());
    assertEquals(1, c.sentByResponder.size(), "not sent during the hold");
    c.handle(RESPONDER, new IkeEvent.KeysDelivered());
    c.run();
    assertEquals(1, c.outputs(RESPONDER, IkeOutput.LivenessConfirmed.class).size());
    for (Side side : Side.values()) {
      assertEquals(2, c.established(side).children().size());
    }
  }

  @Test
  void aFailedDeliveryAtTheResponderRefusesTheRekeyAndKeepsTheOldChildSa() {
    Conversation c = TaskQueueTest.established(703);
    ChildSa old = c.established(INITIATOR).children().get(0);
    IkeSa responder = c.established(RESPONDER).sa();
    c.forget();
    c.holdKeys = true;
    c.queue(INITIATOR, CreateChildSa.rekey(old.inboundSpi()));
    c.run();
    ChildSa agreed = c.only(RESPONDER, IkeOutput.ChildSaAgreed.class).child();
    c.handle(RESPONDER, new IkeEvent.KeyDeliveryFailed("CD asleep"));
    assertEquals(List.of(NotifyPayload.of(NotifyType.TEMPORARY_FAILURE)), KeyDeliveryTest.open(
        KeyDeliveryTest.copy(responder, true), c.sentByResponder.get(0)));
    c.run();
    for (Side side : Side.values()) {
      assertEquals(1, c.established(side).children().size());
      assertEquals(1, c.outputs(side, IkeOutput.ChildSaRefused.class).size());
    }
    assertEquals(old, c.established(INITIATOR).children().get(0));
    assertArrayEquals(new byte[agreed.keys().initiatorEncryption().length],
        agreed.keys().initiatorEncryption());
    long retry = c.established(INITIATOR).lifetimes().children().get(0).rekeyAt();
    assertTrue(retry > c.now && retry < c.established(INITIATOR).lifetimes().children().get(0)
        .expiresAt(), "tried again later");
  }

  @Test
  void aFailedDeliveryAtTheInitiatorDeletesTheNewChildSaAtThePeer() {
    Conversation c = TaskQueueTest.established(704);
    ChildSa old = c.established(INITIATOR).children().get(0);
    c.forget();
    c.holdKeys = true;
    c.queue(INITIATOR, CreateChildSa.rekey(old.inboundSpi()));
    c.run();
    c.handle(RESPONDER, new IkeEvent.KeysDelivered());
    c.run();
    ChildSa fresh = c.outputs(RESPONDER, IkeOutput.ChildSaAgreed.class).get(0).child();
    c.handle(INITIATOR, new IkeEvent.KeyDeliveryFailed("CD asleep"));
    c.run();
    for (Side side : Side.values()) {
      assertEquals(1, c.established(side).children().size());
    }
    assertEquals(old, c.established(INITIATOR).children().get(0));
    assertEquals(List.of(new IkeOutput.ChildSaDeleted(fresh)),
        c.outputs(RESPONDER, IkeOutput.ChildSaDeleted.class));
    Lifetimes.Child kept = c.established(RESPONDER).lifetimes().children().get(0);
    assertTrue(!kept.replaced() && kept.rekeyAt() < kept.expiresAt(),
        "its successor gone, the old CHILD_SA is rekeyed again in time");
  }
}

package net.iotgw.protocols.ike.engine;

import static net.iotgw.protocols.ike.engine.Conversation.Side.INITIATOR;
import static net.iotgw.protocols.ike.engine.Conversation.Side.RESPONDER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.iotgw.protocols.ike.codec.DeletePayload;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.NotifyPayload;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.crypto.IkeCipher;
import net.iotgw.protocols.ike.engine.Conversation.Side;
import net.iotgw.protocols.ike.engine.IkeOutput.CloseReason;
import net.iotgw.protocols.ike.engine.IkeOutput.DropReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * INFORMATIONAL on an established SA (RFC 7296 §1.4), both roles: liveness checks, Deletes of a
 * CHILD_SA and of the IKE SA, notifies we do not support, and the window of one (§2.3).
 */
class InformationalTest {

  @ParameterizedTest
  @EnumSource(Side.class)
  void rfc7296Section1_4AnEmptyInformationalIsAnsweredEmptyAndConfirmsLiveness(Side checker) {
    Conversation c = TaskQueueTest.established(201);
    c.forget();
    c.queue(checker, new LivenessCheck());
    c.run();
    assertEquals(1, c.outputs(checker, IkeOutput.LivenessConfirmed.class).size());
    Side peer = c.other(checker);
    List<Datagram> answers = peer == RESPONDER ? c.sentByResponder : c.sentByInitiator;
    assertEquals(1, answers.size());
    IkeCipher peerKeys = KeyDeliveryTest.copy(c.established(peer).sa(), peer == RESPONDER);
    assertEquals(List.of(), KeyDeliveryTest.open(peerKeys, answers.get(0)));
    var h = TaskQueueTest.header(answers.get(0));
    assertTrue(h.response());
    assertEquals(ExchangeType.INFORMATIONAL.id(), h.exchangeType());
    assertEquals(checker == INITIATOR ? 2 : 0, h.messageId(),
        "each side numbers its own requests (RFC 7296 §2.2)");
  }

  @Test
  void rfc7296Section2_4AnUnansweredLivenessCheckClosesTheSaAfterTheRetransmissions() {
    Conversation c = TaskQueueTest.established(202);
    IkeSa sa = c.established(INITIATOR).sa();
    c.forget();
    c.queue(INITIATOR, new LivenessCheck());
    c.loseQueued();
    for (int i = 0; i <= Limits.DEFAULT.retransmit().maxRetransmissions(); i++) {
      c.now = c.established(INITIATOR).exchanges().outstanding().orElseThrow().deadline();
      c.fire(INITIATOR, IkeTimer.RETRANSMIT);
      c.loseQueued();
    }
    assertEquals(CloseReason.RETRANSMISSIONS_EXHAUSTED,
        assertInstanceOf(IkeState.Closed.class, c.initiator).reason());
    assertEquals(6, c.sentByInitiator.size(), "sent once and retransmitted five times");
    assertArrayEquals(new byte[sa.keys().skD().length], sa.keys().skD());
    assertTrue(c.outputs(INITIATOR, IkeOutput.LivenessConfirmed.class).isEmpty());
  }

  @Test
  void unsupportedNotifiesLikeMobikesAreAnsweredWithAnEmptyResponse() {
    Conversation c = TaskQueueTest.established(203);
    c.forget();
    IkeSa initiator = c.established(INITIATOR).sa();
    List<Payload> mobike = List.of(NotifyPayload.of(NotifyType.NO_ADDITIONAL_ADDRESSES),
        NotifyPayload.of(NotifyType.UPDATE_SA_ADDRESSES),
        new NotifyPayload(0, new byte[0], 40_000, new byte[] {1, 2}));
    for (Datagram d : Outbound.seal(initiator, 2, ExchangeType.INFORMATIONAL, false, mobike,
        c.random)) {
      c.deliverToResponder(d);
    }
    assertEquals(1, c.sentByResponder.size());
    IkeCipher responderKeys = KeyDeliveryTest.copy(c.established(RESPONDER).sa(), true);
    assertEquals(List.of(), KeyDeliveryTest.open(responderKeys, c.sentByResponder.get(0)));
    assertEquals(1, c.established(RESPONDER).children().size());
  }

  @ParameterizedTest
  @EnumSource(Side.class)
  void rfc7296Section1_4_1DeletingAChildSaIsAnsweredWithThePeersSpiAndReportedOnBothSides(
      Side deleter) {
    Conversation c = TaskQueueTest.established(204);
    ChildSa ours = c.established(deleter).children().get(0);
    Side peer = c.other(deleter);
    ChildSa theirs = c.established(peer).children().get(0);
    IkeCipher deleterKeys = KeyDeliveryTest.copy(c.established(deleter).sa(), deleter == RESPONDER);
    IkeCipher peerKeys = KeyDeliveryTest.copy(c.established(peer).sa(), peer == RESPONDER);
    c.forget();
    c.queue(deleter, new DeleteChildSa(ours.inboundSpi()));
    c.run();
    Datagram request = (deleter == INITIATOR ? c.sentByInitiator : c.sentByResponder).get(0);
    Datagram response = (peer == INITIATOR ? c.sentByInitiator : c.sentByResponder).get(0);
    assertEquals(List.of(DeleteChildSa.payload(ours.inboundSpi())),
        KeyDeliveryTest.open(deleterKeys, request));
    assertEquals(List.of(DeleteChildSa.payload(theirs.inboundSpi())),
        KeyDeliveryTest.open(peerKeys, response));
    assertEquals(ours.inboundSpi(), theirs.outboundSpi());
    for (Side side : Side.values()) {
      assertTrue(c.established(side).children().isEmpty());
      assertTrue(c.established(side).lifetimes().children().isEmpty());
      assertEquals(1, c.outputs(side, IkeOutput.ChildSaDeleted.class).size());
      assertTrue(c.outputs(side, IkeOutput.Disarm.class)
          .contains(new IkeOutput.Disarm(IkeTimer.CHILD_SA_LIFETIME)), "no CHILD_SA left to time");
    }
    assertArrayEquals(new byte[ours.keys().initiatorEncryption().length],
        ours.keys().initiatorEncryption(), "the deleted CHILD_SA's keys are zeroed");
  }

  @Test
  void rfc7296Section1_4_1DeletesThatCrossAreAnsweredWithoutADeletePayload() {
    Conversation c = TaskQueueTest.established(205);
    int i = c.established(INITIATOR).children().get(0).inboundSpi();
    int r = c.established(RESPONDER).children().get(0).inboundSpi();
    IkeCipher initiatorKeys = KeyDeliveryTest.copy(c.established(INITIATOR).sa(), false);
    c.forget();
    c.queue(INITIATOR, new DeleteChildSa(i));
    c.queue(RESPONDER, new DeleteChildSa(r));
    c.run();
    for (Side side : Side.values()) {
      assertTrue(c.established(side).children().isEmpty());
      assertEquals(1, c.outputs(side, IkeOutput.ChildSaDeleted.class).size());
      assertTrue(c.established(side).tasks().active().isEmpty());
    }
    assertEquals(2, c.sentByInitiator.size(), "its request and its answer");
    assertEquals(List.of(), KeyDeliveryTest.open(initiatorKeys, c.sentByInitiator.get(1)));
  }

  @ParameterizedTest
  @EnumSource(Side.class)
  void rfc7296Section1_4_1DeletingTheIkeSaIsAnsweredEmptyAndClosesBothSidesWithKeysZeroed(
      Side deleter) {
    Conversation c = TaskQueueTest.established(206);
    Side peer = c.other(deleter);
    IkeState.Established before = c.established(peer);
    IkeCipher peerKeys = KeyDeliveryTest.copy(before.sa(), peer == RESPONDER);
    c.forget();
    c.queue(deleter, new DeleteIkeSa());
    c.run();
    assertEquals(CloseReason.DELETED,
        assertInstanceOf(IkeState.Closed.class, c.state(deleter)).reason());
    assertEquals(CloseReason.DELETED_BY_PEER,
        assertInstanceOf(IkeState.Closed.class, c.state(peer)).reason());
    Datagram answer = (peer == INITIATOR ? c.sentByInitiator : c.sentByResponder).get(0);
    assertEquals(List.of(), KeyDeliveryTest.open(peerKeys, answer));
    assertArrayEquals(new byte[32], before.sa().keys().skD());
    byte[] childKey = before.children().get(0).keys().responderEncryption();
    assertArrayEquals(new byte[childKey.length], childKey);
    assertEquals(CloseReason.DELETED_BY_PEER, c.only(peer, IkeOutput.Closed.class).reason());
  }

  @Test
  void rfc7296Section2_3RequestsOutsideTheWindowOfOneAreDropped() {
    Conversation c = TaskQueueTest.established(207);
    IkeSa initiator = c.established(INITIATOR).sa();
    c.forget();
    for (long id : new long[] {3, 7, 0}) {
      for (Datagram d : Outbound.seal(initiator, id, ExchangeType.INFORMATIONAL, false,
          List.of(), c.random)) {
        c.deliverToResponder(d);
      }
      assertEquals(DropReason.WRONG_MESSAGE_ID, RetransmissionTest.lastDrop(c, RESPONDER).reason());
    }
    assertTrue(c.sentByResponder.isEmpty());
    for (Datagram d : Outbound.seal(initiator, 2, ExchangeType.INFORMATIONAL, false, List.of(),
        c.random)) {
      c.deliverToResponder(d);
    }
    assertEquals(1, c.sentByResponder.size(), "the next message ID is answered");
  }

  @Test
  void rfc7296Section2_1ARetransmittedInformationalRequestGetsTheSameResponseBytes() {
    Conversation c = TaskQueueTest.established(208);
    c.forget();
    c.queue(INITIATOR, new DeleteChildSa(c.established(INITIATOR).children().get(0).inboundSpi()));
    c.stepToResponder();
    c.loseQueued();
    c.now = c.established(INITIATOR).exchanges().outstanding().orElseThrow().deadline();
    c.fire(INITIATOR, IkeTimer.RETRANSMIT);
    c.run();
    assertEquals(2, c.sentByResponder.size());
    assertArrayEquals(c.sentByResponder.get(0).message(), c.sentByResponder.get(1).message());
    assertEquals(1, c.outputs(RESPONDER, IkeOutput.ChildSaDeleted.class).size(),
        "deleted once");
    assertEquals(1, c.outputs(INITIATOR, IkeOutput.ChildSaDeleted.class).size());
  }

  @Test
  void aDeleteForAnUnknownSpiIsAnsweredWithoutDeletingAnything() {
    Conversation c = TaskQueueTest.established(209);
    c.forget();
    IkeSa initiator = c.established(INITIATOR).sa();
    List<Payload> unknown = List.of(new DeletePayload(3, 4, List.of(new byte[] {0, 0, 1, 0})),
        new DeletePayload(2, 4, List.of(new byte[] {0, 0, 1, 1})));
    for (Datagram d : Outbound.seal(initiator, 2, ExchangeType.INFORMATIONAL, false, unknown,
        c.random)) {
      c.deliverToResponder(d);
    }
    IkeCipher responderKeys = KeyDeliveryTest.copy(c.established(RESPONDER).sa(), true);
    assertEquals(List.of(), KeyDeliveryTest.open(responderKeys, c.sentByResponder.get(0)));
    assertEquals(1, c.established(RESPONDER).children().size());
    assertTrue(c.outputs(RESPONDER, IkeOutput.ChildSaDeleted.class).isEmpty());
  }
}

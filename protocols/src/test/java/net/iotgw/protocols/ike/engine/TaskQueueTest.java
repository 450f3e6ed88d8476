package net.iotgw.protocols.ike.engine;

import static net.iotgw.protocols.ike.engine.Conversation.Side.INITIATOR;
import static net.iotgw.protocols.ike.engine.Conversation.Side.RESPONDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.IkeDecoder;
import net.iotgw.protocols.ike.engine.IkeOutput.DropReason;
import net.iotgw.protocols.ike.engine.TestProfiles.TestSuite;
import org.junit.jupiter.api.Test;

/**
 * The extension point exchanges plug into: an {@link InitiatorTask} queued on an established SA
 * gets the next message ID, is sealed, sent, retransmitted and matched with its response by the
 * task manager, one exchange at a time (RFC 7296 §2.3, window of one).
 */
class TaskQueueTest {

  static Conversation established(long seed) {
    Conversation c = TestProfiles.pskConversation(TestSuite.AES_GCM_16_X25519, seed);
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    return c;
  }

  @Test
  void queuedTasksRunOneAtATimeWithConsecutiveMessageIds() {
    Conversation c = established(91);
    c.absorb(INITIATOR, IkeSaEngine.queue(c.initiator, new LivenessCheck(), c.now, c.random));
    c.absorb(INITIATOR, IkeSaEngine.queue(c.initiator, new LivenessCheck(), c.now, c.random));
    assertEquals(3, c.sentByInitiator.size(), "the second waits for the first's response");
    assertEquals(2, header(c.sentByInitiator.get(2)).messageId());
    assertEquals(1, ((IkeState.Established) c.initiator).tasks().queued().size());

    c.stepToResponder();
    c.stepToInitiator();
    assertEquals(4, c.sentByInitiator.size(), "the second starts once the first is done");
    assertEquals(3, header(c.sentByInitiator.get(3)).messageId());
    c.run();
    IkeState.Established e = assertInstanceOf(IkeState.Established.class, c.initiator);
    assertTrue(e.tasks().active().isEmpty());
    assertTrue(e.tasks().queued().isEmpty());
    assertEquals(4, e.exchanges().nextRequestId());
    assertEquals(2, c.outputs(INITIATOR, IkeOutput.LivenessConfirmed.class).size());
    assertEquals(ExchangeType.INFORMATIONAL.id(), header(c.sentByResponder.get(3)).exchangeType());
  }

  @Test
  void aTaskWhoseChildSaIsGoneByItsTurnIsDroppedUnsent() {
    Conversation c = established(93);
    c.absorb(INITIATOR, IkeSaEngine.queue(c.initiator, new LivenessCheck(), c.now, c.random));
    c.absorb(INITIATOR, IkeSaEngine.queue(c.initiator, new DeleteChildSa(0x1234), c.now, c.random));
    c.absorb(INITIATOR, IkeSaEngine.queue(c.initiator, CreateChildSa.rekey(0x1234), c.now,
        c.random));
    c.run();
    assertEquals(3, c.sentByInitiator.size(), "only the liveness check went out");
    IkeState.Established e = (IkeState.Established) c.initiator;
    assertTrue(e.tasks().queued().isEmpty());
    assertEquals(1, e.children().size());
  }

  @Test
  void tasksAreRefusedBeforeTheSaIsEstablished() {
    Conversation c = TestProfiles.pskConversation(TestSuite.AES_GCM_16_X25519, 92);
    c.start(Optional.of(TestProfiles.CD));
    IkeStep step = IkeSaEngine.queue(c.initiator, new LivenessCheck(), c.now, c.random);
    assertEquals(c.initiator, step.state());
    assertEquals(DropReason.UNEXPECTED, step.all(IkeOutput.Dropped.class).get(0).reason());
    assertInstanceOf(IkeState.Connecting.class, c.initiator);
    assertTrue(c.outputs(RESPONDER, IkeOutput.class).isEmpty());
  }

  static net.iotgw.protocols.ike.codec.IkeHeader header(Datagram d) {
    return IkeDecoder.decodeHeader(d.message()).orThrow();
  }
}

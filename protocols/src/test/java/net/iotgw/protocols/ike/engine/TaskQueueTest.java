package net.iotgw.protocols.ike.engine;

import static net.iotgw.protocols.ike.engine.Conversation.Side.INITIATOR;
import static net.iotgw.protocols.ike.engine.Conversation.Side.RESPONDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.IkeDecoder;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.engine.IkeOutput.CloseReason;
import net.iotgw.protocols.ike.engine.IkeOutput.DropReason;
import net.iotgw.protocols.ike.engine.TestProfiles.TestSuite;
import org.junit.jupiter.api.Test;

/**
 * The extension point later exchanges plug into: an {@link InitiatorTask} queued on an established
 * SA gets the next message ID, is sealed, sent, retransmitted and matched with its response by the
 * task manager. The task here is a test double, an empty INFORMATIONAL (RFC 7296 §1.4 liveness).
 */
class TaskQueueTest {

  /** Sends an empty INFORMATIONAL and counts the answers it gets. */
  record Liveness(String name) implements InitiatorTask {
    @Override
    public ExchangeType exchange() {
      return ExchangeType.INFORMATIONAL;
    }

    @Override
    public List<Payload> buildRequest(IkeSa sa) {
      return List.of();
    }

    @Override
    public TaskOutcome processResponse(IkeSa sa, List<Payload> response, long now) {
      return new TaskOutcome.Done(sa, List.of(new IkeOutput.Dropped(DropReason.UNEXPECTED,
          name + " answered")));
    }
  }

  private static Conversation established() {
    Conversation c = TestProfiles.pskConversation(TestSuite.AES_GCM_16_X25519, 91);
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    return c;
  }

  @Test
  void queuedTasksRunOneAtATimeWithConsecutiveMessageIds() {
    Conversation c = established();
    c.absorb(INITIATOR, IkeSaEngine.queue(c.initiator, new Liveness("first"), c.now, c.random));
    c.absorb(INITIATOR, IkeSaEngine.queue(c.initiator, new Liveness("second"), c.now, c.random));
    assertEquals(3, c.sentByInitiator.size(), "the second waits for the first's response");
    assertEquals(2, header(c.sentByInitiator.get(2)).messageId());

    answer(c, 2);
    assertEquals(4, c.sentByInitiator.size(), "the second starts once the first is done");
    assertEquals(3, header(c.sentByInitiator.get(3)).messageId());
    answer(c, 3);
    IkeState.Established e = assertInstanceOf(IkeState.Established.class, c.initiator);
    assertTrue(e.tasks().active().isEmpty());
    assertEquals(4, e.exchanges().nextRequestId());
    assertEquals(List.of("first answered", "second answered"),
        c.outputs(INITIATOR, IkeOutput.Dropped.class).stream().map(IkeOutput.Dropped::detail)
            .toList());
  }

  @Test
  void aQueuedExchangeTheResponderDoesNotAnswerEndsTheSaAfterTheRetransmissions() {
    Conversation c = established();
    c.absorb(INITIATOR, IkeSaEngine.queue(c.initiator, new Liveness("probe"), c.now, c.random));
    c.run();
    assertEquals(DropReason.UNSUPPORTED_EXCHANGE,
        RetransmissionTest.lastDrop(c, RESPONDER).reason());
    for (int i = 0; i <= Limits.DEFAULT.retransmit().maxRetransmissions(); i++) {
      c.now = ((IkeState.Established) c.initiator).exchanges().outstanding().get().deadline();
      c.fire(INITIATOR, IkeTimer.RETRANSMIT);
      c.run();
    }
    assertEquals(CloseReason.RETRANSMISSIONS_EXHAUSTED,
        assertInstanceOf(IkeState.Closed.class, c.initiator).reason());
    assertEquals(2 + 6, c.sentByInitiator.size());
  }

  @Test
  void tasksAreRefusedBeforeTheSaIsEstablished() {
    Conversation c = TestProfiles.pskConversation(TestSuite.AES_GCM_16_X25519, 92);
    c.start(Optional.of(TestProfiles.CD));
    IkeStep step = IkeSaEngine.queue(c.initiator, new Liveness("early"), c.now, c.random);
    assertEquals(c.initiator, step.state());
    assertEquals(DropReason.UNEXPECTED, step.all(IkeOutput.Dropped.class).get(0).reason());
  }

  /** The test plays the responder's INFORMATIONAL side: an empty response to {@code messageId}. */
  private static void answer(Conversation c, long messageId) {
    IkeSa responder = ((IkeState.Established) c.responder).sa();
    for (Datagram d : Outbound.seal(responder, messageId, ExchangeType.INFORMATIONAL, true,
        List.of(), c.random)) {
      c.deliverToInitiator(d);
    }
  }

  private static net.iotgw.protocols.ike.codec.IkeHeader header(Datagram d) {
    return IkeDecoder.decodeHeader(d.message()).orThrow();
  }
}

package net.iotgw.protocols.ike.engine;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.DeletePayload;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.NotifyPayload;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.engine.IkeOutput.CloseReason;
import net.iotgw.protocols.ike.engine.IkeState.AwaitingKeys;
import net.iotgw.protocols.ike.engine.IkeState.Established;
import net.iotgw.protocols.ike.engine.IkeState.Held;
import net.iotgw.protocols.ike.engine.IkeState.TaskQueue;

/**
 * The task manager (strongSwan's task_manager_v2, pure): it owns message IDs and the exchanges in
 * flight ({@link Exchanges}), sends our requests and retransmits them, answers the peer's
 * retransmitted requests from the cache, holds a response while the CD's keys are delivered, and
 * turns a task's {@link TaskOutcome} into the next state, whatever the exchange.
 */
final class TaskManager {
  private TaskManager() {}

  /** Where a completed exchange leaves an SA that is (or, with IKE_AUTH, becomes) established. */
  record After(List<ChildSa> children, TaskQueue tasks, long expiresAt, boolean establishing) {}

  /** Our request for {@code task}: sealed with the next message ID, sent, timer armed. */
  static IkeStep startRequest(
      IkeSa sa, Exchanges ex, InitiatorTask task, List<ChildSa> children, TaskQueue tasks,
      long expiresAt, long now, SecureRandom random) {
    long id = ex.nextRequestId();
    List<Datagram> datagrams =
        Outbound.seal(sa, id, task.exchange(), false, task.buildRequest(sa), random);
    Outstanding.Transmission tx =
        Outstanding.first(id, task.exchange(), datagrams, sa.config().limits().retransmit(), now);
    TaskQueue next = new TaskQueue(Optional.of(task), tasks.queued());
    return new IkeStep(
        new Established(sa, ex.requestSent(tx.outstanding()), children, next, expiresAt),
        tx.outputs());
  }

  /** The peer's last request came again: the cached response goes to where it came from. */
  static List<IkeOutput> resend(Exchanges ex, Datagram request) {
    List<IkeOutput> out = new ArrayList<>();
    ex.answered().ifPresent(
        a -> a.response().forEach(
            d -> out.add(new IkeOutput.Send(
                new Datagram(request.local(), request.remote(), d.message())))));
    return out;
  }

  /** A responder task's reply: sent now, or sealed and held until the CD has its keys. */
  static IkeStep afterReply(
      IkeSa sa, Exchanges ex, long messageId, ExchangeType exchange, ResponderTask.Reply reply,
      After after, List<IkeOutput> prefix, long now, SecureRandom random) {
    List<IkeOutput> out = new ArrayList<>(prefix);
    TaskOutcome outcome = reply.outcome();
    IkeSa next = outcomeSa(sa, outcome);
    List<Datagram> response = Outbound.seal(next, messageId, exchange, true, reply.response(), random);
    if (outcome instanceof TaskOutcome.Agreed agreed) {
      return hold(agreed, ex.answered(messageId, List.of()), exchange, messageId, response, after,
          out, now);
    }
    response.forEach(d -> out.add(new IkeOutput.Send(d)));
    return afterOutcome(next, ex.answered(messageId, response), outcome, after, out, now);
  }

  /** An initiator task's outcome for the response to its request. */
  static IkeStep afterResponse(
      IkeSa sa, Exchanges ex, ExchangeType exchange, TaskOutcome outcome, After after,
      List<IkeOutput> prefix, long now) {
    List<IkeOutput> out = new ArrayList<>(prefix);
    out.add(new IkeOutput.Disarm(IkeTimer.RETRANSMIT));
    Exchanges done = ex.withOutstanding(Optional.empty());
    TaskQueue idle = new TaskQueue(Optional.empty(), after.tasks().queued());
    After next = new After(after.children(), idle, after.expiresAt(), after.establishing());
    if (outcome instanceof TaskOutcome.Agreed agreed) {
      return hold(agreed, done, exchange, ex.outstanding().map(Outstanding::messageId).orElse(0L),
          List.of(), next, out, now);
    }
    return afterOutcome(outcomeSa(sa, outcome), done, outcome, next, out, now);
  }

  private static IkeStep afterOutcome(
      IkeSa sa, Exchanges ex, TaskOutcome outcome, After after, List<IkeOutput> out, long now) {
    if (outcome instanceof TaskOutcome.Failed failed) {
      out.addAll(failed.events());
      return close(out, failed.reason(), failed.detail(), sa, after.children(), null);
    }
    TaskOutcome.Done done = (TaskOutcome.Done) outcome;
    out.addAll(done.events());
    long expiresAt = after.establishing() ? now + sa.config().limits().ikeSaLifetimeMillis()
        : after.expiresAt();
    if (after.establishing()) {
      out.add(established(sa, Optional.empty()));
      out.add(new IkeOutput.Arm(IkeTimer.IKE_SA_EXPIRY, expiresAt));
    }
    return new IkeStep(new Established(sa, ex, after.children(), after.tasks(), expiresAt), out);
  }

  private static IkeStep hold(
      TaskOutcome.Agreed agreed, Exchanges ex, ExchangeType exchange, long messageId,
      List<Datagram> response, After after, List<IkeOutput> out, long now) {
    IkeSa sa = agreed.sa();
    long deadline = now + sa.config().limits().keyDeliveryMillis();
    long expiresAt = after.establishing() ? now + sa.config().limits().ikeSaLifetimeMillis()
        : after.expiresAt();
    out.addAll(agreed.events());
    out.add(new IkeOutput.ChildSaAgreed(agreed.delivery(), agreed.child()));
    out.add(new IkeOutput.Arm(IkeTimer.KEY_DELIVERY, deadline));
    if (after.establishing()) {
      out.add(new IkeOutput.Arm(IkeTimer.IKE_SA_EXPIRY, expiresAt));
    }
    Held held = new Held(exchange, agreed.child(), agreed.delivery(), messageId, response, deadline);
    return new IkeStep(
        new AwaitingKeys(sa, ex, held, after.children(), after.tasks(), expiresAt), out);
  }

  /** KeysDelivered: the held response goes out and the CHILD_SA joins the SA. */
  static IkeStep release(AwaitingKeys s) {
    Held held = s.held();
    held.delivery().destroy();
    List<IkeOutput> out = new ArrayList<>();
    out.add(new IkeOutput.Disarm(IkeTimer.KEY_DELIVERY));
    held.response().forEach(d -> out.add(new IkeOutput.Send(d)));
    Exchanges ex =
        held.response().isEmpty() ? s.exchanges()
            : s.exchanges().answered(held.messageId(), held.response());
    if (held.exchange() == ExchangeType.IKE_AUTH) {
      out.add(established(s.sa(), Optional.of(held.child())));
    }
    List<ChildSa> children = new ArrayList<>(s.children());
    children.add(held.child());
    return new IkeStep(new Established(s.sa(), ex, children, s.tasks(), s.expiresAt()), out);
  }

  /**
   * KeyDeliveryFailed or its timeout: a responder answers the held request with
   * TEMPORARY_FAILURE instead; an initiator tells the peer with a Delete of the IKE SA (RFC 7296
   * §1.4.1), sent once. Either way the SA dies.
   */
  static IkeStep abandon(AwaitingKeys s, String why, SecureRandom random) {
    Held held = s.held();
    List<IkeOutput> out = new ArrayList<>();
    List<Payload> notice;
    List<Datagram> datagrams;
    if (held.response().isEmpty()) {
      notice = List.of(DeletePayload.ikeSa());
      datagrams = Outbound.seal(s.sa(), s.exchanges().nextRequestId(), ExchangeType.INFORMATIONAL,
          false, notice, random);
    } else {
      notice = List.of(NotifyPayload.of(NotifyType.TEMPORARY_FAILURE));
      datagrams = Outbound.seal(s.sa(), held.messageId(), held.exchange(), true, notice, random);
    }
    datagrams.forEach(d -> out.add(new IkeOutput.Send(d)));
    return close(out, CloseReason.KEY_DELIVERY_FAILED, why, s.sa(), s.children(), held);
  }

  static IkeOutput established(IkeSa sa, Optional<ChildSa> child) {
    return new IkeOutput.Established(
        sa.spiI(), sa.spiR(), sa.peerIdentity().orElseThrow(), child);
  }

  /**
   * The SA dies: every key it holds is zeroed (IKE SA, CHILD_SAs, an undelivered key delivery),
   * every timer disarmed, and the owner told.
   */
  static IkeStep close(
      List<IkeOutput> before, CloseReason reason, String detail, IkeSa sa, List<ChildSa> children,
      Held held) {
    List<IkeOutput> out = new ArrayList<>(before);
    if (sa != null) {
      sa.destroy();
    }
    children.forEach(ChildSa::destroy);
    if (held != null) {
      held.child().destroy();
      held.delivery().destroy();
    }
    for (IkeTimer t : IkeTimer.values()) {
      out.add(new IkeOutput.Disarm(t));
    }
    out.add(new IkeOutput.Closed(reason, detail));
    return new IkeStep(new IkeState.Closed(reason), out);
  }

  private static IkeSa outcomeSa(IkeSa sa, TaskOutcome outcome) {
    if (outcome instanceof TaskOutcome.Done d) {
      return d.sa();
    }
    if (outcome instanceof TaskOutcome.Agreed a) {
      return a.sa();
    }
    return sa;
  }
}

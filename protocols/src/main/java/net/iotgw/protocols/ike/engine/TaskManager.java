package net.iotgw.protocols.ike.engine;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.engine.IkeOutput.CloseReason;
import net.iotgw.protocols.ike.engine.IkeState.AwaitingKeys;
import net.iotgw.protocols.ike.engine.IkeState.Established;
import net.iotgw.protocols.ike.engine.IkeState.Held;
import net.iotgw.protocols.ike.engine.IkeState.TaskQueue;

/**
 * The task manager (strongSwan's task_manager_v2, pure): it owns message IDs and the exchanges in
 * flight ({@link Exchanges}), starts our queued tasks one at a time and retransmits their requests,
 * answers the peer's retransmitted requests from the cache, holds a response while the CD's keys
 * are delivered, and turns a task's {@link TaskOutcome} into the next state, whatever the exchange.
 * Key delivery's end (release, abandon) is {@link KeyHold}'s.
 */
final class TaskManager {
  private TaskManager() {}

  /**
   * Starts queued tasks until one sends its request (a window of one, RFC 7296 §2.3) or none is
   * left; a task that no longer applies is dropped.
   */
  static IkeStep startNext(Established s, List<IkeOutput> before, long now, SecureRandom random) {
    List<IkeOutput> out = new ArrayList<>(before);
    Established cur = s;
    while (cur.tasks().active().isEmpty() && !cur.tasks().queued().isEmpty()) {
      List<InitiatorTask> rest = new ArrayList<>(cur.tasks().queued());
      InitiatorTask next = rest.remove(0);
      cur = cur.withTasks(new TaskQueue(Optional.empty(), rest));
      Optional<InitiatorTask.Started> started = next.start(cur, now, random);
      if (started.isEmpty()) {
        continue;
      }
      InitiatorTask.InFlight task = started.get().task();
      long id = cur.exchanges().nextRequestId();
      List<Datagram> datagrams =
          Outbound.seal(cur.sa(), id, task.exchange(), false, started.get().request(), random);
      Outstanding.Transmission tx = Outstanding.first(id, task.exchange(), datagrams,
          cur.sa().config().limits().retransmit(), now);
      cur = cur.withExchanges(cur.exchanges().requestSent(tx.outstanding()))
          .withTasks(cur.tasks().withActive(Optional.of(task)));
      out.addAll(tx.outputs());
    }
    return new IkeStep(cur, out);
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

  /**
   * A responder task's reply to request {@code messageId} (from {@code from}): sent now, or sealed
   * and held until the CD has its keys. {@code establishing}: the reply completes IKE_AUTH.
   */
  static IkeStep afterReply(
      Established before, long messageId, ExchangeType exchange, Datagram from,
      ResponderTask.Reply reply, boolean establishing, List<IkeOutput> prefix, long now,
      SecureRandom random) {
    List<IkeOutput> out = new ArrayList<>(prefix);
    TaskOutcome outcome = reply.outcome();
    // RFC 7296 §2.11: the response goes to the address and port the request came from.
    IkeSa to = outcomeSa(before.sa(), outcome).withEndpoints(from.local(), from.remote());
    List<Datagram> response =
        Outbound.seal(to, messageId, exchange, true, reply.response(), random);
    if (outcome instanceof TaskOutcome.Agreed agreed) {
      Established held = before.withExchanges(before.exchanges().answered(messageId, List.of()));
      return hold(held, agreed, exchange, messageId, response, establishing, out, now);
    }
    response.forEach(d -> out.add(new IkeOutput.Send(d)));
    Established after =
        before.withExchanges(before.exchanges().answered(messageId, response));
    return afterOutcome(after, outcome, establishing, out);
  }

  /** An initiator task's outcome for the response to its request. */
  static IkeStep afterResponse(
      Established before, ExchangeType exchange, TaskOutcome outcome, boolean establishing,
      List<IkeOutput> prefix, long now) {
    List<IkeOutput> out = new ArrayList<>(prefix);
    out.add(new IkeOutput.Disarm(IkeTimer.RETRANSMIT));
    long messageId = before.exchanges().outstanding().map(Outstanding::messageId).orElse(0L);
    Established after = before.withExchanges(before.exchanges().withOutstanding(Optional.empty()))
        .withTasks(before.tasks().withActive(Optional.empty()));
    if (outcome instanceof TaskOutcome.Agreed agreed) {
      return hold(after, agreed, exchange, messageId, List.of(), establishing, out, now);
    }
    return afterOutcome(after, outcome, establishing, out);
  }

  private static IkeStep afterOutcome(
      Established after, TaskOutcome outcome, boolean establishing, List<IkeOutput> out) {
    if (outcome instanceof TaskOutcome.Failed failed) {
      out.addAll(failed.events());
      return close(out, failed.reason(), failed.detail(), after, null);
    }
    if (outcome instanceof TaskOutcome.Changed changed) {
      IkeStep step = changed.change().apply(after);
      out.addAll(step.outputs());
      return new IkeStep(step.state(), out);
    }
    TaskOutcome.Done done = (TaskOutcome.Done) outcome;
    out.addAll(done.events());
    Established next = after.withSa(done.sa());
    if (establishing) {
      out.add(established(next.sa(), Optional.empty()));
      out.addAll(next.lifetimes().timers());
    }
    return new IkeStep(next, out);
  }

  private static IkeStep hold(
      Established after, TaskOutcome.Agreed agreed, ExchangeType exchange, long messageId,
      List<Datagram> response, boolean establishing, List<IkeOutput> out, long now) {
    IkeSa sa = agreed.sa();
    long deadline = now + sa.config().limits().keyDeliveryMillis();
    out.addAll(agreed.events());
    out.add(new IkeOutput.ChildSaAgreed(agreed.delivery(), agreed.child()));
    out.add(new IkeOutput.Arm(IkeTimer.KEY_DELIVERY, deadline));
    if (establishing) {
      out.add(new IkeOutput.Arm(IkeTimer.IKE_SA_EXPIRY, after.expiresAt()));
    }
    Held held = new Held(exchange, agreed.child(), agreed.delivery(), messageId, response,
        deadline, agreed.rekey());
    return new IkeStep(new AwaitingKeys(after.withSa(sa), held, List.of()), out);
  }

  static IkeOutput established(IkeSa sa, Optional<ChildSa> child) {
    return new IkeOutput.Established(
        sa.spiI(), sa.spiR(), sa.peerIdentity().orElseThrow(), child);
  }

  /**
   * The SA dies: every key it holds is zeroed (IKE SA, CHILD_SAs, an undelivered key delivery,
   * the IKE SAs a rekey left, the tasks' key exchanges), every timer disarmed, and the owner told.
   */
  static IkeStep close(
      List<IkeOutput> before, CloseReason reason, String detail, Established s, Held held) {
    s.retired().forEach(r -> r.sa().destroy());
    s.tasks().active().ifPresent(InitiatorTask.InFlight::destroy);
    return close(before, reason, detail, s.sa(), s.children(), held);
  }

  /** The same for an SA not yet established. */
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

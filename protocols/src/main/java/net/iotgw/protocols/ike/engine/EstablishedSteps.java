package net.iotgw.protocols.ike.engine;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.engine.IkeOutput.CloseReason;
import net.iotgw.protocols.ike.engine.IkeOutput.DropReason;
import net.iotgw.protocols.ike.engine.IkeState.Established;
import net.iotgw.protocols.ike.engine.IkeState.TaskQueue;

/**
 * The established SA: the peer's retransmitted last request is answered from the cache, our
 * queued tasks run one exchange at a time with retransmission, and the hard lifetime ends it.
 *
 * <p>Extension point for the exchanges still to come: the peer's new requests reach {@link
 * #onRequest}, where a {@link ResponderTask} per exchange type (CREATE_CHILD_SA, INFORMATIONAL)
 * is to be chosen and its reply given to {@link TaskManager#afterReply}; our own exchanges are
 * {@link InitiatorTask}s given to {@link IkeSaEngine#queue}.
 */
final class EstablishedSteps {
  private EstablishedSteps() {}

  static IkeStep onEvent(Established s, IkeEvent event, long now, SecureRandom random) {
    if (event instanceof IkeEvent.TimerFired t) {
      return onTimer(s, t.timer(), now, random);
    }
    if (!(event instanceof IkeEvent.Received r)) {
      return IkeStep.of(s, new IkeOutput.Dropped(DropReason.UNEXPECTED, event.toString()));
    }
    Inbound.Result in = Inbound.classify(s.sa(), s.exchanges(), r.datagram());
    if (in instanceof Inbound.Retransmission) {
      return new IkeStep(s, TaskManager.resend(s.exchanges(), r.datagram()));
    }
    if (in instanceof Inbound.Malformed m) {
      return m.request()
          ? AuthSteps.invalidSyntax(s.sa(), m, random)
          : TaskManager.close(List.of(), CloseReason.INVALID_SYNTAX, m.error().toString(), s.sa(),
              s.children(), null);
    }
    if (in instanceof Inbound.Request req) {
      return onRequest(s, req);
    }
    if (in instanceof Inbound.Response resp && s.tasks().active().isPresent()) {
      InitiatorTask task = s.tasks().active().get();
      TaskOutcome outcome = task.processResponse(s.sa(), resp.payloads(), now);
      TaskManager.After after =
          new TaskManager.After(s.children(), s.tasks(), s.expiresAt(), false);
      IkeStep step =
          TaskManager.afterResponse(s.sa(), resp.exchanges(), task.exchange(), outcome, after,
              List.of(), now);
      return step.state() instanceof Established next
          ? startNext(next, step.outputs(), now, random)
          : step;
    }
    return AuthSteps.unused(s, in, ex -> withExchanges(s, ex));
  }

  /** No responder task is registered yet: requests of any exchange are left unanswered. */
  private static IkeStep onRequest(Established s, Inbound.Request req) {
    String name = ExchangeType.of(req.exchangeType()).map(Enum::name)
        .orElse(Integer.toString(req.exchangeType()));
    return IkeStep.of(s, new IkeOutput.Dropped(DropReason.UNSUPPORTED_EXCHANGE, name));
  }

  private static IkeStep onTimer(Established s, IkeTimer timer, long now, SecureRandom random) {
    if (timer == IkeTimer.IKE_SA_EXPIRY && now >= s.expiresAt()) {
      return TaskManager.close(List.of(), CloseReason.EXPIRED, "lifetime", s.sa(), s.children(),
          null);
    }
    Optional<Outstanding> o = s.exchanges().outstanding();
    if (timer != IkeTimer.RETRANSMIT || o.isEmpty() || now < o.get().deadline()) {
      return IkeStep.of(s, new IkeOutput.Dropped(DropReason.STALE_TIMER, timer.name()));
    }
    Optional<Outstanding.Transmission> tx =
        o.get().retransmit(s.sa().config().limits().retransmit(), now);
    if (tx.isEmpty()) {
      return TaskManager.close(List.of(), CloseReason.RETRANSMISSIONS_EXHAUSTED,
          "no response to " + o.get().exchange(), s.sa(), s.children(), null);
    }
    Exchanges ex = s.exchanges().withOutstanding(Optional.of(tx.get().outstanding()));
    return new IkeStep(withExchanges(s, ex), tx.get().outputs());
  }

  /** Starts the next queued task when no exchange of ours is in flight. */
  static IkeStep startNext(
      Established s, List<IkeOutput> before, long now, SecureRandom random) {
    if (s.tasks().active().isPresent() || s.tasks().queued().isEmpty()) {
      return new IkeStep(s, before);
    }
    List<InitiatorTask> rest = new ArrayList<>(s.tasks().queued());
    InitiatorTask next = rest.remove(0);
    IkeStep started =
        TaskManager.startRequest(s.sa(), s.exchanges(), next, s.children(),
            new TaskQueue(Optional.empty(), rest), s.expiresAt(), now, random);
    List<IkeOutput> out = new ArrayList<>(before);
    out.addAll(started.outputs());
    return new IkeStep(started.state(), out);
  }

  private static Established withExchanges(Established s, Exchanges ex) {
    return new Established(s.sa(), ex, s.children(), s.tasks(), s.expiresAt());
  }
}

package net.iotgw.protocols.ike.engine;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.DeletePayload;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.engine.IkeOutput.CloseReason;
import net.iotgw.protocols.ike.engine.IkeOutput.DropReason;
import net.iotgw.protocols.ike.engine.IkeState.AwaitingKeys;
import net.iotgw.protocols.ike.engine.IkeState.Established;

/**
 * The established SA: the peer's requests go to a {@link ResponderTask} by exchange type
 * (INFORMATIONAL, CREATE_CHILD_SA), its retransmitted last request is answered from the cache, our
 * queued tasks run one exchange at a time with retransmission, datagrams for IKE SAs a rekey left
 * go to {@link RetiredIkeSa}, and the lifetimes rekey and delete ({@link Lifetimes}). Requests
 * outside the window of one (RFC 7296 §2.3: we announce no larger one) are dropped.
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
    Optional<IkeStep> retired = RetiredIkeSa.onReceived(s, r.datagram(), now, random);
    if (retired.isPresent()) {
      return retired.get();
    }
    Inbound.Result in = Inbound.classify(s.sa(), s.exchanges(), r.datagram());
    if (in instanceof Inbound.Retransmission) {
      return new IkeStep(s, TaskManager.resend(s.exchanges(), r.datagram()));
    }
    if (in instanceof Inbound.Malformed m) {
      return m.request()
          ? AuthSteps.invalidSyntax(s, m, random)
          : TaskManager.close(List.of(), CloseReason.INVALID_SYNTAX, m.error().toString(), s,
              null);
    }
    if (in instanceof Inbound.Request req) {
      return onRequest(s.withExchanges(req.exchanges()), req, now, random);
    }
    if (in instanceof Inbound.Response resp && s.tasks().active().isPresent()) {
      return onResponse(s.withExchanges(resp.exchanges()), resp, now, random);
    }
    return AuthSteps.unused(s, in, s::withExchanges);
  }

  private static IkeStep onRequest(
      Established s, Inbound.Request req, long now, SecureRandom random) {
    Optional<ExchangeType> type = ExchangeType.of(req.exchangeType());
    Optional<ResponderTask> responder = type.flatMap(EstablishedSteps::responder);
    if (responder.isEmpty()) {
      String name = type.map(Enum::name).orElse(Integer.toString(req.exchangeType()));
      return IkeStep.of(s, new IkeOutput.Dropped(DropReason.UNSUPPORTED_EXCHANGE, name));
    }
    ResponderTask task = responder.get();
    Established at = s;
    if (s.sa().natDetected()) {
      // RFC 7296 §2.23: behind a NAT, follow the peer to where its authentic requests come from.
      at = s.withSa(s.sa().withEndpoints(req.datagram().local(), req.datagram().remote()));
    }
    ResponderTask.Reply reply = task.processRequest(at, req.payloads(), now, random);
    IkeStep step = TaskManager.afterReply(at, req.messageId(), task.exchange(), req.datagram(),
        reply, false, List.of(), now, random);
    return next(step, now, random);
  }

  /** The responder task of each exchange the established SA answers. */
  private static Optional<ResponderTask> responder(ExchangeType type) {
    return switch (type) {
      case INFORMATIONAL -> Optional.of(InformationalResponder.INSTANCE);
      case CREATE_CHILD_SA -> Optional.of(CreateChildSaResponder.INSTANCE);
      default -> Optional.empty();
    };
  }

  private static IkeStep onResponse(
      Established s, Inbound.Response resp, long now, SecureRandom random) {
    InitiatorTask.InFlight task = s.tasks().active().orElseThrow();
    TaskOutcome outcome = task.processResponse(s, resp.payloads(), now, random);
    IkeStep step = TaskManager.afterResponse(s, task.exchange(), outcome, false, List.of(), now);
    return next(step, now, random);
  }

  /**
   * After a key delivery: what arrived meanwhile, in order, then the next queued task. A request
   * that makes another CHILD_SA wait for its keys takes the rest along into the new hold.
   */
  static IkeStep resume(
      Established s, List<Inbound.Result> deferred, List<IkeOutput> before, long now,
      SecureRandom random) {
    IkeState cur = s;
    List<IkeOutput> out = new ArrayList<>(before);
    for (int i = 0; i < deferred.size(); i++) {
      if (cur instanceof AwaitingKeys again) {
        List<Inbound.Result> rest = new ArrayList<>(again.deferred());
        rest.addAll(deferred.subList(i, deferred.size()));
        cur = new AwaitingKeys(again.base(), again.held(),
            rest.subList(0, Math.min(rest.size(), AwaitingKeys.MAX_DEFERRED)));
        break;
      }
      if (!(cur instanceof Established e)) {
        break;
      }
      IkeStep step = replay(e, deferred.get(i), now, random);
      cur = step.state();
      out.addAll(step.outputs());
    }
    return cur instanceof Established e ? TaskManager.startNext(e, out, now, random)
        : new IkeStep(cur, out);
  }

  /** A request or response that waited, checked again against the window as it is now. */
  private static IkeStep replay(
      Established s, Inbound.Result in, long now, SecureRandom random) {
    if (in instanceof Inbound.Request req
        && req.messageId() == s.exchanges().nextPeerRequestId()) {
      return onRequest(s, req, now, random);
    }
    if (in instanceof Inbound.Response resp && s.tasks().active().isPresent()
        && s.exchanges().outstanding().map(o -> o.messageId() == resp.messageId())
            .orElse(false)) {
      return onResponse(s, resp, now, random);
    }
    return IkeStep.of(s, new IkeOutput.Dropped(DropReason.WRONG_MESSAGE_ID, "after the hold"));
  }

  private static IkeStep next(IkeStep step, long now, SecureRandom random) {
    return step.state() instanceof Established e
        ? TaskManager.startNext(e, step.outputs(), now, random)
        : step;
  }

  private static IkeStep onTimer(Established s, IkeTimer timer, long now, SecureRandom random) {
    Lifetimes l = s.lifetimes();
    return switch (timer) {
      case IKE_SA_EXPIRY -> now >= l.ikeExpiresAt() ? expire(s, random) : stale(s, timer);
      case IKE_SA_REKEY -> now >= l.ikeRekeyAt() ? rekeyIkeSa(s, now, random) : stale(s, timer);
      case CHILD_SA_LIFETIME -> childLifetimes(s, now, random);
      case RETIRED_IKE_SA -> RetiredIkeSa.onTimer(s, now);
      case RETRANSMIT -> retransmit(s, now);
      default -> stale(s, timer);
    };
  }

  /** The hard lifetime: the peer is told once (RFC 7296 §1.4.1), then the SA is gone. */
  private static IkeStep expire(Established s, SecureRandom random) {
    List<IkeOutput> out = new ArrayList<>();
    Outbound.seal(s.sa(), s.exchanges().nextRequestId(), ExchangeType.INFORMATIONAL, false,
        List.of(DeletePayload.ikeSa()), random).forEach(d -> out.add(new IkeOutput.Send(d)));
    return TaskManager.close(out, CloseReason.EXPIRED, "lifetime", s, null);
  }

  private static IkeStep rekeyIkeSa(Established s, long now, SecureRandom random) {
    boolean planned = s.tasks().queued().stream().anyMatch(RekeyIkeSa.class::isInstance)
        || s.tasks().active().filter(RekeyIkeSaInFlight.class::isInstance).isPresent();
    Established next = s.withLifetimes(s.lifetimes().ikeRekeyHandled());
    return TaskManager.startNext(planned ? next : next.last(new RekeyIkeSa()),
        List.of(new IkeOutput.Disarm(IkeTimer.IKE_SA_REKEY)), now, random);
  }

  /**
   * CHILD_SAs past their hard lifetime are deleted first; those past their soft one are rekeyed,
   * unless replaced already or a rekey is planned.
   */
  private static IkeStep childLifetimes(Established s, long now, SecureRandom random) {
    Established next = s;
    for (Lifetimes.Child c : s.lifetimes().children()) {
      int spi = c.inboundSpi();
      if (c.expiresAt() <= now) {
        next = next.withLifetimes(next.lifetimes().handled(spi, true));
        boolean queued = next.tasks().queued().stream()
            .anyMatch(t -> t instanceof DeleteChildSa d && d.inboundSpi() == spi);
        if (!queued && !DeleteChildSa.underway(next, spi)) {
          next = next.first(new DeleteChildSa(spi));
        }
      } else if (c.rekeyAt() <= now && !c.replaced()) {
        next = next.withLifetimes(next.lifetimes().handled(spi, false));
        if (!CreateChildSa.planned(next, spi)) {
          next = next.last(CreateChildSa.rekey(spi));
        }
      }
    }
    return TaskManager.startNext(next, List.of(next.lifetimes().childTimer()), now, random);
  }

  private static IkeStep retransmit(Established s, long now) {
    Optional<Outstanding> o = s.exchanges().outstanding();
    if (o.isEmpty() || now < o.get().deadline()) {
      return stale(s, IkeTimer.RETRANSMIT);
    }
    Optional<Outstanding.Transmission> tx =
        o.get().retransmit(s.sa().config().limits().retransmit(), now);
    if (tx.isEmpty()) {
      return TaskManager.close(List.of(), CloseReason.RETRANSMISSIONS_EXHAUSTED,
          "no response to " + o.get().exchange(), s, null);
    }
    Exchanges ex = s.exchanges().withOutstanding(Optional.of(tx.get().outstanding()));
    return new IkeStep(s.withExchanges(ex), tx.get().outputs());
  }

  private static IkeStep stale(Established s, IkeTimer timer) {
    return IkeStep.of(s, new IkeOutput.Dropped(DropReason.STALE_TIMER, timer.name()));
  }
}

package net.iotgw.protocols.ike.engine;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.NotifyPayload;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.engine.IkeOutput.CloseReason;
import net.iotgw.protocols.ike.engine.IkeOutput.DropReason;
import net.iotgw.protocols.ike.engine.IkeState.AuthRequested;
import net.iotgw.protocols.ike.engine.IkeState.Established;
import net.iotgw.protocols.ike.engine.IkeState.HalfOpen;
import net.iotgw.protocols.ike.engine.IkeState.TaskQueue;
import net.iotgw.protocols.wire.DecodeError;

/** The handlers of the states between IKE_SA_INIT and an established SA. */
final class AuthSteps {
  private AuthSteps() {}

  /** The SA IKE_AUTH makes established, its lifetimes from now. */
  private static Established becoming(IkeSa sa, Exchanges ex, long now, SecureRandom random) {
    return new Established(sa, ex, List.of(), TaskQueue.EMPTY,
        Lifetimes.ikeSa(sa.config().limits(), List.of(), now, random), List.of());
  }

  /** Responder, waiting for IKE_AUTH. */
  static IkeStep onHalfOpen(HalfOpen s, IkeEvent event, long now, SecureRandom random) {
    if (event instanceof IkeEvent.TimerFired t) {
      if (t.timer() == IkeTimer.HALF_OPEN && now >= s.deadline()) {
        return TaskManager.close(List.of(), CloseReason.HALF_OPEN_TIMEOUT, "no IKE_AUTH", s.sa(),
            List.of(), null);
      }
      return IkeStep.of(s, new IkeOutput.Dropped(DropReason.STALE_TIMER, t.timer().name()));
    }
    if (!(event instanceof IkeEvent.Received r)) {
      return IkeStep.of(s, new IkeOutput.Dropped(DropReason.UNEXPECTED, event.toString()));
    }
    Inbound.Result in = Inbound.classify(s.sa(), s.exchanges(), r.datagram());
    if (in instanceof Inbound.Retransmission) {
      return new IkeStep(s, TaskManager.resend(s.exchanges(), r.datagram()));
    }
    if (in instanceof Inbound.Malformed m && m.request()) {
      return invalidSyntax(s.sa(), m, random);
    }
    if (!(in instanceof Inbound.Request req)) {
      return unused(s, in, (ex) -> new HalfOpen(s.sa(), ex, s.task(), s.deadline()));
    }
    if (req.exchangeType() != ExchangeType.IKE_AUTH.id()) {
      return IkeStep.of(s, new IkeOutput.Dropped(DropReason.UNEXPECTED,
          "exchange " + req.exchangeType() + " before IKE_AUTH"));
    }
    // RFC 7296 §2.23: answer where the authentic request came from (the peer may have floated).
    IkeSa sa = s.sa().withEndpoints(req.datagram().local(), req.datagram().remote());
    ResponderTask.Reply reply = s.task().processRequest(sa, req.payloads(), now, random);
    return TaskManager.afterReply(becoming(sa, req.exchanges(), now, random), req.messageId(),
        ExchangeType.IKE_AUTH, req.datagram(), reply, true,
        List.of(new IkeOutput.Disarm(IkeTimer.HALF_OPEN)), now, random);
  }

  /** Initiator, our IKE_AUTH request in flight. */
  static IkeStep onAuthRequested(AuthRequested s, IkeEvent event, long now, SecureRandom random) {
    if (event instanceof IkeEvent.TimerFired t) {
      return retransmitOrFail(s, t, now);
    }
    if (!(event instanceof IkeEvent.Received r)) {
      return IkeStep.of(s, new IkeOutput.Dropped(DropReason.UNEXPECTED, event.toString()));
    }
    Inbound.Result in = Inbound.classify(s.sa(), s.exchanges(), r.datagram());
    if (in instanceof Inbound.Malformed m && !m.request()) {
      return TaskManager.close(List.of(), CloseReason.INVALID_SYNTAX, m.error().toString(),
          s.sa(), List.of(), null);
    }
    if (!(in instanceof Inbound.Response resp)) {
      return unused(s, in, (ex) -> new AuthRequested(s.sa(), ex, s.task()));
    }
    TaskOutcome outcome = s.task().processResponse(s.sa(), resp.payloads(), now);
    return TaskManager.afterResponse(becoming(s.sa(), resp.exchanges(), now, random),
        ExchangeType.IKE_AUTH, outcome, true, List.of(), now);
  }

  private static IkeStep retransmitOrFail(AuthRequested s, IkeEvent.TimerFired t, long now) {
    Optional<Outstanding> o = s.exchanges().outstanding();
    if (t.timer() != IkeTimer.RETRANSMIT || o.isEmpty() || now < o.get().deadline()) {
      return IkeStep.of(s, new IkeOutput.Dropped(DropReason.STALE_TIMER, t.timer().name()));
    }
    Optional<Outstanding.Transmission> tx =
        o.get().retransmit(s.sa().config().limits().retransmit(), now);
    if (tx.isEmpty()) {
      return TaskManager.close(List.of(), CloseReason.RETRANSMISSIONS_EXHAUSTED,
          "no IKE_AUTH response", s.sa(), List.of(), null);
    }
    return new IkeStep(
        new AuthRequested(s.sa(), s.exchanges().withOutstanding(Optional.of(tx.get().outstanding())),
            s.task()),
        tx.get().outputs());
  }

  /**
   * RFC 7296 §2.21.2: an authentic request that does not decode is answered with INVALID_SYNTAX
   * (UNSUPPORTED_CRITICAL_PAYLOAD for an unknown critical payload), and the IKE SA is deleted.
   */
  static IkeStep invalidSyntax(IkeSa sa, Inbound.Malformed m, SecureRandom random) {
    return TaskManager.close(invalidSyntaxAnswer(sa, m, random), CloseReason.INVALID_SYNTAX,
        m.error().toString(), sa, List.of(), null);
  }

  /** The same on an established SA, whose CHILD_SAs and retired IKE SAs die with it. */
  static IkeStep invalidSyntax(Established s, Inbound.Malformed m, SecureRandom random) {
    return TaskManager.close(invalidSyntaxAnswer(s.sa(), m, random), CloseReason.INVALID_SYNTAX,
        m.error().toString(), s, null);
  }

  private static List<IkeOutput> invalidSyntaxAnswer(
      IkeSa sa, Inbound.Malformed m, SecureRandom random) {
    NotifyPayload notify =
        m.error().kind() == DecodeError.Kind.UNSUPPORTED_CRITICAL_PAYLOAD
            ? NotifyPayload.of(NotifyType.UNSUPPORTED_CRITICAL_PAYLOAD,
                new byte[] {(byte) m.error().code()})
            : NotifyPayload.of(NotifyType.INVALID_SYNTAX);
    int exchange = m.exchangeType();
    ExchangeType type = ExchangeType.of(exchange).orElse(ExchangeType.INFORMATIONAL);
    IkeSa to = sa.withEndpoints(m.datagram().local(), m.datagram().remote());
    List<IkeOutput> out = new ArrayList<>();
    Outbound.seal(to, m.messageId(), type, true, List.of(notify), random)
        .forEach(d -> out.add(new IkeOutput.Send(d)));
    return out;
  }

  /** Classifications that leave the state as it is, apart from reassembly progress. */
  static IkeStep unused(
      IkeState s, Inbound.Result in, Function<Exchanges, IkeState> with) {
    if (in instanceof Inbound.Drop d) {
      return IkeStep.of(with.apply(d.exchanges()), new IkeOutput.Dropped(d.reason(), d.detail()));
    }
    if (in instanceof Inbound.Pending p) {
      return IkeStep.of(with.apply(p.exchanges()),
          new IkeOutput.Dropped(DropReason.FRAGMENT, "waiting for more fragments"));
    }
    return IkeStep.of(s, new IkeOutput.Dropped(DropReason.UNEXPECTED, in.getClass().getSimpleName()));
  }
}

package net.iotgw.protocols.ike.engine;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.DeletePayload;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.NotifyPayload;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.engine.IkeOutput.CloseReason;
import net.iotgw.protocols.ike.engine.IkeOutput.DropReason;
import net.iotgw.protocols.ike.engine.IkeState.AwaitingKeys;
import net.iotgw.protocols.ike.engine.IkeState.Established;
import net.iotgw.protocols.ike.engine.IkeState.Held;

/**
 * The owner's hold (paper Sec. III-D), either role, any exchange that agreed a CHILD_SA: until the
 * CD has the keys, a responder's answer stays sealed, authentic requests and responses wait
 * (bounded), and timers other than the delivery's own and the hard lifetime are set again on
 * release. The release sends the held response, adds the CHILD_SA (for a rekey's successor: the
 * old one is deleted next if we initiated the rekey, else the collision with our own is noted),
 * then processes what waited.
 */
final class KeyHold {
  private KeyHold() {}

  static IkeStep onEvent(AwaitingKeys s, IkeEvent event, long now, SecureRandom random) {
    if (event instanceof IkeEvent.KeysDelivered) {
      return release(s, now, random);
    }
    if (event instanceof IkeEvent.KeyDeliveryFailed f) {
      return abandon(s, f.reason(), now, random);
    }
    if (event instanceof IkeEvent.TimerFired t) {
      return onTimer(s, t.timer(), now, random);
    }
    Datagram d = ((IkeEvent.Received) event).datagram();
    Optional<IkeStep> retired = RetiredIkeSa.onReceived(s.base(), d, now, random);
    if (retired.isPresent()) {
      return withBase(s, retired.get());
    }
    Inbound.Result in = Inbound.classify(s.sa(), s.exchanges(), d);
    if (in instanceof Inbound.Retransmission) {
      boolean held = s.exchanges().answered().map(a -> a.response().isEmpty()).orElse(false);
      // The response is held: a retransmitted request is not answered twice (paper Sec. III-D).
      return held
          ? IkeStep.of(s, new IkeOutput.Dropped(DropReason.HELD, "response held for key delivery"))
          : new IkeStep(s, TaskManager.resend(s.exchanges(), d));
    }
    if (in instanceof Inbound.Request || in instanceof Inbound.Response) {
      return defer(s, in);
    }
    return AuthSteps.unused(s, in,
        ex -> new AwaitingKeys(s.base().withExchanges(ex), s.held(), s.deferred()));
  }

  private static IkeStep defer(AwaitingKeys s, Inbound.Result in) {
    boolean request = in instanceof Inbound.Request;
    long id = request ? ((Inbound.Request) in).messageId() : ((Inbound.Response) in).messageId();
    Exchanges ex = request ? ((Inbound.Request) in).exchanges()
        : ((Inbound.Response) in).exchanges();
    boolean duplicate = s.deferred().stream().anyMatch(
        x -> request ? x instanceof Inbound.Request q && q.messageId() == id
            : x instanceof Inbound.Response p && p.messageId() == id);
    if (duplicate || s.deferred().size() >= AwaitingKeys.MAX_DEFERRED) {
      return IkeStep.of(s, new IkeOutput.Dropped(DropReason.HELD,
          duplicate ? "already waiting for key delivery" : "too many waiting for key delivery"));
    }
    List<Inbound.Result> deferred = new ArrayList<>(s.deferred());
    deferred.add(in);
    return IkeStep.of(new AwaitingKeys(s.base().withExchanges(ex), s.held(), deferred));
  }

  private static IkeStep onTimer(AwaitingKeys s, IkeTimer timer, long now, SecureRandom random) {
    if (timer == IkeTimer.KEY_DELIVERY && now >= s.held().deadline()) {
      return abandon(s, "no KeysDelivered in time", now, random);
    }
    if (timer == IkeTimer.IKE_SA_EXPIRY && now >= s.expiresAt()) {
      return TaskManager.close(List.of(), CloseReason.EXPIRED, "lifetime", s.base(), s.held());
    }
    if (timer == IkeTimer.RETIRED_IKE_SA) {
      return withBase(s, RetiredIkeSa.onTimer(s.base(), now));
    }
    return IkeStep.of(s, new IkeOutput.Dropped(DropReason.STALE_TIMER, timer.name()));
  }

  /** KeysDelivered: the held response goes out, the CHILD_SA joins, what waited is processed. */
  static IkeStep release(AwaitingKeys s, long now, SecureRandom random) {
    Held held = s.held();
    held.delivery().destroy();
    List<IkeOutput> out = new ArrayList<>();
    out.add(new IkeOutput.Disarm(IkeTimer.KEY_DELIVERY));
    held.response().forEach(d -> out.add(new IkeOutput.Send(d)));
    Exchanges ex = held.response().isEmpty() ? s.exchanges()
        : s.exchanges().answered(held.messageId(), held.response());
    Established next = s.base().withExchanges(ex).withChild(held.child(), now, random);
    if (held.exchange() == ExchangeType.IKE_AUTH) {
      out.add(TaskManager.established(next.sa(), Optional.of(held.child())));
    }
    IkeStep rekeyed = successor(next, held);
    out.addAll(rekeyed.outputs());
    next = (Established) rekeyed.state();
    out.addAll(timers(next));
    return EstablishedSteps.resume(next, s.deferred(), out, now, random);
  }

  /** A rekey's successor is in: the old CHILD_SA is replaced, or the collision noted. */
  private static IkeStep successor(Established next, Held held) {
    if (held.rekey().isEmpty()) {
      return IkeStep.of(next);
    }
    TaskOutcome.Rekey rekey = held.rekey().get();
    Optional<ChildSa> old = next.child(rekey.oldInboundSpi());
    if (old.isEmpty()) {
      return IkeStep.of(next);
    }
    IkeOutput report = new IkeOutput.ChildSaRekeyed(old.get(), held.child());
    if (rekey.weInitiated()) {
      // RFC 7296 §2.8: the initiator of the surviving rekey deletes the old CHILD_SA.
      return IkeStep.of(next.withLifetimes(next.lifetimes().replaced(rekey.oldInboundSpi(),
          held.child().inboundSpi())).first(new DeleteChildSa(rekey.oldInboundSpi())), report);
    }
    Optional<CreateChildSaInFlight> ours =
        CreateChildSaInFlight.rekeying(next, rekey.oldInboundSpi());
    if (ours.isPresent()) {
      CreateChildSaInFlight noted =
          ours.get().withCollision(held.child().inboundSpi(), rekey.lowerNonce());
      return IkeStep.of(next.withTasks(next.tasks().withActive(Optional.of(noted))));
    }
    return IkeStep.of(next.withLifetimes(next.lifetimes().replaced(rekey.oldInboundSpi(),
        held.child().inboundSpi())), report);
  }

  /**
   * KeyDeliveryFailed or its timeout. For IKE_AUTH the SA dies: a responder answers the held
   * request with TEMPORARY_FAILURE, an initiator tells the peer with a Delete of the IKE SA (RFC
   * 7296 §1.4.1), sent once. For CREATE_CHILD_SA only the new CHILD_SA fails: a responder answers
   * TEMPORARY_FAILURE, an initiator deletes it at the peer; a rekeyed one stays and is tried again.
   */
  static IkeStep abandon(AwaitingKeys s, String why, long now, SecureRandom random) {
    Held held = s.held();
    boolean responder = !held.response().isEmpty();
    if (held.exchange() == ExchangeType.IKE_AUTH) {
      List<Datagram> notice = responder
          ? Outbound.seal(s.sa(), held.messageId(), held.exchange(), true,
              List.of(NotifyPayload.of(NotifyType.TEMPORARY_FAILURE)), random)
          : Outbound.seal(s.sa(), s.exchanges().nextRequestId(), ExchangeType.INFORMATIONAL,
              false, List.of(DeletePayload.ikeSa()), random);
      List<IkeOutput> out = notice.stream().map(d -> (IkeOutput) new IkeOutput.Send(d)).toList();
      return TaskManager.close(out, CloseReason.KEY_DELIVERY_FAILED, why, s.base(), held);
    }
    held.child().destroy();
    held.delivery().destroy();
    List<IkeOutput> out = new ArrayList<>();
    out.add(new IkeOutput.Disarm(IkeTimer.KEY_DELIVERY));
    out.add(new IkeOutput.ChildSaRefused(NotifyType.TEMPORARY_FAILURE));
    Established next = s.base();
    if (responder) {
      List<Datagram> answer = Outbound.seal(next.sa(), held.messageId(), held.exchange(), true,
          List.of(NotifyPayload.of(NotifyType.TEMPORARY_FAILURE)), random);
      answer.forEach(d -> out.add(new IkeOutput.Send(d)));
      next = next.withExchanges(next.exchanges().answered(held.messageId(), answer));
    } else {
      next = next.first(new DeleteChildSa.Redundant(held.child().inboundSpi()));
      if (held.rekey().isPresent()) {
        next = next.withLifetimes(
            next.lifetimes().retryChildRekey(held.rekey().get().oldInboundSpi(), now));
      }
    }
    out.addAll(timers(next));
    return EstablishedSteps.resume(next, s.deferred(), out, now, random);
  }

  /** The timers an established SA runs, set again after the hold. */
  private static List<IkeOutput> timers(Established s) {
    List<IkeOutput> out = new ArrayList<>(s.lifetimes().timers());
    s.exchanges().outstanding()
        .ifPresent(o -> out.add(new IkeOutput.Arm(IkeTimer.RETRANSMIT, o.deadline())));
    out.add(RetiredIkeSa.timer(s.retired()));
    return out;
  }

  private static IkeStep withBase(AwaitingKeys s, IkeStep onBase) {
    return new IkeStep(
        new AwaitingKeys((Established) onBase.state(), s.held(), s.deferred()),
        onBase.outputs());
  }
}

package net.iotgw.protocols.ike.engine;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.engine.IkeOutput.CloseReason;
import net.iotgw.protocols.ike.engine.IkeOutput.DropReason;
import net.iotgw.protocols.ike.engine.IkeState.AuthRequested;
import net.iotgw.protocols.ike.engine.IkeState.AwaitingKeys;
import net.iotgw.protocols.ike.engine.IkeState.Closed;
import net.iotgw.protocols.ike.engine.IkeState.Connecting;
import net.iotgw.protocols.ike.engine.IkeState.Established;
import net.iotgw.protocols.ike.engine.IkeState.HalfOpen;

/**
 * A pure IKEv2 engine for one IKE SA held on behalf of a constrained device (RFC 7296; paper Sec.
 * III-C/D): {@code (state, event) -> (state, outputs)}, with time and randomness as parameters.
 * The owner (an actor) does the I/O, runs the timers, routes datagrams to the SA and delivers
 * keys to the CD; it creates an SA with {@link #initiate} or {@link #respond}, then feeds every
 * event to {@link #handle}. Nothing here throws on what a peer sends: bad input yields {@link
 * IkeOutput.Dropped} or an error notify.
 *
 * <p>Routing: by SPIs ({@link IkeState#ikeSa()}; SPIi alone for {@link IkeState.Connecting}),
 * except that a retransmitted IKE_SA_INIT request still has SPIr zero: the owner gives it to the
 * SA with that SPIi and peer address, which answers it from its cache. A state whose {@code
 * Closed} reason is {@code REFUSED} kept nothing: the next IKE_SA_INIT goes to {@link #respond}.
 * Timers are keyed by {@link IkeTimer}; a timer firing late or after being replaced is harmless.
 */
public final class IkeSaEngine {
  private IkeSaEngine() {}

  /**
   * The CD opens an IKE SA with its first CHILD_SA to {@code peer} (IKE port), sending IKE_SA_INIT
   * from the CD's address.
   *
   * @param expectedPeer the peer's identity, named in IDr and required of its response, if known
   */
  public static IkeStep initiate(
      EngineConfig config, InetSocketAddress peer, Optional<Identity> expectedPeer, long now,
      SecureRandom random) {
    InetSocketAddress local =
        new InetSocketAddress(addressOf(config.cdAddress()), config.ikePort());
    IkeInitInitiator task = IkeInitInitiator.start(config, local, peer, random);
    Outstanding.Transmission tx =
        Outstanding.first(0, ExchangeType.IKE_SA_INIT, List.of(task.datagram()),
            config.limits().retransmit(), now);
    return new IkeStep(new Connecting(task, tx.outstanding(), expectedPeer), tx.outputs());
  }

  /**
   * An IKE_SA_INIT request to the CD for which no SA exists yet. The resulting state is {@link
   * Closed} (with reason {@code REFUSED}) when it was answered statelessly or ignored: then the
   * owner keeps nothing.
   */
  public static IkeStep respond(
      EngineConfig config, Datagram request, CookieGate gate, long now, SecureRandom random) {
    IkeInitResponder.Result r = IkeInitResponder.process(config, request, gate, random);
    if (r instanceof IkeInitResponder.Refused refused) {
      return IkeStep.of(new Closed(CloseReason.REFUSED), new IkeOutput.Send(refused.response()));
    }
    if (r instanceof IkeInitResponder.Ignored ignored) {
      return IkeStep.of(new Closed(CloseReason.REFUSED),
          new IkeOutput.Dropped(ignored.reason(), ignored.detail()));
    }
    IkeInitResponder.Accepted a = (IkeInitResponder.Accepted) r;
    long deadline = now + config.limits().halfOpenMillis();
    List<IkeOutput> out = new ArrayList<>();
    debugKeys(a.sa()).ifPresent(out::add);
    out.add(new IkeOutput.Send(a.response()));
    out.add(new IkeOutput.Arm(IkeTimer.HALF_OPEN, deadline));
    Exchanges ex =
        Exchanges.afterInitAsResponder(config.limits(), request.message(), a.response());
    return new IkeStep(new HalfOpen(a.sa(), ex, new IkeAuthResponder(a.init()), deadline), out);
  }

  /** Any later event. */
  public static IkeStep handle(IkeState state, IkeEvent event, long now, SecureRandom random) {
    if (state instanceof Connecting s) {
      return onConnecting(s, event, now, random);
    }
    if (state instanceof HalfOpen s) {
      return AuthSteps.onHalfOpen(s, event, now, random);
    }
    if (state instanceof AuthRequested s) {
      return AuthSteps.onAuthRequested(s, event, now, random);
    }
    if (state instanceof AwaitingKeys s) {
      return KeyHold.onEvent(s, event, now, random);
    }
    if (state instanceof Established s) {
      return EstablishedSteps.onEvent(s, event, now, random);
    }
    return IkeStep.of(state, new IkeOutput.Dropped(DropReason.CLOSED, event.toString()));
  }

  /**
   * Queues an exchange for an established SA: {@link LivenessCheck}, {@link DeleteChildSa}, {@link
   * DeleteIkeSa}, {@link CreateChildSa} (additional or rekey), {@link RekeyIkeSa}. It starts at
   * once if no request is in flight; while a CHILD_SA waits for its keys, after the release.
   * Refused in other states.
   */
  public static IkeStep queue(IkeState state, InitiatorTask task, long now, SecureRandom random) {
    if (state instanceof AwaitingKeys s) {
      return IkeStep.of(new AwaitingKeys(s.base().last(task), s.held(), s.deferred()));
    }
    if (!(state instanceof Established s)) {
      return IkeStep.of(state, new IkeOutput.Dropped(DropReason.UNEXPECTED,
          "tasks are queued on an established SA"));
    }
    return TaskManager.startNext(s.last(task), List.of(), now, random);
  }

  /** The owner ends the SA (its device left, shutdown): keys are zeroed, nothing is sent. */
  public static IkeStep destroy(IkeState state) {
    if (state instanceof Connecting s) {
      s.task().destroy();
      return TaskManager.close(List.of(), CloseReason.DESTROYED, "by the owner", null, List.of(),
          null);
    }
    if (state instanceof AwaitingKeys s) {
      return TaskManager.close(List.of(), CloseReason.DESTROYED, "by the owner", s.base(),
          s.held());
    }
    if (state instanceof Established s) {
      return TaskManager.close(List.of(), CloseReason.DESTROYED, "by the owner", s, null);
    }
    Optional<IkeSa> sa = state.ikeSa();
    if (sa.isPresent()) {
      return TaskManager.close(List.of(), CloseReason.DESTROYED, "by the owner", sa.get(),
          List.of(), null);
    }
    return IkeStep.of(state);
  }

  private static IkeStep onConnecting(
      Connecting s, IkeEvent event, long now, SecureRandom random) {
    if (event instanceof IkeEvent.TimerFired t && t.timer() == IkeTimer.RETRANSMIT) {
      if (now < s.request().deadline()) {
        return IkeStep.of(s, new IkeOutput.Dropped(DropReason.STALE_TIMER, "early"));
      }
      Optional<Outstanding.Transmission> tx =
          s.request().retransmit(s.task().config().limits().retransmit(), now);
      if (tx.isEmpty()) {
        s.task().destroy();
        return TaskManager.close(List.of(), CloseReason.RETRANSMISSIONS_EXHAUSTED,
            "no IKE_SA_INIT response", null, List.of(), null);
      }
      return new IkeStep(new Connecting(s.task(), tx.get().outstanding(), s.expectedPeer()),
          tx.get().outputs());
    }
    if (!(event instanceof IkeEvent.Received r)) {
      return IkeStep.of(s, new IkeOutput.Dropped(DropReason.UNEXPECTED, event.toString()));
    }
    IkeInitInitiator.Result result = s.task().onResponse(r.datagram(), random);
    if (result instanceof IkeInitInitiator.Ignored ignored) {
      return IkeStep.of(s, new IkeOutput.Dropped(ignored.reason(), ignored.detail()));
    }
    if (result instanceof IkeInitInitiator.Failed failed) {
      s.task().destroy();
      return TaskManager.close(List.of(), failed.reason(), failed.detail(), null, List.of(), null);
    }
    if (result instanceof IkeInitInitiator.Retry retry) {
      Outstanding.Transmission tx =
          Outstanding.first(0, ExchangeType.IKE_SA_INIT, List.of(retry.next().datagram()),
              retry.next().config().limits().retransmit(), now);
      return new IkeStep(new Connecting(retry.next(), tx.outstanding(), s.expectedPeer()),
          tx.outputs());
    }
    IkeInitInitiator.Done done = (IkeInitInitiator.Done) result;
    IkeSa sa = done.sa();
    IkeAuthInitiator auth =
        new IkeAuthInitiator(done.init(), s.expectedPeer(),
            ChildSaNegotiation.Offer.create(sa, random));
    Exchanges ex = Exchanges.afterInitAsInitiator(sa.config().limits());
    long id = ex.nextRequestId();
    List<Datagram> datagrams =
        Outbound.seal(sa, id, ExchangeType.IKE_AUTH, false, auth.buildRequest(sa), random);
    Outstanding.Transmission tx =
        Outstanding.first(id, ExchangeType.IKE_AUTH, datagrams, sa.config().limits().retransmit(),
            now);
    List<IkeOutput> out = new ArrayList<>();
    debugKeys(sa).ifPresent(out::add);
    out.addAll(tx.outputs());
    return new IkeStep(new AuthRequested(sa, ex.requestSent(tx.outstanding()), auth), out);
  }

  static Optional<IkeOutput> debugKeys(IkeSa sa) {
    return sa.config().debugKeys()
        ? Optional.of(new IkeOutput.KeysForDebug(DebugKeys.of(sa.spiI(), sa.spiR(), sa.keys())))
        : Optional.empty();
  }

  private static java.net.InetAddress addressOf(byte[] address) {
    try {
      return java.net.InetAddress.getByAddress(address);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("16 bytes make an IPv6 address", e);
    }
  }
}

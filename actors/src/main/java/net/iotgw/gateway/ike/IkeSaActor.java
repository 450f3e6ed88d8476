package net.iotgw.gateway.ike;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.iotgw.gateway.control.ControlOutlet;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.CookieGate;
import net.iotgw.protocols.ike.engine.Datagram;
import net.iotgw.protocols.ike.engine.DeleteIkeSa;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.Identity;
import net.iotgw.protocols.ike.engine.IkeEvent;
import net.iotgw.protocols.ike.engine.IkeOutput;
import net.iotgw.protocols.ike.engine.IkeSaEngine;
import net.iotgw.protocols.ike.engine.IkeState;
import net.iotgw.protocols.ike.engine.IkeStep;
import net.iotgw.protocols.ike.engine.IkeTimer;
import net.iotgw.protocols.ike.engine.KeyDelivery;
import net.iotgw.protocols.ike.engine.LivenessCheck;
import net.iotgw.protocols.offload.SaRequestFailed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One IKE SA held for one CD (ARCHITECTURE: {@code IkeSa[SPIi,SPIr]}, a child of the CD's
 * Device): the actor around the pure {@link IkeSaEngine}. It feeds the engine the peer's
 * datagrams, its timers and the outcome of key deliveries, and turns the engine's outputs into
 * datagrams for the UCN, timers, key deliveries (through its {@link Keys} owner, which sends them
 * to the CD over PANA) and ESP routes. It runs on the gateway's crypto dispatcher: elliptic-curve
 * work never blocks the default one. A hostile packet can at worst end this SA.
 */
public final class IkeSaActor {

  public sealed interface Command {}

  /** A datagram from the peer for this SA, holding its place in the {@link IkeBacklog}. */
  public record FromPeer(Datagram datagram, IkeBacklog.Ticket ticket) implements Command {
    /** A datagram that holds no place in a backlog. */
    public FromPeer(Datagram datagram) {
      this(datagram, IkeBacklog.Ticket.NONE);
    }
  }

  /** The CD acknowledged the key delivery (its PNA arrived). */
  public record KeysDelivered() implements Command {}

  /** The key delivery failed (no PANA session, retransmissions exhausted). */
  public record KeysNotDelivered(String reason) implements Command {}

  /** Close the SA (the CD lost its admission, or the gateway stops). */
  public record Close() implements Command {}

  private record TimerFired(IkeTimer timer) implements Command {}

  /** Time to see whether the peer has been silent for the liveness interval; also its key. */
  private record LivenessDue() implements Command {}

  /** What the SA asks of the CD's Device. */
  public interface Keys {
    /** Deliver {@code delivery} to the CD; answer {@code replyTo} with the outcome. */
    void deliver(KeyDelivery delivery, ActorRef<Command> replyTo);

    /** The SA has ended: tell the CD to drop the CHILD_SAs with these inbound SPIs. */
    void ended(List<Integer> cdInboundSpis, String reason);

    /** The IKE SA was rekeyed (RFC 7296 §1.3.2): route the initiator's new SPI here too. */
    void routeAlso(long spiI);

    /** An IKE SA this actor answered for is gone: stop routing its initiator SPI here. */
    void retire(long spiI);

    /**
     * The first IKE_SA_INIT was answered statelessly (a COOKIE, an error) or ignored: the actor
     * stops at once. Told before the answer leaves, so that the initiator's next request (with the
     * COOKIE, same SPIi) finds no stopped actor in its route.
     */
    default void refused() {}
  }

  /**
   * What every IKE SA of the gateway shares.
   *
   * @param livenessInterval how long the peer may stay silent (no authentic IKE message) before
   *     the SA checks it is alive (RFC 7296 §2.4, {@code iotgw.ike.dpd-interval}); zero: never
   */
  public record Shared(ControlOutlet<Datagram> outlet, EspRoutes routes, SecureRandom random,
      Duration livenessInterval, IkeDrops drops) {
    public Shared {
      if (livenessInterval.isNegative()) {
        throw new IllegalArgumentException("a liveness interval is zero (off) or positive");
      }
    }

    /** With fresh drop counters. */
    public Shared(ControlOutlet<Datagram> outlet, EspRoutes routes, SecureRandom random,
        Duration livenessInterval) {
      this(outlet, routes, random, livenessInterval, new IkeDrops());
    }

    /** With the default liveness interval. */
    public Shared(ControlOutlet<Datagram> outlet, EspRoutes routes, SecureRandom random) {
      this(outlet, routes, random, DEFAULT_LIVENESS_INTERVAL);
    }
  }

  /** reference.conf's {@code iotgw.ike.dpd-interval}. */
  public static final Duration DEFAULT_LIVENESS_INTERVAL = Duration.ofSeconds(60);

  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final Shared shared;
  private final Keys keys;
  private final EngineConfig config;
  private final String name;
  private final List<ChildSa> installed = new ArrayList<>();
  private IkeState state;
  private KeyDelivery pending;
  /**
   * When the peer last sent an authentic IKE message (or the SA was established), on the monotonic
   * clock: a wall-clock step must not postpone a liveness check.
   */
  private long lastHeardNanos;
  /** The CD's request this SA answers, for an initiator; null for a responder. */
  private Initiation initiation;
  /** The CHILD_SA error the UD answered in IKE_AUTH, until the Established that follows it. */
  private NotifyType childRefusal;
  /**
   * The one running behaviour, built once: {@link #apply} returns it after every message, and
   * building it afresh (a BehaviorBuilder with seven cases) each time cost allocations on every
   * datagram, timer and key delivery (issue 6).
   */
  private Behavior<Command> running;

  private IkeSaActor(ActorContext<Command> context, TimerScheduler<Command> timers,
      Shared shared, Keys keys, EngineConfig config, String name) {
    this.context = context;
    this.timers = timers;
    this.shared = shared;
    this.keys = keys;
    this.config = config;
    this.name = name;
    // Named here: otherwise the first getLog() of every IKE SA actor (one per handshake) finds
    // the logger's class by walking the stack with a SecurityManager (issue 6's profile).
    context.setLoggerName(IkeSaActor.class);
  }

  /**
   * An SA the CD asked for: the gateway initiates IKEv2 as the CD to {@code peer} (its IKE port),
   * naming {@code expectedPeer} in IDr if given. {@code initiation} hears the initiator SPI before
   * the first datagram leaves, then whether the CHILD_SA's keys reached the CD.
   */
  public static Behavior<Command> initiator(Shared shared, Keys keys, EngineConfig config,
      InetSocketAddress peer, Optional<Identity> expectedPeer, Initiation initiation,
      String name) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      IkeSaActor sa = new IkeSaActor(context, timers, shared, keys, config, name);
      sa.initiation = initiation;
      IkeStep first = IkeSaEngine.initiate(config, peer, expectedPeer, now(), shared.random());
      if (first.state() instanceof IkeState.Connecting c) {
        initiation.started(c.spiI());
      }
      context.getLog().info("{}: initiating to {} for the CD{}", name, peer,
          expectedPeer.map(p -> " (expecting " + p + ")").orElse(""));
      return sa.apply(first);
    }));
  }

  /**
   * An SA that starts with the peer's IKE_SA_INIT request {@code first}.
   *
   * @param gate whether a COOKIE is required (the Device's half-open count decides)
   */
  public static Behavior<Command> responder(Shared shared, Keys keys, EngineConfig config,
      Datagram first, CookieGate gate, String name) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      IkeSaActor sa = new IkeSaActor(context, timers, shared, keys, config, name);
      IkeStep step = IkeSaEngine.respond(config, first, gate, now(), shared.random());
      if (step.state() instanceof IkeState.Closed) {
        keys.refused();
      }
      return sa.apply(sa.counted(step));
    }));
  }

  private Behavior<Command> running() {
    if (running == null) {
      running = buildRunning();
    }
    return running;
  }

  private Behavior<Command> buildRunning() {
    return Behaviors.receive(Command.class)
        .onMessage(FromPeer.class, m -> {
          m.ticket().release();
          return fromPeer(m.datagram());
        })
        .onMessage(LivenessDue.class, m -> livenessDue())
        .onMessage(TimerFired.class, m -> event(new IkeEvent.TimerFired(m.timer())))
        .onMessage(KeysDelivered.class, m -> delivered())
        .onMessage(KeysNotDelivered.class, m -> {
          context.getLog().warn("{}: the CD did not take the CHILD_SA's keys: {}", name,
              m.reason());
          return event(new IkeEvent.KeyDeliveryFailed(m.reason()));
        })
        .onMessage(Close.class, m -> apply(IkeSaEngine.destroy(state)))
        .onSignal(PostStop.class, s -> {
          settleFailed(IkeOutput.CloseReason.DESTROYED, "stopped");
          release("stopped");
          return Behaviors.same();
        })
        .build();
  }

  /** The CD's request, if this SA answers one that is not settled yet, failed. */
  private void settleFailed(IkeOutput.CloseReason reason, String detail) {
    if (initiation != null) {
      Initiation.Failure f = Initiation.failureOf(reason, detail);
      initiation.failed(f.reason(), f.ikeNotify(), reason + " " + detail);
      initiation = null;
    }
  }

  private Behavior<Command> event(IkeEvent event) {
    return apply(IkeSaEngine.handle(state, event, now(), shared.random()));
  }

  /**
   * RFC 7296 §2.4: only a cryptographically protected message proves the peer alive. The engine
   * drops (and reports {@link IkeOutput.Dropped}) whatever fails the SPI, window or ICV checks, so
   * a datagram it took without a drop was authentic. An authentic one it dropped for another
   * reason (an exchange it does not answer, a fragment before the last) does not count: at worst
   * that costs one extra empty INFORMATIONAL exchange. ESP from the peer does not count either: the
   * gateway forwards it unopened, so it cannot tell it from a forgery with a known SPI.
   */
  private Behavior<Command> fromPeer(Datagram datagram) {
    IkeStep step = IkeSaEngine.handle(state, new IkeEvent.Received(datagram), now(),
        shared.random());
    if (step.outputs().stream().noneMatch(IkeOutput.Dropped.class::isInstance)) {
      lastHeardNanos = System.nanoTime();
    }
    return apply(counted(step));
  }

  /** A step that took a peer's datagram: what the engine dropped of it, counted by reason. */
  private IkeStep counted(IkeStep step) {
    for (IkeOutput o : step.outputs()) {
      if (o instanceof IkeOutput.Dropped d) {
        shared.drops().engine(d.reason());
      }
    }
    return step;
  }

  /**
   * The liveness timer (strongSwan's DPD): one timer per SA, re-armed for when the silence would
   * reach the interval, rather than reset by every message. A check is queued only on an
   * established SA with no request of ours in flight: a request being retransmitted already tests
   * the peer, and its last timeout closes the SA as an unanswered check would.
   */
  private Behavior<Command> livenessDue() {
    long interval = shared.livenessInterval().toMillis();
    long silent = (System.nanoTime() - lastHeardNanos) / 1_000_000;
    if (silent < interval) {
      armLiveness(interval - silent);
      return Behaviors.same();
    }
    armLiveness(interval);
    if (!(state instanceof IkeState.Established s) || s.tasks().active().isPresent()
        || s.tasks().queued().stream().anyMatch(LivenessCheck.class::isInstance)) {
      return Behaviors.same();
    }
    context.getLog().debug("{}: nothing authentic from the peer for {} ms: liveness check", name,
        silent);
    return apply(IkeSaEngine.queue(state, new LivenessCheck(), now(), shared.random()));
  }

  private void armLiveness(long afterMillis) {
    timers.startSingleTimer(new LivenessDue(), new LivenessDue(), Duration.ofMillis(afterMillis));
  }

  /** The CD holds the keys: route its ESP, then let the engine release its response. */
  private Behavior<Command> delivered() {
    if (pending != null) {
      pending.destroy();
      pending = null;
    }
    return event(new IkeEvent.KeysDelivered());
  }

  private Behavior<Command> apply(IkeStep step) {
    state = step.state();
    boolean deleteAfter = false;
    for (IkeOutput o : step.outputs()) {
      if (o instanceof IkeOutput.Send s) {
        shared.outlet().offer(s.datagram());
      } else if (o instanceof IkeOutput.Arm a) {
        timers.startSingleTimer(a.timer(), new TimerFired(a.timer()),
            Duration.ofMillis(Math.max(0, a.atMillis() - now())));
      } else if (o instanceof IkeOutput.Disarm d) {
        timers.cancel(d.timer());
      } else if (o instanceof IkeOutput.ChildSaAgreed agreed) {
        // The paper's rule: the CD gets its keys before the peer can send it ESP; the engine
        // holds its IKE_AUTH response until KeysDelivered, and the route goes in first.
        pending = agreed.delivery();
        shared.routes().install(config.cdAddress(), agreed.child());
        installed.add(agreed.child());
        keys.deliver(agreed.delivery(), context.getSelf());
      } else if (o instanceof IkeOutput.ChildSaRekeyed r) {
        // The replacement came through ChildSaAgreed (its keys delivered first); the old goes.
        removeChild(r.old(), "rekeyed");
      } else if (o instanceof IkeOutput.ChildSaDeleted d) {
        removeChild(d.child(), "deleted");
      } else if (o instanceof IkeOutput.IkeSaRekeyed r) {
        context.getLog().info("{}: IKE SA rekeyed to {}/{}", name, Long.toHexString(r.spiI()),
            Long.toHexString(r.spiR()));
        keys.routeAlso(r.spiI());
      } else if (o instanceof IkeOutput.IkeSaRetired r) {
        keys.retire(r.spiI());
      } else if (o instanceof IkeOutput.Established e) {
        lastHeardNanos = System.nanoTime();
        if (!shared.livenessInterval().isZero()) {
          armLiveness(shared.livenessInterval().toMillis());
        }
        if (context.getLog().isInfoEnabled()) {
          context.getLog().info("{}: IKE SA established with {}{}", name, e.peer(),
              e.child().map(c -> ", CHILD_SA " + c.mode() + " " + c.esp()).orElse(""));
        }
        if (initiation != null && e.child().isPresent()) {
          initiation.succeeded();
          initiation = null;
        } else if (initiation != null) {
          // The CD asked for a CHILD_SA, not an IKE SA: without one, this SA serves nobody.
          int notify = childRefusal == null ? 0 : childRefusal.id();
          initiation.failed(SaRequestFailed.Reason.CHILD_SA_REFUSED, notify,
              "CHILD_SA refused: " + childRefusal);
          initiation = null;
          deleteAfter = true;
        }
      } else if (o instanceof IkeOutput.AuthorizationRefused r) {
        context.getLog().warn("{}: peer {} is not allowed to reach this CD", name, r.peer());
      } else if (o instanceof IkeOutput.ChildSaRefused r) {
        context.getLog().info("{}: CHILD_SA refused: {}", name, r.error());
        childRefusal = r.error();
      } else if (o instanceof IkeOutput.KeysForDebug k) {
        context.getLog().info("{}: IKE keys (debug, test runs only): {}", name,
            k.keys().wiresharkRecord().orElse("(a suite Wireshark cannot decrypt)"));
      } else if (o instanceof IkeOutput.Closed c) {
        context.getLog().info("{}: IKE SA closed: {} {}", name, c.reason(), c.detail());
        settleFailed(c.reason(), c.detail());
        release(c.reason() + " " + c.detail());
        return Behaviors.stopped();
      } else if (o instanceof IkeOutput.LivenessConfirmed) {
        context.getLog().debug("{}: the peer answered the liveness check", name);
      } else if (o instanceof IkeOutput.Dropped d) {
        context.getLog().debug("{}: dropped {} {}", name, d.reason(), d.detail());
      }
    }
    if (state instanceof IkeState.Closed) {
      settleFailed(IkeOutput.CloseReason.DESTROYED, "closed");
      release("closed");
      return Behaviors.stopped();
    }
    if (deleteAfter) {
      return apply(IkeSaEngine.queue(state, new DeleteIkeSa(), now(), shared.random()));
    }
    return running();
  }

  /** One CHILD_SA ends while the IKE SA lives on: its route out, the CD told, keys zeroed. */
  private void removeChild(ChildSa gone, String why) {
    for (int i = 0; i < installed.size(); i++) {
      ChildSa c = installed.get(i);
      if (c.inboundSpi() == gone.inboundSpi()) {
        shared.routes().remove(c.inboundSpi());
        installed.remove(i);
        keys.ended(List.of(c.inboundSpi()), why);
        c.destroy();
        context.getLog().info("{}: CHILD_SA {} {}", name,
            String.format("%08x", c.inboundSpi()), why);
        return;
      }
    }
  }

  /** Routes out, the CD told, keys zeroed: once, whichever way the SA ends. */
  private void release(String reason) {
    if (pending != null) {
      pending.destroy();
      pending = null;
    }
    if (installed.isEmpty()) {
      return;
    }
    List<Integer> spis = new ArrayList<>();
    for (ChildSa c : installed) {
      shared.routes().remove(c.inboundSpi());
      spis.add(c.inboundSpi());
      c.destroy();
    }
    installed.clear();
    keys.ended(spis, reason);
  }

  /**
   * Wall-clock milliseconds: the engine checks certificates' validity against this time as well
   * as scheduling its timers from it (a clock step shifts a pending timer, nothing more).
   */
  private static long now() {
    return System.currentTimeMillis();
  }
}

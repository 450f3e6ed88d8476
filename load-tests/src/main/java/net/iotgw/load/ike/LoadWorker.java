package net.iotgw.load.ike;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongFunction;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.CreateChildSa;
import net.iotgw.protocols.ike.engine.Datagram;
import net.iotgw.protocols.ike.engine.DeleteIkeSa;
import net.iotgw.protocols.ike.engine.IkeOutput;
import net.iotgw.sim.ud.InitiatorSession;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One share of the load: IKEv2 initiators ({@link InitiatorSession}, our engine) keyed by their
 * SPIi, started closed-loop (a fixed number in flight, a new one as soon as one ends) or open-loop
 * (a {@link RatePacer}), each going IKE_SA_INIT, IKE_AUTH, then optionally an extra
 * CREATE_CHILD_SA and a Delete of the IKE SA. It owns its sessions' timers (a queue by due time,
 * checked on a Pekko timer tick), talks to the target through its {@link Transport}, and counts
 * into the run's {@link LoadStats}. An extra CHILD_SA the target refuses (RFC 7296 §1.2: an error
 * notify in the CREATE_CHILD_SA response, the IKE SA unharmed) fails the attempt as {@code child:
 * CREATE_CHILD_SA refused} and the notify type; its IKE SA is still deleted if asked. Attempts
 * still in flight when told to {@link Finish} are counted as unfinished and dropped.
 */
public final class LoadWorker {
  public sealed interface Command {}

  /** A UDP payload from the target (behind the non-ESP marker when it came from port 4500). */
  public record FromTarget(byte[] udpPayload, InetSocketAddress from) implements Command {}

  /** The transport can send: start the load. */
  public record TransportReady() implements Command {}

  /** Stop starting attempts. */
  public record StopStarting() implements Command {}

  /** Drop what is still in flight, count it, and answer. */
  public record Finish(ActorRef<Finished> replyTo) implements Command {}

  public record Finished(int unfinished) {}

  private record Tick() implements Command {}

  /** How this worker's IKE datagrams reach the target. */
  @FunctionalInterface
  public interface Transport {
    /** Sends {@code d} from our side ({@code d.local()}, its port 500 or 4500) to the target. */
    void send(Datagram d);
  }

  /** Closed loop (a fixed number in flight) or open loop (a fixed start rate). */
  public sealed interface Pacing {
    record Closed(int concurrency) implements Pacing {}

    record Open(double perSecond) implements Pacing {}
  }

  /**
   * @param targets the target of the n-th attempt (shared counter, so that a population of CDs is
   *     covered evenly by all workers)
   * @param localAddress our address as the engine writes it, and the source of the transport
   */
  public record Plan(Pacing pacing, LongFunction<LoadTarget> targets, boolean childSa,
      boolean delete, InetAddress localAddress) {}

  static final Duration TICK = Duration.ofMillis(10);
  /** At most this many starts per tick, so that a ramp to thousands does not stall the actor. */
  static final int MAX_STARTS_PER_TICK = 200;
  static final int NAT_T_PORT = 4500;

  private enum Phase { HANDSHAKE, CHILD, DELETE }

  private static final class Attempt {
    final InitiatorSession session;
    final long startNanos;
    long spiI;
    Phase phase = Phase.HANDSHAKE;
    ChildSa first;
    /** CHILD_SA refusals seen before the extra CREATE_CHILD_SA went out. */
    int refusalsBefore;
    /** Why the attempt failed though its IKE SA lives on (a refused CHILD_SA); null if not. */
    String failure;

    Attempt(InitiatorSession session, long startNanos) {
      this.session = session;
      this.startNanos = startNanos;
    }
  }

  private record Due(long atMillis, long spiI) {}

  private final ActorContext<Command> context;
  private final Plan plan;
  private final LoadStats stats;
  private final AtomicLong attemptCounter;
  private final Transport transport;
  private final SecureRandom random = new SecureRandom();
  private final Map<Long, Attempt> attempts = new HashMap<>();
  private final PriorityQueue<Due> timers =
      new PriorityQueue<>((a, b) -> Long.compare(a.atMillis(), b.atMillis()));
  private RatePacer pacer;
  private boolean starting;

  private LoadWorker(ActorContext<Command> context, Plan plan, LoadStats stats,
      AtomicLong attemptCounter,
      Function<ActorContext<Command>, Transport> transport) {
    this.context = context;
    this.plan = plan;
    this.stats = stats;
    this.attemptCounter = attemptCounter;
    this.transport = transport.apply(context);
  }

  /**
   * @param transport made in the worker's setup (a UDP socket actor is its child); it tells the
   *     worker {@link TransportReady} once it can send
   */
  public static Behavior<Command> create(Plan plan, LoadStats stats,
      AtomicLong attemptCounter,
      Function<ActorContext<Command>, Transport> transport) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers ->
        new LoadWorker(context, plan, stats, attemptCounter, transport).waiting(timers)));
  }

  private Behavior<Command> waiting(TimerScheduler<Command> timerScheduler) {
    return Behaviors.receive(Command.class)
        .onMessage(TransportReady.class, m -> {
          starting = true;
          if (plan.pacing() instanceof Pacing.Open open) {
            pacer = new RatePacer(open.perSecond(), System.nanoTime(), MAX_STARTS_PER_TICK);
          }
          timerScheduler.startTimerWithFixedDelay(new Tick(), TICK);
          return running();
        })
        .onMessage(Finish.class, m -> {
          m.replyTo().tell(new Finished(0));
          return Behaviors.stopped();
        })
        .onMessage(StopStarting.class, m -> Behaviors.same())
        .onMessage(FromTarget.class, m -> Behaviors.same())
        .build();
  }

  private Behavior<Command> running() {
    return Behaviors.receive(Command.class)
        .onMessage(Tick.class, m -> onTick())
        .onMessage(FromTarget.class, this::onFromTarget)
        .onMessage(StopStarting.class, m -> {
          starting = false;
          return Behaviors.same();
        })
        .onMessage(Finish.class, this::onFinish)
        .onMessage(TransportReady.class, m -> Behaviors.same())
        .build();
  }

  private Behavior<Command> onTick() {
    long nowMillis = System.currentTimeMillis();
    while (!timers.isEmpty() && timers.peek().atMillis() <= nowMillis) {
      Attempt a = attempts.get(timers.poll().spiI());
      if (a != null && a.session.nextTimerAt().orElse(Long.MAX_VALUE) <= nowMillis) {
        List<Datagram> out = a.session.tick(nowMillis);
        after(a, out, nowMillis);
      }
    }
    if (!starting) {
      return Behaviors.same();
    }
    int toStart;
    if (plan.pacing() instanceof Pacing.Closed closed) {
      toStart = Math.min(MAX_STARTS_PER_TICK, closed.concurrency() - attempts.size());
    } else {
      long skippedBefore = pacer.skipped();
      toStart = pacer.due(System.nanoTime());
      stats.skipped(pacer.skipped() - skippedBefore);
    }
    for (int i = 0; i < toStart; i++) {
      start();
    }
    return Behaviors.same();
  }

  private void start() {
    LoadTarget target = plan.targets().apply(attemptCounter.getAndIncrement());
    long nowMillis = System.currentTimeMillis();
    InitiatorSession.Started started = InitiatorSession.start(target.config(),
        target.responder(), target.expectedPeer(), nowMillis, random);
    Attempt a = new Attempt(started.session(), System.nanoTime());
    stats.started();
    a.spiI = spiI(started.toSend().get(0).message());
    attempts.put(a.spiI, a);
    after(a, started.toSend(), nowMillis);
  }

  private Behavior<Command> onFromTarget(FromTarget m) {
    int port = m.from().getPort() == NAT_T_PORT ? NAT_T_PORT : 500;
    Optional<Datagram> d = Datagram.fromUdp(new InetSocketAddress(plan.localAddress(), port),
        m.from(), m.udpPayload(), NAT_T_PORT);
    if (d.isEmpty()) {
      return Behaviors.same();
    }
    byte[] message = d.get().message();
    if (message.length < 28) {
      stats.stray();
      return Behaviors.same();
    }
    Attempt a = attempts.get(spiI(message));
    if (a == null) {
      stats.stray();
      return Behaviors.same();
    }
    if (IkeMessages.isCookieChallenge(message)) {
      stats.cookie();
    }
    long nowMillis = System.currentTimeMillis();
    after(a, a.session.receive(d.get(), nowMillis), nowMillis);
    return Behaviors.same();
  }

  /** Sends what the session produced, then moves the attempt along its phases. */
  private void after(Attempt a, List<Datagram> out, long nowMillis) {
    for (Datagram d : out) {
      long spi = spiI(d.message());
      if (spi != a.spiI && attempts.remove(a.spiI) == a) {
        a.spiI = spi; // a new IKE_SA_INIT after INVALID_KE_PAYLOAD may bring a new SPI
        attempts.put(spi, a);
      }
      transport.send(d);
    }
    InitiatorSession s = a.session;
    if (s.isClosed()) {
      IkeOutput.Closed closed = s.closed().orElseThrow();
      if (a.phase == Phase.DELETE && closed.reason() == IkeOutput.CloseReason.DELETED) {
        stats.deleted();
        end(a, a.failure);
      } else {
        // One failure an attempt: a refused CHILD_SA before the close is the first cause.
        end(a, a.failure != null ? a.failure
            : a.phase.name().toLowerCase() + ": " + closed.reason());
      }
      return;
    }
    if (a.phase == Phase.HANDSHAKE && s.isEstablished()) {
      long now = System.nanoTime();
      stats.established(now, (now - a.startNanos) / 1000);
      a.first = s.child().orElse(null);
      next(a, plan.childSa() ? Phase.CHILD : null, nowMillis);
      return;
    }
    if (a.phase == Phase.CHILD && s.childRefusals().size() > a.refusalsBefore) {
      a.failure = "child: CREATE_CHILD_SA refused " + s.childRefusals().get(a.refusalsBefore);
      next(a, null, nowMillis);
      return;
    }
    if (a.phase == Phase.CHILD && s.child().isPresent() && s.child().get() != a.first) {
      stats.childSa();
      next(a, null, nowMillis);
      return;
    }
    s.nextTimerAt().ifPresent(at -> timers.add(new Due(at, a.spiI)));
  }

  /** The next phase: the extra CHILD_SA if asked, then the Delete if asked, else done. */
  private void next(Attempt a, Phase wanted, long nowMillis) {
    if (wanted == Phase.CHILD) {
      a.phase = Phase.CHILD;
      a.refusalsBefore = a.session.childRefusals().size();
      after(a, a.session.queue(CreateChildSa.additional(), nowMillis), nowMillis);
    } else if (plan.delete()) {
      a.phase = Phase.DELETE;
      after(a, a.session.queue(new DeleteIkeSa(), nowMillis), nowMillis);
    } else {
      end(a, a.failure);
    }
  }

  /** The attempt is over: a failure if {@code failure} is not null. */
  private void end(Attempt a, String failure) {
    attempts.remove(a.spiI, a);
    stats.ended();
    stats.retransmissions(a.session.retransmissions());
    if (failure != null) {
      stats.failed(failure);
    }
    if (!a.session.isClosed()) {
      a.session.destroy();
    }
    if (starting && plan.pacing() instanceof Pacing.Closed) {
      start();
    }
  }

  private Behavior<Command> onFinish(Finish m) {
    starting = false;
    int left = attempts.size();
    for (Attempt a : List.copyOf(attempts.values())) {
      stats.retransmissions(a.session.retransmissions());
      a.session.destroy();
    }
    attempts.clear();
    stats.unfinished(left);
    m.replyTo().tell(new Finished(left));
    return Behaviors.stopped();
  }

  static long spiI(byte[] message) {
    return ByteBuffer.wrap(message, 0, 8).getLong();
  }
}

package net.iotgw.gateway.demo;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import net.iotgw.sim.ud.SimulatedUd;
import net.iotgw.sim.ud.UdProgress;
import net.iotgw.streams.ucn.InMemoryPort;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The lifecycle of one simulated UD in the demo: a thin shell around {@link SimulatedUd} that
 * feeds it the packets the gateway sent to its address and the time, injects what it answers into
 * the gateway's in-memory UCN port, and keeps one Pekko timer armed at its next deadline. A packet
 * the port refuses (its bounded queue full) is lost as on a real link: IKE and CoAP retransmit.
 *
 * <p>Spawn it with a bounded mailbox: packets beyond it are dropped, never queued without bound.
 * Every message re-arms the timer, so a tick lost that way is made up by the next packet.
 */
public final class UdActor {
  /** What a UD actor accepts. */
  public sealed interface Command {}

  /** Open the IKE SAs. */
  public record StartHandshakes() implements Command {}

  /** Send the GETs over the SAs that are up. */
  public record StartRequests() implements Command {}

  /** An IPv6 packet the gateway sent to this UD. */
  public record FromUcn(byte[] packet) implements Command {}

  /** Where the UD stands. */
  public record Report(ActorRef<UdProgress> replyTo) implements Command {}

  private record Tick() implements Command {}

  private static final Object TIMER = "next-deadline";

  private final SimulatedUd ud;
  private final InMemoryPort ucn;
  private final TimerScheduler<Command> timers;

  private UdActor(SimulatedUd ud, InMemoryPort ucn, TimerScheduler<Command> timers) {
    this.ud = ud;
    this.ucn = ucn;
    this.timers = timers;
  }

  public static Behavior<Command> create(SimulatedUd ud, InMemoryPort ucn) {
    return Behaviors.withTimers(timers -> new UdActor(ud, ucn, timers).running());
  }

  private Behavior<Command> running() {
    return Behaviors.receive(Command.class)
        .onMessage(StartHandshakes.class, m -> sent(ud.startHandshakes(System.nanoTime())))
        .onMessage(StartRequests.class, m -> sent(ud.startRequests(System.nanoTime())))
        .onMessage(FromUcn.class, m -> sent(ud.receive(m.packet(), System.nanoTime())))
        .onMessage(Tick.class, m -> sent(List.of()))
        .onMessage(Report.class, m -> {
          m.replyTo().tell(ud.progress());
          return Behaviors.same();
        })
        .onSignal(PostStop.class, s -> {
          ud.destroy();
          return Behaviors.same();
        })
        .build();
  }

  /** Injects {@code packets}, fires whatever is due, and re-arms the timer. */
  private Behavior<Command> sent(List<byte[]> packets) {
    packets.forEach(ucn::inject);
    long now = System.nanoTime();
    OptionalLong next = ud.nextTimerAtNanos();
    if (next.isPresent() && next.getAsLong() <= now) {
      ud.tick(now).forEach(ucn::inject);
      next = ud.nextTimerAtNanos();
    }
    if (next.isPresent()) {
      timers.startSingleTimer(TIMER, new Tick(),
          Duration.ofNanos(Math.max(1_000_000, next.getAsLong() - System.nanoTime())));
    } else {
      timers.cancel(TIMER);
    }
    return Behaviors.same();
  }
}

package net.iotgw.gateway.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.streams.ucn.InMemoryPort;
import org.apache.pekko.Done;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.stream.ActorAttributes;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The UCN side of the demo: a stream that takes the packets the gateway sends out of its
 * in-memory port and hands each to the UD actor owning its destination address. The port's only
 * way out is a blocking poll, so the stream runs on Pekko's blocking-I/O dispatcher, one packet at
 * a time; a packet for no UD is counted and dropped, as a router without a route would.
 *
 * <p>It stops on a flag checked before every poll, not with a kill switch: a stream stage runs
 * many elements before it looks at asynchronous signals, and with a blocking poll per element a
 * kill switch would take seconds to be seen.
 */
final class UcnTap implements AutoCloseable {
  /** How long one poll waits: the latency of stopping, not of packets. */
  private static final Duration POLL = Duration.ofMillis(20);

  private final AtomicBoolean stopping;
  private final CompletionStage<Done> done;
  private final AtomicLong unrouted;

  private UcnTap(AtomicBoolean stopping, CompletionStage<Done> done, AtomicLong unrouted) {
    this.stopping = stopping;
    this.done = done;
    this.unrouted = unrouted;
  }

  static UcnTap start(InMemoryPort ucn, Map<Ipv6Address, ActorRef<UdActor.Command>> uds,
      ClassicActorSystemProvider system) {
    Map<Ipv6Address, ActorRef<UdActor.Command>> routes = Map.copyOf(uds);
    AtomicLong unrouted = new AtomicLong();
    AtomicBoolean stopping = new AtomicBoolean();
    CompletionStage<Done> done = Source.repeat(POLL)
        .takeWhile(wait -> !stopping.get())
        .mapConcat(wait -> {
          byte[] packet = ucn.nextSent(wait);
          return packet == null ? List.<byte[]>of() : List.of(packet);
        })
        .withAttributes(ActorAttributes.dispatcher(ActorAttributes.IODispatcher().dispatcher()))
        .runWith(Sink.foreach(packet -> {
          ActorRef<UdActor.Command> ud = packet.length >= Ipv6Packet.HEADER_LENGTH
              ? routes.get(Ipv6Address.fromBytes(packet, 24)) : null;
          if (ud == null) {
            unrouted.incrementAndGet();
          } else {
            ud.tell(new UdActor.FromUcn(packet));
          }
        }), system);
    return new UcnTap(stopping, done, unrouted);
  }

  /** Packets the gateway sent to no UD. */
  long unrouted() {
    return unrouted.get();
  }

  @Override
  public void close() {
    stopping.set(true);
    try {
      done.toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // stopping anyway: the actor system's termination ends the stream
    }
  }
}

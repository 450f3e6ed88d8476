package net.iotgw.gateway.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.streams.ucn.InMemoryPort;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.stream.ActorAttributes;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The UCN side of the demo: a stream that takes the packets the gateway sends out of its
 * in-memory port and hands each to the UD actor owning its destination address. The port's only
 * way out is a blocking poll, so the stream runs on Pekko's blocking-I/O dispatcher, one packet at
 * a time; a packet for no UD is counted and dropped, as a router without a route would.
 */
final class UcnTap implements AutoCloseable {
  /** How long one poll waits: the latency of stopping, not of packets. */
  private static final Duration POLL = Duration.ofMillis(20);

  private final UniqueKillSwitch killSwitch;
  private final AtomicLong unrouted;

  private UcnTap(UniqueKillSwitch killSwitch, AtomicLong unrouted) {
    this.killSwitch = killSwitch;
    this.unrouted = unrouted;
  }

  static UcnTap start(InMemoryPort ucn, Map<Ipv6Address, ActorRef<UdActor.Command>> uds,
      ClassicActorSystemProvider system) {
    Map<Ipv6Address, ActorRef<UdActor.Command>> routes = Map.copyOf(uds);
    AtomicLong unrouted = new AtomicLong();
    UniqueKillSwitch kill = Source.repeat(POLL)
        .mapConcat(wait -> {
          byte[] packet = ucn.nextSent(wait);
          return packet == null ? List.<byte[]>of() : List.of(packet);
        })
        .withAttributes(ActorAttributes.dispatcher(ActorAttributes.IODispatcher().dispatcher()))
        .viaMat(KillSwitches.single(), Keep.right())
        .to(Sink.foreach(packet -> {
          ActorRef<UdActor.Command> ud = packet.length >= Ipv6Packet.HEADER_LENGTH
              ? routes.get(Ipv6Address.fromBytes(packet, 24)) : null;
          if (ud == null) {
            unrouted.incrementAndGet();
          } else {
            ud.tell(new UdActor.FromUcn(packet));
          }
        }))
        .run(system);
    return new UcnTap(kill, unrouted);
  }

  /** Packets the gateway sent to no UD. */
  long unrouted() {
    return unrouted.get();
  }

  @Override
  public void close() {
    killSwitch.shutdown();
  }
}

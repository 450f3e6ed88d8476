package net.iotgw.gateway.node;

import net.iotgw.gateway.control.ControlOutlet;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import net.iotgw.gateway.device.Devices;
import net.iotgw.protocols.ike.engine.Datagram;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.streams.esp.IkeDatagram;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The data plane's PANA port as the actors serve it: PANA packets from CDs are handed to {@link
 * Devices} by ask, a bounded number at a time (ARCHITECTURE: "ask, bounded parallelism"), so a
 * burst waits in the stream's buffers, which drop what does not fit, never in a mailbox; packets
 * the actors send go through a {@link ControlOutlet}'s bounded queue, attached afresh each time the
 * data plane starts.
 */
final class ControlPlanePort {
  /** PANA packets being routed at once; each ask completes in microseconds. */
  static final int PARALLELISM = 16;

  /** Control packets waiting for the radio. PANA retransmits what a full queue drops. */
  static final int OUTLET_CAPACITY = 256;

  /**
   * IKE datagrams waiting for the UCN, as many as the IKE port takes in ({@link #IKE_QUEUE}): each
   * is work done (a Diffie-Hellman, a COOKIE, an AUTH) that a drop would throw away, and a burst
   * of answers (a retransmission wave's COOKIE challenges come out at once) must not overflow a
   * queue sized for the radio's PANA. Dropped answers to a Delete are lost for good (the SA is
   * gone when the retransmission arrives): benchmark 3 lost 43 that way with 256 here. A few MiB
   * at most.
   */
  static final int IKE_OUTLET_CAPACITY = 4096;

  static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

  /**
   * IKE datagrams waiting for Devices before the random shedding ({@link FairShed}). Initiators
   * that start together retransmit in waves (4 s, 7.2 s, 13 s... after their first send, with
   * strongSwan's and our schedule), thousands within milliseconds; Devices takes them in
   * microseconds each, but not as fast as they arrive. A queue of 64 shed most of every wave and
   * left the gateway idle until the next one (issue 6: 1 % CPU for tens of seconds while
   * hundreds of initiators retransmitted in vain). This holds a wave of the size the gateway turns
   * around within one retransmission interval (about 500 handshakes/s x 4 s, two datagrams
   * each), a few hundred KiB of datagrams at most; the per-CD bound on IKE SAs
   * (iotgw.ike.max-sas-per-cd) bounds the handshakes it can start.
   */
  static final int IKE_QUEUE = 4096;

  /**
   * Where an ask's recovery runs: on the thread that completes the ask (Devices' when it acks). An
   * ask's CompletionStage is Scala's FutureConverters CF, which turns every non-async stage method
   * (exceptionally, handle, thenApply...) into its async twin on ForkJoinPool.commonPool(); with 2
   * CPUs the common pool has parallelism 1 and CompletableFuture then starts a new Thread per task:
   * one thread per IKE datagram (issue 6: 22,103 threads in a 49 s load run, over 1 ms of CPU per
   * handshake). The recovery is a counter and a constant: no executor is needed.
   */
  private static final java.util.concurrent.Executor ON_COMPLETION = Runnable::run;

  private ControlPlanePort() {}

  /**
   * {@code ask}, with a failure (its timeout) turned into Done after {@code onFailure}, both on
   * the thread that completes the ask ({@link #ON_COMPLETION}).
   */
  static CompletionStage<Done> settled(CompletionStage<Done> ask, Runnable onFailure) {
    return ask.exceptionallyAsync(e -> {
      onFailure.run();
      return Done.getInstance();
    }, ON_COMPLETION);
  }

  static Flow<byte[], byte[], NotUsed> create(
      ActorRef<Devices.Command> devices, ControlOutlet<byte[]> outlet, ActorSystem<?> system) {
    Pair<BoundedSourceQueue<byte[]>, Source<byte[], NotUsed>> queue =
        Source.<byte[]>queue(OUTLET_CAPACITY).preMaterialize(system);
    outlet.attach(queue.first());
    Sink<byte[], NotUsed> toDevices =
        Flow.<byte[]>create()
            .mapAsyncUnordered(
                PARALLELISM,
                packet ->
                    // A lost answer loses one PANA packet, which the CD retransmits; it must not
                    // stop the data plane.
                    settled(
                        AskPattern.<Devices.Command, Done>ask(
                            devices,
                            ack -> new Devices.FromRadio(packet, ack),
                            ASK_TIMEOUT,
                            system.scheduler()),
                        () -> {}))
            .to(Sink.ignore());
    return Flow.fromSinkAndSource(toDevices, queue.second());
  }

  /**
   * The data plane's IKE port as the actors serve it, the same way: IKE datagrams to CDs' addresses
   * asked into {@link Devices}, the IKE SA actors' datagrams out through a {@link ControlOutlet}.
   */
  static Flow<IkeDatagram, IkeDatagram, NotUsed> ike(
      ActorRef<Devices.Command> devices, ControlOutlet<Datagram> outlet,
      net.iotgw.gateway.ike.IkeDrops drops, ActorSystem<?> system) {
    Pair<BoundedSourceQueue<Datagram>, Source<Datagram, NotUsed>> queue =
        Source.<Datagram>queue(IKE_OUTLET_CAPACITY).preMaterialize(system);
    outlet.attach(queue.first());
    Sink<IkeDatagram, NotUsed> toDevices =
        Flow.<IkeDatagram>create()
            // Takes whatever the junction's drop-newest queue offers, and sheds at random.
            .via(FairShed.<IkeDatagram>beyond(IKE_QUEUE, ControlPlanePort::startsAnSa,
                new java.util.SplittableRandom(), n -> drops.shed()))
            .mapAsyncUnordered(
                PARALLELISM,
                d ->
                    // Not lost: Devices still routes it; it waited in its mailbox that long.
                    settled(
                        AskPattern.<Devices.Command, Done>ask(
                            devices,
                            ack -> new Devices.IkeFromUcn(toEngine(d), ack),
                            ASK_TIMEOUT,
                            system.scheduler()),
                        drops::askTimeout))
            .to(Sink.ignore());
    return Flow.fromSinkAndSource(toDevices, queue.second().map(ControlPlanePort::toStream));
  }

  /**
   * A new IKE_SA_INIT request, without a COOKIE ({@link IkeBacklog#isNewWork}): shed before the
   * requests of handshakes under way, among them those that come back with the COOKIE the
   * gateway asked for.
   */
  static boolean startsAnSa(IkeDatagram d) {
    return net.iotgw.gateway.ike.IkeBacklog.isNewWork(d.message());
  }

  static Datagram toEngine(IkeDatagram d) {
    return new Datagram(
        new InetSocketAddress(inet(d.local()), d.localPort()),
        new InetSocketAddress(inet(d.remote()), d.remotePort()),
        d.message());
  }

  static IkeDatagram toStream(Datagram d) {
    return new IkeDatagram(
        Ipv6Address.fromBytes(d.remote().getAddress().getAddress()), d.remote().getPort(),
        Ipv6Address.fromBytes(d.local().getAddress().getAddress()), d.local().getPort(),
        d.message());
  }

  private static InetAddress inet(Ipv6Address a) {
    try {
      return InetAddress.getByAddress(a.bytes());
    } catch (UnknownHostException e) {
      throw new IllegalStateException("16 octets are an IPv6 address", e);
    }
  }
}

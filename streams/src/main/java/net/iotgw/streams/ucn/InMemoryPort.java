package net.iotgw.streams.ucn;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.ActorAttributes;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.javadsl.AsPublisher;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.StreamSubscriptionTimeoutTerminationMode;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.reactivestreams.Publisher;

/**
 * A UCN port without a kernel, for tests and the demo: the "host" (a test, a simulated UD)
 * {@linkplain #inject injects} packets the gateway receives and {@linkplain #nextSent takes} the
 * packets the gateway sent.
 *
 * <p>It behaves like a {@link TunPort} where it matters: two bounded queues of {@code capacity}
 * packets stand for the kernel's queues. A packet injected while the gateway does not keep up
 * finds its queue full and is dropped and counted, as the kernel's TUN queue drops; a packet the
 * gateway sends while nobody takes them is dropped and counted too, so the gateway never waits
 * on the host. The link rule (IPv6, at most the MTU) applies both ways.
 */
public final class InMemoryPort implements UcnPort {
  /** How long a closed port's queue lingers if its flow was never materialized. */
  private static final Duration UNSUBSCRIBED_CLEANUP = Duration.ofSeconds(5);

  private final String name;
  private final LinkRules rules;
  private final BoundedSourceQueue<byte[]> fromHost;
  private final Source<byte[], NotUsed> fromHostSource;
  private final ArrayBlockingQueue<byte[]> toHost;
  private final CompletableFuture<Done> released = new CompletableFuture<>();
  private final AtomicBoolean materialized = new AtomicBoolean();

  private InMemoryPort(
      String name,
      LinkRules rules,
      BoundedSourceQueue<byte[]> fromHost,
      Source<byte[], NotUsed> fromHostSource,
      int capacity) {
    this.name = name;
    this.rules = rules;
    this.fromHost = fromHost;
    this.fromHostSource = fromHostSource;
    this.toHost = new ArrayBlockingQueue<>(capacity);
  }

  /**
   * @param system runs the inbound queue, so that {@link #inject} works before the port's flow is
   *     materialized
   * @param capacity packets each direction holds before it drops
   */
  public static InMemoryPort create(
      ClassicActorSystemProvider system, String name, int mtu, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity " + capacity);
    }
    LinkRules rules = new LinkRules(mtu);
    // Not Source.preMaterialize: its fan-out publisher pulls ahead of any subscriber, which would
    // let more than capacity packets in. This publisher pulls only for its one subscriber, and
    // waits for it however late the port's flow is materialized (the default would cancel the
    // queue after pekko.stream.materializer.subscription-timeout); close() ends it.
    Pair<BoundedSourceQueue<byte[]>, Publisher<byte[]>> queue =
        Source.<byte[]>queue(capacity)
            .toMat(Sink.asPublisher(AsPublisher.WITHOUT_FANOUT), Keep.both())
            .withAttributes(
                ActorAttributes.streamSubscriptionTimeout(
                    UNSUBSCRIBED_CLEANUP, StreamSubscriptionTimeoutTerminationMode.noop()))
            .run(system);
    return new InMemoryPort(name, rules, queue.first(), Source.fromPublisher(queue.second()), capacity);
  }

  /**
   * Delivers a packet from the UCN to the gateway without waiting.
   *
   * @return false if it was dropped: not carried by the link, queue full, or port stopped
   */
  public boolean inject(byte[] packet) {
    boolean kept = rules.carries(packet) && QueueOfferResult.enqueued().equals(fromHost.offer(packet));
    rules.countReceived(kept);
    return kept;
  }

  /** The oldest packet the gateway sent that nobody has taken yet, waiting up to {@code timeout}; null if none came. */
  public byte[] nextSent(Duration timeout) throws InterruptedException {
    return toHost.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int mtu() {
    return rules.mtu();
  }

  @Override
  public Flow<byte[], byte[], CompletionStage<Done>> flow() {
    return PortFlows.once(name, materialized, this::session);
  }

  private Flow<byte[], byte[], CompletionStage<Done>> session() {
    Sink<byte[], CompletionStage<Done>> toUcn =
        Sink.foreach(packet -> rules.countSent(rules.carries(packet) && toHost.offer(packet)));
    Source<byte[], CompletionStage<Done>> fromUcn = fromHostSource.watchTermination(Keep.right());
    return PortFlows.coupled(toUcn, fromUcn, this::close, released);
  }

  @Override
  public UcnCounters counters() {
    return rules.snapshot();
  }

  /** Ends the packets from the host (those already queued are still delivered). */
  @Override
  public void close() {
    try {
      if (!fromHost.isCompleted()) {
        fromHost.complete();
      }
    } catch (IllegalStateException alreadyCompleted) {
      // another thread completed it between the check and the call
    }
    released.complete(Done.getInstance());
  }

  @Override
  public String toString() {
    return "InMemoryPort[" + name + ", MTU " + mtu() + "]";
  }
}

package net.iotgw.streams.lowpan;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.iotgw.protocols.ieee802154.MacFrame;
import net.iotgw.protocols.ieee802154.MacFrameCodec;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The gateway's adaptation as the enforcement point ({@link EnforcementMode#ENFORCE}), with its
 * top and bottom in the test's hands: IPv6 packets in and out on top, PSDUs in and out below.
 */
final class EnforcingGateway implements AutoCloseable {
  final LinkKeyTable keys = new LinkKeyTable();
  final LowpanCounters counters = new LowpanCounters();
  /** IPv6 packets the adaptation handed up. */
  final BlockingQueue<byte[]> up = new LinkedBlockingQueue<>();
  /** PSDUs the adaptation put on the air. */
  final BlockingQueue<byte[]> onAir = new LinkedBlockingQueue<>();

  private final BoundedSourceQueue<byte[]> down;
  private final BoundedSourceQueue<byte[]> fromRadio;

  EnforcingGateway(ClassicActorSystemProvider system) {
    this(system, Nodes.GATEWAY);
  }

  EnforcingGateway(ClassicActorSystemProvider system, LowpanConfig config) {
    Pair<BoundedSourceQueue<byte[]>, Source<byte[], NotUsed>> top =
        Source.<byte[]>queue(256).preMaterialize(system);
    Pair<BoundedSourceQueue<byte[]>, Source<byte[], NotUsed>> bottom =
        Source.<byte[]>queue(256).preMaterialize(system);
    down = top.first();
    fromRadio = bottom.first();
    Flow<byte[], byte[], NotUsed> radio =
        Flow.fromSinkAndSource(Sink.foreach(onAir::add), bottom.second());
    top.second()
        .via(
            LowpanAdaptation.create(
                    config, keys, Nodes.GATEWAY_RESOLVER, LowpanAdaptation.MONOTONIC_MILLIS,
                    counters)
                .join(radio))
        .runWith(Sink.foreach(up::add), system);
  }

  /** An IPv6 packet to send towards the CDs. */
  void send(byte[] packet) {
    down.offer(packet);
  }

  /** PSDUs as if received by the radio. */
  void receive(List<byte[]> psdus) {
    psdus.forEach(fromRadio::offer);
  }

  /** The next packet handed up, within 5 s. */
  byte[] nextUp() throws InterruptedException {
    byte[] p = up.poll(5, TimeUnit.SECONDS);
    assertNotNull(p, "nothing handed up within 5 s");
    return p;
  }

  /** Feeds the gateway's frames to {@code cd} until one completes a packet; the frames used. */
  SecuringCd.Received deliverTo(SecuringCd cd, List<byte[]> framesSeen)
      throws InterruptedException {
    while (true) {
      byte[] psdu = onAir.poll(5, TimeUnit.SECONDS);
      assertNotNull(psdu, "nothing on the air within 5 s");
      framesSeen.add(psdu);
      Optional<SecuringCd.Received> r = cd.receive(psdu);
      if (r.isPresent()) {
        return r.get();
      }
    }
  }

  SecuringCd.Received deliverTo(SecuringCd cd) throws InterruptedException {
    return deliverTo(cd, new ArrayList<>());
  }

  static MacFrame decoded(byte[] psdu) {
    return MacFrameCodec.decode(psdu, true).orThrow();
  }

  LowpanMetrics metrics() {
    return counters.snapshot();
  }

  @Override
  public void close() {
    down.complete();
    fromRadio.complete();
  }
}

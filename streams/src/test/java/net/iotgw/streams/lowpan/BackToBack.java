package net.iotgw.streams.lowpan;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A gateway adaptation and a CD adaptation joined through a direct frame pipe, the way the data
 * plane joins the gateway's to the radio and the CD simulator joins a CD's to the medium:
 *
 * <pre>
 *   gwSend ──► gateway ──► air (+ injectToCd) ──► cd (reversed) ──► cdReceived
 *   gwReceived ◄── gateway ◄── air (+ injectToGw) ◄── cd (reversed) ◄── cdSend
 * </pre>
 *
 * Every PSDU the two adaptations put on the air is recorded in {@link #air}. Both ends run with
 * link security off ({@link Nodes#GATEWAY_OPEN}): these are the tests of 6LoWPAN.
 */
final class BackToBack implements AutoCloseable {
  /** A PSDU on the air and who sent it. */
  record Transmission(boolean fromGateway, byte[] psdu) {}

  final AtomicLong clock = new AtomicLong(5_000);
  final LowpanCounters gateway = new LowpanCounters();
  final LowpanCounters cd = new LowpanCounters();
  final List<Transmission> air = new CopyOnWriteArrayList<>();
  final BlockingQueue<byte[]> gwReceived = new LinkedBlockingQueue<>();
  final BlockingQueue<byte[]> cdReceived = new LinkedBlockingQueue<>();
  final BoundedSourceQueue<byte[]> gwSend;
  final BoundedSourceQueue<byte[]> cdSend;
  final BoundedSourceQueue<byte[]> injectToGw;
  final BoundedSourceQueue<byte[]> injectToCd;

  BackToBack(ClassicActorSystemProvider system) {
    Pair<BoundedSourceQueue<byte[]>, Source<byte[], NotUsed>> gwIn = queue(system);
    Pair<BoundedSourceQueue<byte[]>, Source<byte[], NotUsed>> cdIn = queue(system);
    Pair<BoundedSourceQueue<byte[]>, Source<byte[], NotUsed>> toGw = queue(system);
    Pair<BoundedSourceQueue<byte[]>, Source<byte[], NotUsed>> toCd = queue(system);
    gwSend = gwIn.first();
    cdSend = cdIn.first();
    injectToGw = toGw.first();
    injectToCd = toCd.first();

    BidiFlow<byte[], byte[], byte[], byte[], NotUsed> gw =
        LowpanAdaptation.create(
            Nodes.GATEWAY_OPEN, new LinkKeyTable(), Nodes.GATEWAY_RESOLVER, clock::get, gateway);
    BidiFlow<byte[], byte[], byte[], byte[], NotUsed> node =
        LowpanAdaptation.create(
            Nodes.CD_OPEN, new LinkKeyTable(), Nodes.CD_RESOLVER, clock::get, cd);
    BidiFlow<byte[], byte[], byte[], byte[], NotUsed> air =
        BidiFlow.fromFlows(airFrom(true, toCd.second()), airFrom(false, toGw.second()));
    Flow<byte[], byte[], NotUsed> cdApplication =
        Flow.fromSinkAndSource(Sink.foreach(cdReceived::add), cdIn.second());

    gwIn.second()
        .via(gw.atop(air).atop(node.reversed()).join(cdApplication))
        .runWith(Sink.foreach(gwReceived::add), system);
  }

  private static Pair<BoundedSourceQueue<byte[]>, Source<byte[], NotUsed>> queue(
      ClassicActorSystemProvider system) {
    return Source.<byte[]>queue(64).preMaterialize(system);
  }

  /** One direction of the air: records each PSDU and merges in the injected ones. */
  private Flow<byte[], byte[], NotUsed> airFrom(boolean gateway, Source<byte[], NotUsed> injected) {
    return Flow.of(byte[].class)
        .map(
            psdu -> {
              air.add(new Transmission(gateway, psdu));
              return psdu;
            })
        .merge(injected);
  }

  List<byte[]> sentBy(boolean gatewaySide) {
    return air.stream()
        .filter(t -> t.fromGateway() == gatewaySide)
        .map(Transmission::psdu)
        .toList();
  }

  @Override
  public void close() {
    gwSend.complete();
    cdSend.complete();
    injectToGw.complete();
    injectToCd.complete();
  }
}

package net.iotgw.streams.dataplane;

import java.util.Objects;
import java.util.function.LongConsumer;
import net.iotgw.streams.dataplane.PacketClassifier.Route;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.BidiShape;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.UniformFanOutShape;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.GraphDSL;
import org.apache.pekko.stream.javadsl.MergePreferred;
import org.apache.pekko.stream.javadsl.Partition;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.scaladsl.MergePreferred.MergePreferredShape;

/**
 * The data plane's junction with the control plane, between the UCN port above and the 6LoWPAN
 * adaptation below:
 *
 * <pre>
 *   UCN ──► drop PANA (counted) ──────────────► MergePreferred ──► adaptation (to the radio)
 *                                 control plane ──► (preferred) ┘
 *   UCN ◄── other ◄── classify ◄── adaptation (from the radio)
 *                       └─ PANA ──► queue, newest dropped beyond {@value #QUEUE} ──► control plane
 * </pre>
 *
 * <p>The control plane's packets go before the UCN's: a PANA answer is small and a CD waits for it.
 * Nothing here buffers without bound: packets for the control plane wait in a queue of {@value
 * #QUEUE} and the newest are dropped (and counted) beyond it, so a slow or flooded control plane
 * never holds up the radio's data traffic, and PANA retransmits what is lost (RFC 5191 §9).
 *
 * <p>Lifecycle: the control port lives with the data plane. If its inbound side cancels or either
 * side fails, the data plane stops with it (its supervisor starts both afresh); its outbound side
 * completing only means the control plane sends nothing more.
 */
public final class ControlPort {
  /** PANA packets from the radio waiting for the control plane. */
  public static final int QUEUE = 64;

  private ControlPort() {}

  /**
   * @param panaPort in: PANA packets from CDs; out: IPv6 packets to send to CDs
   * @return {@code BidiFlow<from UCN, to adaptation, from adaptation, to UCN>}
   */
  public static BidiFlow<byte[], byte[], byte[], byte[], NotUsed> junction(
      Flow<byte[], byte[], NotUsed> panaPort, ControlPortCounters counters) {
    Objects.requireNonNull(panaPort, "panaPort");
    Objects.requireNonNull(counters, "counters");
    Flow<byte[], byte[], NotUsed> control =
        Flow.of(byte[].class)
            .via(DropNewest.<byte[]>beyond(QUEUE, counters::droppedControlPlaneBusy))
            .map(p -> count(p, counters::toControlPlane))
            .via(panaPort)
            .map(p -> count(p, counters::fromControlPlane))
            .concat(Source.<byte[]>never());
    Flow<byte[], byte[], NotUsed> fromUcn =
        Flow.of(byte[].class)
            .filter(
                p -> {
                  if (PacketClassifier.fromUcn(p) == Route.RADIO) {
                    return true;
                  }
                  counters.droppedPanaFromUcn(1);
                  return false;
                });
    return BidiFlow.fromGraph(
        GraphDSL.create(
            b -> {
              FlowShape<byte[], byte[]> ucnSide = b.add(fromUcn);
              FlowShape<byte[], byte[]> controlPlane = b.add(control);
              UniformFanOutShape<byte[], byte[]> classify =
                  b.add(
                      Partition.create(
                          byte[].class,
                          2,
                          p -> PacketClassifier.fromRadio(p) == Route.CONTROL_PLANE ? 0 : 1,
                          true));
              MergePreferredShape<byte[]> toRadio =
                  b.add(MergePreferred.create(byte[].class, 1, true));
              b.from(classify.out(0)).via(controlPlane).toInlet(toRadio.preferred());
              b.from(ucnSide.out()).toInlet(toRadio.in(0));
              return new BidiShape<>(ucnSide.in(), toRadio.out(), classify.in(), classify.out(1));
            }));
  }

  private static byte[] count(byte[] p, LongConsumer counter) {
    counter.accept(1);
    return p;
  }
}

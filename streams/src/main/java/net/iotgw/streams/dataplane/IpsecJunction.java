package net.iotgw.streams.dataplane;

import java.util.Objects;
import net.iotgw.streams.esp.EspForwarder;
import net.iotgw.streams.esp.EspForwarder.Downlink;
import net.iotgw.streams.esp.EspForwarder.Dropped;
import net.iotgw.streams.esp.EspForwarder.ToCd;
import net.iotgw.streams.esp.EspForwarder.ToIke;
import net.iotgw.streams.esp.EspForwarder.ToUcn;
import net.iotgw.streams.esp.IkeDatagram;
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
 * The data plane's junction for IPsec, between the UCN port above and the {@link ControlPort}
 * below: the ESP forwarder and the IKE port, which share UDP port 4500 (RFC 3948).
 *
 * <pre>
 *   UCN ──► EspForwarder.fromUcn ─┬─ ESP (rewrapped or as is), other ─────────────► control port
 *                                 ├─ IKE ──► queue, newest dropped beyond 64 ──► IKE port ──┐
 *                                 └─ dropped (counted)                                      │
 *   UCN ◄── MergePreferred ◄── EspForwarder.fromRadio ◄── control port                      │
 *                 ▲ (preferred) └─ dropped (counted)                                        │
 *                 └── encoded as IPv6/UDP from the CD's address ◄───────────────────────────┘
 * </pre>
 *
 * <p>The ESP path has no queue of its own: it is backpressured by the radio like all data
 * traffic. The IKE port's path never backpressures it: messages for the
 * control plane wait in a queue of {@value #QUEUE} and the newest are dropped (and counted) beyond
 * it, so a slow or stuck control plane costs IKE messages, which the UD retransmits (RFC 7296
 * §2.1), never ESP. The control plane's answers go to the UCN before the CDs' ESP: they are few
 * and a UD waits for them.
 *
 * <p>Lifecycle, as for the {@link ControlPort}: the IKE port lives with the data plane. If its
 * inbound side cancels or either side fails, the data plane stops with it; its outbound side
 * completing only means the control plane sends nothing more.
 */
public final class IpsecJunction {
  /** IKE messages from UDs waiting for the control plane. */
  public static final int QUEUE = 64;

  private IpsecJunction() {}

  /**
   * @param ikePort in: IKE messages from UDs to CD addresses; out: IKE messages to send to UDs
   * @param forwarder the ESP forwarder, with the routes the actors keep current
   * @return {@code BidiFlow<from UCN, to control port, from control port, to UCN>}
   */
  public static BidiFlow<byte[], byte[], byte[], byte[], NotUsed> junction(
      Flow<IkeDatagram, IkeDatagram, NotUsed> ikePort,
      EspForwarder forwarder,
      IkePortCounters counters) {
    Objects.requireNonNull(ikePort, "ikePort");
    Objects.requireNonNull(forwarder, "forwarder");
    Objects.requireNonNull(counters, "counters");
    Flow<Downlink, byte[], NotUsed> control =
        Flow.of(Downlink.class)
            .collectType(ToIke.class)
            .map(ToIke::datagram)
            .via(DropNewest.<IkeDatagram>beyond(QUEUE, counters::droppedControlPlaneBusy))
            .map(
                d -> {
                  counters.toControlPlane(1);
                  return d;
                })
            .via(ikePort)
            .map(
                d -> {
                  counters.fromControlPlane(1);
                  return d.toPacket();
                })
            .concat(Source.<byte[]>never());
    Flow<byte[], Downlink, NotUsed> fromUcn =
        Flow.of(byte[].class).map(forwarder::fromUcn).filter(d -> !(d instanceof Dropped));
    Flow<Downlink, byte[], NotUsed> toCds =
        Flow.of(Downlink.class).collectType(ToCd.class).map(ToCd::packet);
    Flow<byte[], byte[], NotUsed> fromRadio =
        Flow.of(byte[].class)
            .map(forwarder::fromRadio)
            .collectType(ToUcn.class)
            .map(ToUcn::packet);
    return BidiFlow.fromGraph(
        GraphDSL.create(
            b -> {
              FlowShape<byte[], Downlink> classify = b.add(fromUcn);
              UniformFanOutShape<Downlink, Downlink> split =
                  b.add(
                      Partition.create(
                          Downlink.class, 2, d -> d instanceof ToIke ? 0 : 1, true));
              FlowShape<Downlink, byte[]> controlPlane = b.add(control);
              FlowShape<Downlink, byte[]> radioSide = b.add(toCds);
              FlowShape<byte[], byte[]> ucnSide = b.add(fromRadio);
              MergePreferredShape<byte[]> toUcn =
                  b.add(MergePreferred.create(byte[].class, 1, true));
              b.from(classify.out()).toInlet(split.in());
              b.from(split.out(0)).via(controlPlane).toInlet(toUcn.preferred());
              b.from(split.out(1)).toInlet(radioSide.in());
              b.from(ucnSide.out()).toInlet(toUcn.in(0));
              return new BidiShape<>(classify.in(), radioSide.out(), ucnSide.in(), toUcn.out());
            }));
  }
}

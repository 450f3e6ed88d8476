package net.iotgw.streams.lowpan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;
import net.iotgw.protocols.sixlowpan.Fragmenter;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;

/**
 * The middle layer: 6LoWPAN datagrams to and from frame payloads (RFC 4944 §5.3). Outbound a
 * datagram that does not fit one frame is cut into FRAG1 and FRAGNs under a datagram_tag from this
 * stage's own counter; inbound fragments go through a {@link ReassemblyStage} and unfragmented
 * payloads pass straight up.
 *
 * <pre>
 *   LowpanDatagram ──► fragment ──► FramePayload...
 *   LowpanDatagram ◄── reassemble ◄── FramePayload...
 * </pre>
 *
 * <p>How much a frame carries is the MAC layer's knowledge (its header, and the security overhead
 * when the datagram is to be secured), so it comes in as {@code frameRoom}. Every fragment keeps
 * its datagram's {@code secured} flag. Outbound datagrams are those {@link IphcLayer}
 * made, at most {@link IphcLayer#LINK_MTU} bytes of IPv6, which {@link Fragmenter} always accepts
 * for frames of 802.15.4's size; anything else is a programming error and fails the stream.
 */
public final class FragmentationLayer {
  private final LowpanConfig config;
  private final ToIntFunction<LowpanDatagram> frameRoom;
  private final LongSupplier monotonicMillis;
  private final LowpanCounters counters;

  /**
   * @param frameRoom bytes of 6LoWPAN that one frame carrying the given datagram holds
   * @param monotonicMillis the reassembly clock, in milliseconds that never go back
   */
  public FragmentationLayer(
      LowpanConfig config,
      ToIntFunction<LowpanDatagram> frameRoom,
      LongSupplier monotonicMillis,
      LowpanCounters counters) {
    this.config = Objects.requireNonNull(config, "config");
    this.frameRoom = Objects.requireNonNull(frameRoom, "frameRoom");
    this.monotonicMillis = Objects.requireNonNull(monotonicMillis, "monotonicMillis");
    this.counters = Objects.requireNonNull(counters, "counters");
  }

  public BidiFlow<LowpanDatagram, FramePayload, FramePayload, LowpanDatagram, NotUsed> bidi() {
    return BidiFlow.fromFlows(
        Flow.of(LowpanDatagram.class).statefulMapConcat(this::newFragmenter).named("fragment"),
        Flow.of(FramePayload.class)
            .via(new ReassemblyStage(config, monotonicMillis, counters))
            .named("reassemble"));
  }

  /**
   * One materialization's fragmenter. Tags count up from 0 and are spent only on datagrams that are
   * fragmented; 65,536 datagrams per reassembly timeout would be needed to repeat one in use.
   */
  private Function<LowpanDatagram, Iterable<FramePayload>> newFragmenter() {
    int[] nextTag = {0};
    return d -> {
      int room = frameRoom.applyAsInt(d);
      if (d.datagram().length <= room) {
        return List.of(new FramePayload(d.source(), d.destination(), d.datagram(), d.secured()));
      }
      int tag = nextTag[0];
      nextTag[0] = (tag + 1) & 0xffff;
      List<byte[]> parts = Fragmenter.fragment(d.datagram(), tag, room);
      List<FramePayload> out = new ArrayList<>(parts.size());
      for (byte[] p : parts) {
        out.add(new FramePayload(d.source(), d.destination(), p, d.secured()));
      }
      return out;
    };
  }
}

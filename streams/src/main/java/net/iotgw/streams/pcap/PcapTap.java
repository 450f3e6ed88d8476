package net.iotgw.streams.pcap;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.Done;
import org.apache.pekko.stream.ActorAttributes;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.BidiShape;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.UniformFanInShape;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.GraphDSL;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Merge;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * Stream stages that record the packets passing through them into a pcap file, as a wire tap:
 * elements pass on unchanged and at the data path's pace. Each is stamped by the writer's clock
 * when it passes, copied into a bounded queue, and written on the blocking I/O dispatcher; when
 * the disk falls behind, the queue fills and further records are dropped and counted rather than
 * stalling the data plane. If the file cannot be written at all, capturing stops and the data
 * path carries on.
 *
 * <p>A tap owns its writer: it flushes after each batch of records and closes the file when the
 * tapped stream ends (completed, failed or cancelled), after writing what was still queued.
 * Materialize a tap once: it writes one file. At most about three times {@code capacity} records
 * are held in memory (the queue, the batch waiting at the writer, the batch being written).
 */
public final class PcapTap {
  /** Records a tap holds while the disk is busy; about 1.3 MB of full-size IPv6 packets. */
  public static final int DEFAULT_CAPACITY = 1024;

  private static final Attributes WRITER =
      Attributes.apply(ActorAttributes.IODispatcher()).and(Attributes.inputBuffer(1, 1));

  private PcapTap() {}

  /**
   * What a tap recorded, available once its file is closed.
   *
   * @param written records in the file
   * @param dropped packets that passed while the queue was full (or the file had failed)
   */
  public record Summary(long written, long dropped) {}

  /** One direction into one file: {@code flow(writer, DEFAULT_CAPACITY)}. */
  public static Flow<byte[], byte[], CompletionStage<Summary>> flow(PcapWriter writer) {
    return flow(writer, DEFAULT_CAPACITY);
  }

  /**
   * A tap on one direction. The materialized value completes when the file is closed, or
   * exceptionally with the I/O error that stopped the capture.
   */
  public static Flow<byte[], byte[], CompletionStage<Summary>> flow(
      PcapWriter writer, int capacity) {
    return Flow.fromGraph(
        GraphDSL.create(
            new TapStage(writer.clock(), capacity),
            fileSink(writer),
            (dropped, closed) -> summary(writer, closed, dropped),
            (b, tap, file) -> {
              b.from(tap.out1()).to(file);
              return FlowShape.of(tap.in(), tap.out0());
            }));
  }

  /** Both directions into one file: {@code bidi(writer, DEFAULT_CAPACITY)}. */
  public static BidiFlow<byte[], byte[], byte[], byte[], CompletionStage<Summary>> bidi(
      PcapWriter writer) {
    return bidi(writer, DEFAULT_CAPACITY);
  }

  /**
   * A tap on both directions of a link into one file, as a capture on an interface shows them:
   * {@code in1 -> out1} and {@code in2 -> out2} pass unchanged. Each direction has its own queue
   * of {@code capacity}; under load the two directions' batches interleave, so records may be a
   * few milliseconds out of time order. The file closes when both directions have ended.
   */
  public static BidiFlow<byte[], byte[], byte[], byte[], CompletionStage<Summary>> bidi(
      PcapWriter writer, int capacity) {
    return BidiFlow.fromGraph(
        GraphDSL.create3(
            new TapStage(writer.clock(), capacity),
            new TapStage(writer.clock(), capacity),
            fileSink(writer),
            (dropped1, dropped2, closed) -> summary(writer, closed, dropped1, dropped2),
            (b, tap1, tap2, file) -> {
              UniformFanInShape<List<Capture>, List<Capture>> merge =
                  b.add(Merge.<List<Capture>>create(2));
              b.from(tap1.out1()).toInlet(merge.in(0));
              b.from(tap2.out1()).toInlet(merge.in(1));
              b.from(merge.out()).to(file);
              return BidiShape.of(tap1.in(), tap1.out0(), tap2.in(), tap2.out0());
            }));
  }

  /** Writes batches on the blocking I/O dispatcher; closes the file however the stream ends. */
  private static Sink<List<Capture>, CompletionStage<Done>> fileSink(PcapWriter writer) {
    return Flow.<List<Capture>>create()
        .mapWithResource(
            () -> writer,
            (w, batch) -> {
              for (Capture c : batch) {
                w.write(c.at(), c.packet());
              }
              w.flush();
              return Done.getInstance();
            })
        .toMat(Sink.ignore(), Keep.right())
        .withAttributes(WRITER);
  }

  private static CompletionStage<Summary> summary(
      PcapWriter writer, CompletionStage<Done> closed, LongAdder... dropped) {
    return closed.thenApply(
        done -> new Summary(writer.records(), Arrays.stream(dropped).mapToLong(LongAdder::sum).sum()));
  }
}

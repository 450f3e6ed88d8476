package net.iotgw.streams.lowpan;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/** Runs one direction of a layer to completion and collects what comes out. */
final class Harness {
  private Harness() {}

  /** What the top-to-bottom side of {@code bidi} makes of {@code inputs}. */
  static <I1, O1, I2, O2> List<O1> down(
      ClassicActorSystemProvider system, BidiFlow<I1, O1, I2, O2, ?> bidi, List<I1> inputs)
      throws Exception {
    Flow<O1, I2, java.util.concurrent.CompletionStage<List<O1>>> bottom =
        Flow.fromSinkAndSourceCoupledMat(Sink.<O1>seq(), Source.<I2>never(), Keep.left());
    return Source.from(inputs)
        .viaMat(bidi.join(bottom, Keep.right()), Keep.right())
        .to(Sink.ignore())
        .run(system)
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
  }

  /** What the bottom-to-top side of {@code bidi} makes of {@code inputs}. */
  static <I1, O1, I2, O2> List<O2> up(
      ClassicActorSystemProvider system, BidiFlow<I1, O1, I2, O2, ?> bidi, List<I2> inputs)
      throws Exception {
    Flow<O1, I2, ?> bottom = Flow.fromSinkAndSourceCoupled(Sink.<O1>ignore(), Source.from(inputs));
    return Source.<I1>never()
        .via(bidi.join(bottom))
        .runWith(Sink.seq(), system)
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
  }
}

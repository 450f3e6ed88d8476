package net.iotgw.gateway.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The IKE port's shedding (issue 6): a burst far beyond the queue, with nobody taking, keeps a
 * random sample of the burst, not its head; every shed element is counted.
 */
class FairShedTest {
  private static final ActorSystem<Void> SYSTEM = ActorSystem.create(Behaviors.empty(), "shed");

  @AfterAll
  static void stop() {
    SYSTEM.terminate();
  }

  @Test
  void aBurstBeyondTheQueueKeepsASampleFromAllOfItNotItsOldest() throws Exception {
    int burst = 10_000;
    LongAdder shed = new LongAdder();
    Pair<java.util.concurrent.CompletionStage<Done>, SinkQueueWithCancel<Integer>> run =
        Source.from(IntStream.range(0, burst).boxed().toList())
            .watchTermination(Keep.right())
            .via(FairShed.<Integer>beyond(64, i -> true, new SplittableRandom(6), n -> shed.add(n)))
            .toMat(Sink.queue(), Keep.both())
            .run(SYSTEM);
    // The whole burst is offered before anything more is taken downstream.
    run.first().toCompletableFuture().get(10, TimeUnit.SECONDS);
    List<Integer> kept = new ArrayList<>();
    for (Optional<Integer> next;
        (next = run.second().pull().toCompletableFuture().get(10, TimeUnit.SECONDS))
            .isPresent(); ) {
      kept.add(next.get());
    }
    assertEquals(burst, kept.size() + shed.sum(), "kept or counted, nothing else");
    assertTrue(kept.size() >= 64 && kept.size() <= 64 + 40, "kept " + kept.size());
    long late = kept.stream().filter(i -> i >= burst / 2).count();
    // Drop-newest keeps only the first ~100 of the burst; a fair sample keeps about half late.
    assertTrue(late >= 16, "kept from the burst's second half: " + late + " of " + kept);
  }

  @Test
  void beyondTheQueueNewWorkIsShedFirst() throws Exception {
    // Odd numbers are new work (IKE_SA_INIT requests), even ones requests for SAs under way.
    int burst = 2_000;
    LongAdder shed = new LongAdder();
    Pair<java.util.concurrent.CompletionStage<Done>, SinkQueueWithCancel<Integer>> run =
        Source.from(IntStream.range(0, burst).boxed().toList())
            .watchTermination(Keep.right())
            .via(FairShed.<Integer>beyond(64, i -> i % 2 == 1, new SplittableRandom(7),
                n -> shed.add(n)))
            .toMat(Sink.queue(), Keep.both())
            .run(SYSTEM);
    run.first().toCompletableFuture().get(10, TimeUnit.SECONDS);
    List<Integer> kept = new ArrayList<>();
    for (Optional<Integer> next;
        (next = run.second().pull().toCompletableFuture().get(10, TimeUnit.SECONDS))
            .isPresent(); ) {
      kept.add(next.get());
    }
    assertEquals(burst, kept.size() + shed.sum());
    List<Integer> late = kept.stream().filter(i -> i >= 200).toList();
    assertTrue(late.size() >= 32, "kept late in the burst: " + late);
    assertTrue(late.stream().allMatch(i -> i % 2 == 0), "only requests for SAs under way: " + late);
  }

  @Test
  void belowTheQueueNothingIsShedAndOrderIsKept() throws Exception {
    LongAdder shed = new LongAdder();
    List<Integer> out = Source.from(IntStream.range(0, 50).boxed().toList())
        .via(FairShed.<Integer>beyond(64, i -> true, new SplittableRandom(6), n -> shed.add(n)))
        .runWith(Sink.seq(), SYSTEM).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(IntStream.range(0, 50).boxed().toList(), out);
    assertEquals(0, shed.sum());
  }
}

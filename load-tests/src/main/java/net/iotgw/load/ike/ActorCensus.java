package net.iotgw.load.ike;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorIdentity;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Identify;
import org.apache.pekko.actor.Props;
import org.apache.pekko.actor.ReceiveTimeout;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/**
 * Counts the live actors an actor selection matches ({@code /user/devices/*}): every actor
 * answers Pekko's {@link Identify} itself, after its setup has run, so the count is also a
 * barrier: an actor that answered has finished starting (a Device admitted in memory, the AAA
 * with its device store loaded). The count ends when no answer came for {@code quiet}.
 */
final class ActorCensus {
  private static final AtomicLong CENSUSES = new AtomicLong();

  private ActorCensus() {}

  /** Live actors matching {@code path} (wildcards allowed per element, not across levels). */
  static int count(ActorSystem<?> system, String path, Duration quiet)
      throws IOException, InterruptedException {
    CompletableFuture<Integer> done = new CompletableFuture<>();
    // A system actor: a typed system's user guardian takes no top-level actor from outside.
    ((ExtendedActorSystem) Adapter.toClassic(system)).systemActorOf(
        Props.create(Counter.class, () -> new Counter(path, quiet, done)),
        "census-" + CENSUSES.incrementAndGet());
    try {
      return done.get(quiet.toMillis() + 120_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("no census of " + path, e);
    }
  }

  /**
   * Waits until {@code path} matches at least {@code expected} live actors; returns the last count.
   */
  static int awaitAtLeast(ActorSystem<?> system, String path, int expected, Duration timeout)
      throws IOException, InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    int seen = count(system, path, Duration.ofMillis(300));
    while (seen < expected && System.nanoTime() < until) {
      Thread.sleep(200);
      seen = count(system, path, Duration.ofMillis(300));
    }
    return seen;
  }

  private static final class Counter extends AbstractActor {
    private final String path;
    private final Duration quiet;
    private final CompletableFuture<Integer> done;
    private int alive;

    Counter(String path, Duration quiet, CompletableFuture<Integer> done) {
      this.path = path;
      this.quiet = quiet;
      this.done = done;
    }

    @Override
    public void preStart() {
      getContext().actorSelection(path).tell(new Identify(path), getSelf());
      getContext().setReceiveTimeout(quiet);
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .match(ActorIdentity.class, id -> {
            if (id.getActorRef().isPresent()) {
              alive++;
            }
          })
          .match(ReceiveTimeout.class, t -> {
            done.complete(alive);
            getContext().stop(getSelf());
          })
          .build();
    }
  }
}

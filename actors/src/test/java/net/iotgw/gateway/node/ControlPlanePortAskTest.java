package net.iotgw.gateway.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * How the control plane ports settle their asks into Devices (issue 6): on the thread that
 * completes the ask. The ask's stage is Scala's FutureConverters CF, whose exceptionally() ran on
 * ForkJoinPool.commonPool(), which on a 2-CPU machine means a new Thread per datagram.
 */
class ControlPlanePortAskTest {
  private static final ActorSystem<Void> SYSTEM = ActorSystem.create(Behaviors.empty(), "cpp");

  @AfterAll
  static void stop() {
    SYSTEM.terminate();
  }

  /** Holds the ask's replyTo until told to answer, and reports whether settled() was done then. */
  private sealed interface Msg {}

  private record Ask(ActorRef<Done> replyTo) implements Msg {}

  private record Answer(AtomicReference<CompletionStage<Done>> settled, ActorRef<Boolean> report)
      implements Msg {}

  private static Behavior<Msg> answerer(ActorRef<Done> pending) {
    return Behaviors.receive(Msg.class)
        .onMessage(Ask.class, m -> answerer(m.replyTo()))
        .onMessage(Answer.class, m -> {
          pending.tell(Done.getInstance());
          // Settled within the tell: the completion ran on this actor's thread, not elsewhere.
          m.report().tell(m.settled().get().toCompletableFuture().isDone());
          return Behaviors.same();
        })
        .build();
  }

  @Test
  void anAnsweredAskIsSettledWithinTheAnswersTellOnTheAnsweringThread() throws Exception {
    ActorRef<Msg> devices = SYSTEM.systemActorOf(answerer(null), "answerer",
        org.apache.pekko.actor.typed.Props.empty());
    AtomicReference<CompletionStage<Done>> settled = new AtomicReference<>();
    AtomicReference<String> settledOn = new AtomicReference<>();
    settled.set(ControlPlanePort.settled(
        AskPattern.<Msg, Done>ask(devices, Ask::new, Duration.ofSeconds(5), SYSTEM.scheduler()),
        () -> {
          throw new AssertionError("answered: no failure to recover");
        }));
    // Attached before the answer (the answerer holds it): runs where settled() completes.
    CompletionStage<Void> observed = settled.get().thenRunAsync(
        () -> settledOn.set(Thread.currentThread().getName()), Runnable::run);
    CompletionStage<Boolean> doneWithinTell = AskPattern.<Msg, Boolean>ask(devices,
        report -> new Answer(settled, report), Duration.ofSeconds(5), SYSTEM.scheduler());
    assertTrue(doneWithinTell.toCompletableFuture().get(5, TimeUnit.SECONDS),
        "the settled stage completed within the answering actor's tell");
    observed.toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertTrue(settledOn.get().startsWith("cpp-"), "settled on " + settledOn.get());
    assertEquals(Done.getInstance(),
        settled.get().toCompletableFuture().get(5, TimeUnit.SECONDS));
  }

  @Test
  void aTimedOutAskIsRecoveredOnTheActorSystemsThreadNotANewOne() throws Exception {
    ActorRef<Msg> silent = SYSTEM.systemActorOf(Behaviors.ignore(), "silent",
        org.apache.pekko.actor.typed.Props.empty());
    AtomicReference<String> recoveredOn = new AtomicReference<>();
    CompletionStage<Done> settled = ControlPlanePort.settled(
        AskPattern.<Msg, Done>ask(silent, Ask::new, Duration.ofMillis(50), SYSTEM.scheduler()),
        () -> recoveredOn.set(Thread.currentThread().getName()));
    assertEquals(Done.getInstance(), settled.toCompletableFuture().get(5, TimeUnit.SECONDS));
    // The system's scheduler or dispatcher completes the timeout; never commonPool or Thread-N.
    assertTrue(recoveredOn.get() != null && recoveredOn.get().startsWith("cpp-"),
        "recovered on " + recoveredOn.get());
  }
}

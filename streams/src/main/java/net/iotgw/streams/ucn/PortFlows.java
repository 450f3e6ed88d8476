package net.iotgw.streams.ucn;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/** How a port's two directions become the one {@link UcnPort#flow()} every port shares. */
final class PortFlows {
  private PortFlows() {}

  /**
   * Materializes {@code session} the first time only; any later materialization fails on its own
   * without touching the device the first one owns.
   */
  static Flow<byte[], byte[], CompletionStage<Done>> once(
      String portName,
      AtomicBoolean claimed,
      Supplier<Flow<byte[], byte[], CompletionStage<Done>>> session) {
    return Flow.<byte[], byte[], CompletionStage<Done>>fromMaterializer(
            (materializer, attributes) -> {
              if (claimed.compareAndSet(false, true)) {
                return session.get();
              }
              IllegalStateException e =
                  new IllegalStateException("UCN port " + portName + " is already materialized");
              return Flow.fromSinkAndSource(Sink.<byte[]>cancelled(), Source.<byte[]>failed(e))
                  .mapMaterializedValue(unused -> CompletableFuture.<Done>failedStage(e));
            })
        .mapMaterializedValue(inner -> inner.thenCompose(stopped -> stopped));
  }

  /**
   * Couples the two directions (either ending ends the other) and runs {@code stop} as soon as
   * either has ended, so a reader blocked outside the stream is woken even when the stage that
   * would close it cannot run. The result completes once both directions and {@code released}
   * have, failing with the first direction's failure if any.
   */
  static Flow<byte[], byte[], CompletionStage<Done>> coupled(
      Sink<byte[], CompletionStage<Done>> toUcn,
      Source<byte[], CompletionStage<Done>> fromUcn,
      Runnable stop,
      CompletionStage<?> released) {
    return Flow.fromSinkAndSourceCoupledMat(
        toUcn,
        fromUcn,
        (sent, received) -> {
          sent.whenComplete((done, failure) -> stop.run());
          received.whenComplete((done, failure) -> stop.run());
          return stopped(sent.toCompletableFuture(), received.toCompletableFuture(), released);
        });
  }

  private static CompletionStage<Done> stopped(
      CompletableFuture<Done> sent, CompletableFuture<Done> received, CompletionStage<?> released) {
    CompletableFuture<Done> result = new CompletableFuture<>();
    CompletableFuture.allOf(settled(sent), settled(received), released.toCompletableFuture())
        .whenComplete(
            (unused, releaseFailure) -> {
              Throwable failure = failureOf(sent);
              if (failure == null) {
                failure = failureOf(received);
              }
              if (failure == null) {
                failure = releaseFailure;
              }
              if (failure == null) {
                result.complete(Done.getInstance());
              } else {
                result.completeExceptionally(failure);
              }
            });
    return result;
  }

  private static CompletableFuture<Object> settled(CompletableFuture<Done> f) {
    return f.handle((value, failure) -> null);
  }

  private static Throwable failureOf(CompletableFuture<Done> settled) {
    return settled.handle((value, failure) -> failure).join();
  }
}

package net.iotgw.radio.serial;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * Dongles plugged into this JVM, by name: what {@code mem:NAME} ({@link LinkAddress.InProcess})
 * opens. A registered dongle is a byte flow (its host's bytes in, its own out), materialized
 * afresh for every connection as a TCP server accepts one; the connection puts a bounded buffer
 * and an asynchronous boundary on each direction, as a UART's FIFOs and a socket's buffers would,
 * so the host and the dongle backpressure each other and neither runs on the other's stage.
 *
 * <p>For in-process rigs (the demo): the gateway opens its radio by address as it always does, and
 * the emulated medium sits behind it without a socket.
 */
public final class InProcessPorts {
  /** Chunks waiting in each direction before the writer is backpressured. */
  static final int BUFFER_CHUNKS = 32;

  private static final ConcurrentHashMap<String, Supplier<Flow<ByteString, ByteString, NotUsed>>>
      PORTS = new ConcurrentHashMap<>();

  private InProcessPorts() {}

  /** A registration; closing it unplugs the dongle (connections already open stay). */
  public interface Plug extends AutoCloseable {
    LinkAddress.InProcess address();

    @Override
    void close();
  }

  /**
   * Plugs {@code dongle} in as {@code mem:NAME}.
   *
   * @throws IllegalStateException if that name is taken
   */
  public static Plug plug(String name, Supplier<Flow<ByteString, ByteString, NotUsed>> dongle) {
    LinkAddress.InProcess address = new LinkAddress.InProcess(name);
    Objects.requireNonNull(dongle);
    if (PORTS.putIfAbsent(name, dongle) != null) {
      throw new IllegalStateException("in-process port " + address + " is taken");
    }
    return new Plug() {
      @Override
      public LinkAddress.InProcess address() {
        return address;
      }

      @Override
      public void close() {
        PORTS.remove(name, dongle);
      }
    };
  }

  /**
   * One connection to the dongle at {@code address}; its materialized stage completes at once, or
   * fails when nothing is plugged in there (the reconnecting link retries, as for a missing
   * device).
   */
  static Flow<ByteString, ByteString, CompletionStage<Done>> connect(
      LinkAddress.InProcess address) {
    Supplier<Flow<ByteString, ByteString, NotUsed>> dongle = PORTS.get(address.name());
    if (dongle == null) {
      IOException missing = new IOException("nothing plugged in at " + address);
      return Flow.fromSinkAndSourceCoupled(Sink.<ByteString>cancelled(),
              Source.<ByteString>failed(missing))
          .mapMaterializedValue(n -> CompletableFuture.failedStage(missing));
    }
    return Flow.<ByteString>create()
        .buffer(BUFFER_CHUNKS, OverflowStrategy.backpressure())
        .async()
        .via(dongle.get())
        .buffer(BUFFER_CHUNKS, OverflowStrategy.backpressure())
        .async()
        .mapMaterializedValue(n -> CompletableFuture.completedStage(Done.done()));
  }
}

package net.iotgw.radio.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.event.Logging;
import org.apache.pekko.io.TcpSO;
import org.apache.pekko.japi.function.Creator;
import org.apache.pekko.stream.ActorAttributes;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.RestartFlow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;

/**
 * The byte stream to and from a radio dongle, as a {@code Flow<ByteString, ByteString, ?>}:
 * elements in are written to the dongle, elements out are what it sent, chunked however the
 * transport delivered them. The same shape over a serial device (jSerialComm, on Pekko's
 * blocking-I/O dispatcher), over TCP (Pekko's {@code Tcp().outgoingConnection}) and to a dongle
 * emulated in this JVM ({@link InProcessPorts}).
 *
 * <p>{@link #open} is one connection: it fails when the dongle goes away. {@link #reconnecting}
 * (and {@link #reconnecting(LinkMonitor, ReconnectSettings, Predicate, Creator)} for a protocol
 * stack joined on top of a connection) reopens it with backoff for as long as it takes, which is
 * what a border router does when its USB dongle is unplugged and plugged back. Bytes in flight
 * during a loss are lost; upstream is backpressured while the link is down.
 */
public final class SerialLink {

  private static final Duration TCP_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private SerialLink() {}

  /**
   * One connection to {@code address}. Materializes to a stage that completes when the port or
   * socket is open and fails if it cannot be opened. The flow fails when the link is lost.
   */
  public static Flow<ByteString, ByteString, CompletionStage<Done>> open(
      LinkAddress address, ClassicActorSystemProvider system) {
    if (address instanceof LinkAddress.SerialDevice device) {
      return serial(device);
    }
    if (address instanceof LinkAddress.InProcess port) {
      return InProcessPorts.connect(port);
    }
    LinkAddress.TcpEndpoint tcp = (LinkAddress.TcpEndpoint) address;
    return Tcp.get(system.classicSystem())
        .outgoingConnection(
            InetSocketAddress.createUnresolved(tcp.host(), tcp.port()),
            Optional.empty(),
            List.of(TcpSO.tcpNoDelay(true)),
            true,
            Optional.of(TCP_CONNECT_TIMEOUT),
            Optional.empty())
        .mapMaterializedValue(connected -> connected.thenApply(c -> Done.done()));
  }

  /** {@link #open}, reopened with backoff whenever it fails or closes; see {@link LinkMonitor}. */
  public static Flow<ByteString, ByteString, NotUsed> reconnecting(
      LinkAddress address,
      ReconnectSettings settings,
      LinkMonitor monitor,
      ClassicActorSystemProvider system) {
    return reconnecting(monitor, settings, t -> true, () -> open(address, system));
  }

  /**
   * Any connection-scoped flow (typically a protocol stack joined on {@link #open}), restarted with
   * backoff when it fails or completes, unless {@code restartOn} refuses the failure (a dongle that
   * is there but unusable), in which case the returned flow fails with it. The inner flow's
   * materialized value must complete when the link is open.
   */
  public static <I, O> Flow<I, O, NotUsed> reconnecting(
      LinkMonitor monitor,
      ReconnectSettings settings,
      Predicate<Throwable> restartOn,
      Creator<Flow<I, O, CompletionStage<Done>>> connection) {
    RestartSettings restart =
        RestartSettings.create(
                settings.minBackoff(), settings.maxBackoff(), settings.randomFactor())
            // LinkMonitor logs each change once; the per-attempt restart log is only for debugging.
            .withLogSettings(
                RestartSettings.createLogSettings(Logging.DebugLevel())
                    .withCriticalLogLevel(Logging.DebugLevel(), Integer.MAX_VALUE))
            .withRestartOn(restartOn::test);
    return RestartFlow.withBackoff(
        restart,
        () -> {
          LinkMonitor.Attempt attempt = monitor.newAttempt();
          return connection
              .create()
              .mapMaterializedValue(
                  opened -> {
                    opened.whenComplete(
                        (ok, e) -> {
                          if (e == null) {
                            attempt.opened();
                          }
                        });
                    return NotUsed.notUsed();
                  })
              .watchTermination(
                  (notUsed, done) -> {
                    done.whenComplete((ok, e) -> attempt.ended(e, e == null || restartOn.test(e)));
                    return NotUsed.notUsed();
                  });
        });
  }

  private static Flow<ByteString, ByteString, CompletionStage<Done>> serial(
      LinkAddress.SerialDevice device) {
    Attributes blockingIo = Attributes.apply(ActorAttributes.IODispatcher());
    return Flow.<ByteString, ByteString, CompletionStage<Done>>fromMaterializer(
            (mat, attributes) -> {
              CompletableFuture<SerialPort> opened = new CompletableFuture<>();
              Source<ByteString, CompletionStage<Done>> reader =
                  Source.fromGraph(new SerialReader(device, opened))
                      .withAttributes(blockingIo)
                      .async();
              Sink<ByteString, NotUsed> writer =
                  Sink.fromGraph(new SerialWriter(device, opened))
                      .withAttributes(blockingIo)
                      .async();
              return Flow.fromSinkAndSourceCoupledMat(writer, reader, (w, r) -> r);
            })
        .mapMaterializedValue(nested -> nested.thenCompose(connected -> connected));
  }
}

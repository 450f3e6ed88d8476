package net.iotgw.streams.ucn;

import net.iotgw.testing.HostTools;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The TUN port against the real kernel, in a namespace of the test's own: the host's ping
 * reaches the port's source, the port's sink answers it, and the interface disappears when the
 * stream stops. Needs root (see {@link HostTools}).
 */
class TunPortTest {
  private static final String GATEWAY = "fd00:beef::1";
  private static final String PEER = "fd00:beef::2";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** The port in a stream whose two ends the test holds: a queue in, a pull-queue out. */
  private record Running(
      BoundedSourceQueue<byte[]> toUcn,
      CompletionStage<Done> stopped,
      SinkQueueWithCancel<byte[]> fromUcn) {
    byte[] next() throws Exception {
      Optional<byte[]> p =
          fromUcn.pull().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      return p.orElseThrow(() -> new AssertionError("the port's source completed"));
    }
  }

  private static Running run(UcnPort port, Attributes attributes) {
    Pair<Pair<BoundedSourceQueue<byte[]>, CompletionStage<Done>>, SinkQueueWithCancel<byte[]>> m =
        Source.<byte[]>queue(16)
            .viaMat(port.flow(), Keep.both())
            .toMat(Sink.queue(), Keep.both())
            .withAttributes(attributes)
            .run(testKit.system());
    return new Running(m.first().first(), m.first().second(), m.second());
  }

  private static String deviceName() {
    return TestNamespace.uniqueName("iotgwt");
  }

  @Test
  void hostPingCrossesThePortBothWaysAndTheInterfaceGoesWithTheStream() throws Exception {
    HostTools.require("ping");
    try (TestNamespace ns = TestNamespace.create();
        TunPort port = TunPort.open(deviceName())) {
      ns.adopt(port.name(), GATEWAY + "/64");
      assertEquals(1280, port.mtu());
      assertTrue(ns.ip("link", "show", "dev", port.name()).contains("mtu 1280"));
      Running running = run(port, Attributes.none());

      List<String> ping = ns.exec("ping", "-6", "-c", "1", "-W", "5", "-s", "56", PEER);
      Process pinger = HostTools.start(ping);
      byte[] request = running.next();
      while (!TestPackets.isEchoRequestTo(request, TestPackets.address(PEER))) {
        request = running.next(); // router solicitations, MLD reports from the link coming up
      }
      assertArrayEquals(TestPackets.address(GATEWAY), Arrays.copyOfRange(request, 8, 24));
      running.toUcn().offer(TestPackets.replyTo(request));

      HostTools.Result result = HostTools.finish(pinger, ping, WAIT);
      assertEquals(0, result.exitCode(), result.output());
      assertTrue(result.output().contains("1 received"), result.output());
      // The writer counts after write() returns; ping may see the reply before that.
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (port.counters().sent() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertEquals(1, port.counters().sent());
      assertTrue(port.counters().received() >= 1);

      running.toUcn().complete();
      running.stopped().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertFalse(ns.hasLink(port.name()), "the interface outlives the stream");
    }
  }

  @Test
  void cancellingASilentPortWakesItsBlockedReaderAndRemovesTheInterface() throws Exception {
    try (TestNamespace ns = TestNamespace.create();
        TunPort port = TunPort.open(deviceName())) {
      ns.adopt(port.name(), GATEWAY + "/64");
      Running running = run(port, Attributes.none());
      Thread.sleep(300); // let the reader settle in poll(2) with nothing to read
      assertEquals(
          List.of("pekko.actor.default-blocking-io-dispatcher"), threadsWaitingIn("TunDevice", "read"));

      running.fromUcn().cancel();

      running.stopped().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertFalse(ns.hasLink(port.name()));
    }
  }

  @Test
  void readsOnlyWhatDownstreamDemandsAndLeavesTheRestToTheKernelQueue() throws Exception {
    HostTools.require("ping");
    try (TestNamespace ns = TestNamespace.create();
        TunPort port = TunPort.open(deviceName())) {
      ns.adopt(port.name(), GATEWAY + "/64");
      Running running = run(port, Attributes.inputBuffer(1, 1));

      List<String> flood = ns.exec("ping", "-6", "-q", "-c", "100", "-i", "0.005", "-W", "1", PEER);
      HostTools.Result result = HostTools.finish(HostTools.start(flood), flood, WAIT);
      assertTrue(result.output().contains("100 packets transmitted"), result.output());

      long readWithoutDemand = port.counters().received();
      assertTrue(readWithoutDemand <= 4, "read " + readWithoutDemand + " packets nobody asked for");
      int echoes = 0;
      for (int i = 0; i < 100 + 10 && echoes < 100; i++) {
        if (TestPackets.isEchoRequestTo(running.next(), TestPackets.address(PEER))) {
          echoes++;
        }
      }
      assertEquals(100, echoes, "the kernel's queue kept what the port did not read");
      running.fromUcn().cancel();
      running.stopped().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Test
  void aSecondMaterializationFailsWithoutDisturbingTheFirst() throws Exception {
    try (TestNamespace ns = TestNamespace.create();
        TunPort port = TunPort.open(deviceName())) {
      ns.adopt(port.name(), GATEWAY + "/64");
      Running a = run(port, Attributes.none());
      Running b = run(port, Attributes.none());
      // Materialization is asynchronous: which run claims the device is the scheduler's choice,
      // so the one that ends first must be the loser, failing alone.
      CompletableFuture<Object> firstToEnd =
          CompletableFuture.anyOf(
              a.stopped().toCompletableFuture(), b.stopped().toCompletableFuture());
      ExecutionException e =
          assertThrows(
              ExecutionException.class,
              () -> firstToEnd.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
      assertInstanceOf(IllegalStateException.class, e.getCause());
      Running first = a.stopped().toCompletableFuture().isCompletedExceptionally() ? b : a;
      assertThrows(
          TimeoutException.class,
          () -> first.stopped().toCompletableFuture().get(300, TimeUnit.MILLISECONDS));
      assertTrue(ns.hasLink(port.name()));
      first.fromUcn().cancel();
      first.stopped().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Test
  void packetsTheKernelRefusesAreDroppedAndCountedWithoutStoppingThePort() throws Exception {
    try (TestNamespace ns = TestNamespace.create();
        TunPort port = TunPort.open(deviceName())) {
      ns.adopt(port.name(), GATEWAY + "/64");
      Running running = run(port, Attributes.none());
      ns.ip("link", "set", "dev", port.name(), "down");

      running.toUcn().offer(
          TestPackets.echo(
              TestPackets.ECHO_REQUEST,
              TestPackets.address(PEER),
              TestPackets.address(GATEWAY),
              1,
              1,
              new byte[8]));
      running.toUcn().offer(new byte[] {0x45, 0, 0, 20}); // IPv4: not carried by this link

      long deadline = System.nanoTime() + WAIT.toNanos();
      while (port.counters().sendDropped() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(new UcnCounters(port.counters().received(), 0, 0, 2), port.counters());
      assertFalse(running.stopped().toCompletableFuture().isDone(), "a refused packet stopped the port");
      running.fromUcn().cancel();
      running.stopped().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Test
  void deletingTheInterfaceUnderThePortFailsTheStreamAndReleasesTheDevice() throws Exception {
    try (TestNamespace ns = TestNamespace.create();
        TunPort port = TunPort.open(deviceName())) {
      ns.adopt(port.name(), GATEWAY + "/64");
      Running running = run(port, Attributes.none());
      Thread.sleep(300); // the reader waits in poll(2)

      ns.ip("link", "del", "dev", port.name());

      ExecutionException e =
          assertThrows(
              ExecutionException.class,
              () -> running.stopped().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
      assertInstanceOf(IOException.class, e.getCause());
    }
  }

  @Test
  void attachesToAPersistentInterfaceAndLeavesItInPlace() throws Exception {
    HostTools.requireRoot();
    String name = deviceName();
    // TUNSETIFF finds a persistent device by name in the JVM's own namespace, so this one lives
    // there, down and without addresses, for the length of the test.
    HostTools.check(List.of("ip", "tuntap", "add", "dev", name, "mode", "tun"));
    try {
      HostTools.check(List.of("ip", "link", "set", "dev", name, "mtu", "1280"));
      try (TunPort port = TunPort.open(name)) {
        assertEquals(name, port.name());
        Running running = run(port, Attributes.none());
        running.fromUcn().cancel();
        running.stopped().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      }
      assertTrue(
          HostTools.check(List.of("ip", "link", "show", "dev", name)).contains("mtu 1280"));
    } finally {
      HostTools.run(List.of("ip", "link", "del", "dev", name), WAIT);
    }
  }

  /** The dispatchers of the threads whose stacks are inside {@code className.method}. */
  private static List<String> threadsWaitingIn(String className, String method) {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> Arrays.stream(e.getValue())
            .anyMatch(f -> f.getClassName().endsWith("." + className)
                && f.getMethodName().equals(method)))
        .map(e -> e.getKey().getName().replaceAll("^.*?-(pekko\\.actor\\.[a-z-]+)-\\d+$", "$1"))
        .toList();
  }
}

package net.iotgw.radio.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import net.iotgw.radio.SocatPtyPair;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerialLinkTest {
  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final ReconnectSettings FAST =
      new ReconnectSettings(Duration.ofMillis(50), Duration.ofMillis(200), 0.0);

  @TempDir Path dir;

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  @Test
  void bytesCrossASocatPtyPairBothWaysThroughJSerialComm() throws Exception {
    try (SocatPtyPair pty = new SocatPtyPair(dir).start()) {
      End host =
          End.run(SerialLink.open(new LinkAddress.SerialDevice(pty.a().toString()), KIT.system()));
      End dongle =
          End.run(SerialLink.open(new LinkAddress.SerialDevice(pty.b().toString()), KIT.system()));

      host.send("spinel frame bytes \u007e\u007d");
      dongle.expect("spinel frame bytes \u007e\u007d");
      dongle.send("reply");
      host.expect("reply");
      host.queue.complete();
      dongle.queue.complete();
    }
  }

  @Test
  void openingAMissingDeviceFailsTheMaterializedStage() {
    var opened =
        Source.<ByteString>never()
            .viaMat(
                SerialLink.open(
                    new LinkAddress.SerialDevice(dir.resolve("absent").toString()), KIT.system()),
                Keep.right())
            .to(Sink.ignore())
            .run(KIT.system());
    var failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.util.concurrent.ExecutionException.class,
            () -> opened.toCompletableFuture().get(5, TimeUnit.SECONDS));
    assertInstanceOf(java.io.IOException.class, failure.getCause());
  }

  @Test
  void reconnectingLinkResumesAfterSocatIsKilledAndStartedAgain_reportingEachChangeOnce()
      throws Exception {
    TestProbe<LinkEvent> events = KIT.createTestProbe();
    try (SocatPtyPair pty = new SocatPtyPair(dir).start()) {
      LinkMonitor hostMonitor =
          new LinkMonitor(new LinkAddress.SerialDevice(pty.a().toString()), events.ref()::tell);
      LinkMonitor dongleMonitor =
          new LinkMonitor(new LinkAddress.SerialDevice(pty.b().toString()), e -> {});
      End host =
          End.run(SerialLink.reconnecting(hostMonitor.address(), FAST, hostMonitor, KIT.system()));
      End dongle =
          End.run(
              SerialLink.reconnecting(dongleMonitor.address(), FAST, dongleMonitor, KIT.system()));
      assertEquals(1, ((LinkEvent.Up) events.receiveMessage(Duration.ofSeconds(5))).connection());
      host.send("before");
      dongle.expect("before");

      pty.kill();
      assertInstanceOf(LinkEvent.Down.class, events.receiveMessage(Duration.ofSeconds(5)));
      // Several failed attempts while the device is away, none reported.
      events.expectNoMessage(Duration.ofMillis(600));
      assertTrue(hostMonitor.status().connections() == 1 && !hostMonitor.status().up());

      pty.start();
      assertEquals(2, ((LinkEvent.Up) events.receiveMessage(Duration.ofSeconds(5))).connection());
      awaitUp(dongleMonitor);
      dongle.send("after");
      host.expect("after");
      host.send("and back");
      dongle.expect("and back");
      assertEquals(1, hostMonitor.status().losses());
      host.queue.complete();
      dongle.queue.complete();
    }
  }

  private static void awaitUp(LinkMonitor monitor) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!monitor.status().up() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(monitor.status().up(), "link did not come back");
  }

  /** One side of a link: a queue to write into it and a probe that sees what it reads. */
  private record End(BoundedSourceQueue<ByteString> queue, TestProbe<ByteString> received) {
    static End run(Flow<ByteString, ByteString, ?> link) {
      TestProbe<ByteString> probe = KIT.createTestProbe();
      BoundedSourceQueue<ByteString> queue =
          Source.<ByteString>queue(16)
              .via(link)
              .to(Sink.foreach(probe.ref()::tell))
              .run(KIT.system());
      return new End(queue, probe);
    }

    void send(String text) {
      queue.offer(ByteString.fromString(text, StandardCharsets.ISO_8859_1));
    }

    void expect(String text) {
      ByteString got = ByteString.emptyByteString();
      while (got.size() < text.length()) {
        got = got.concat(received.receiveMessage(Duration.ofSeconds(5)));
      }
      assertEquals(text, got.decodeString(StandardCharsets.ISO_8859_1));
    }
  }
}

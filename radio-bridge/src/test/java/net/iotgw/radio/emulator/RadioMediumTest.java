package net.iotgw.radio.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.iotgw.protocols.ieee802154.Fcs;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class RadioMediumTest {
  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final int RATE = 250_000;

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  private static void awaitFrames(RadioMedium medium, long frames) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (medium.ledger().frames() < frames && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(frames, medium.ledger().frames());
  }

  @Test
  void aTwoSecondBurstOfMaxSizeFramesNeverExceeds250KbitPerSecondAndKeepsTheChannelBusy()
      throws Exception {
    try (RadioMedium medium = RadioMedium.start(MediumSettings.defaults(), KIT.system())) {
      AtomicInteger received = new AtomicInteger();
      medium.attach(
          new RadioNode() {
            @Override
            public long extendedAddress() {
              return 0x1000L;
            }

            @Override
            public int shortAddress() {
              return 0x0001;
            }

            @Override
            public List<byte[]> onFrame(byte[] psdu) {
              received.incrementAndGet();
              return List.of();
            }
          });
      // 30 senders x 16 queued frames x 4.256 ms of air time each = 2.04 s of channel.
      List<NodeHandle> senders = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        senders.add(
            medium.attach(
                RecordingNode.silent(
                    0x2000L + i, 0x0100 + i, KIT.<byte[]>createTestProbe().ref())));
      }
      int sent = 0;
      for (int seq = 0; seq < 16; seq++) {
        for (int i = 0; i < senders.size(); i++) {
          assertTrue(senders.get(i).transmit(Frames.shortToShort(seq, 0x0001, 0x0100 + i, 127)));
          sent++;
        }
      }
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (received.get() < sent && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(480, received.get());

      AirtimeLedger ledger = medium.ledger();
      assertEquals(480, ledger.frames());
      assertEquals(480L * 133 * 8, ledger.totalBits());
      assertEquals(0, ledger.overlaps());
      List<AirtimeLedger.Window> busy =
          ledger.windows().stream().filter(w -> w.bits() > 0).toList();
      assertTrue(busy.size() >= 20, "a 2 s burst spans at least 20 windows of 100 ms");
      for (AirtimeLedger.Window w : busy) {
        assertTrue(
            w.bitsPerSecond() <= RATE * 1.000_001,
            "window at " + w.startNanos() + ": " + w.bitsPerSecond());
      }
      // Inside the burst the channel stays busy: pacing by stage timers alone would send one
      // frame per 10 ms scheduler tick (under 45 % of the channel); booking ahead keeps it full
      // except where the JVM was stalled longer than the lookahead (a loaded CI machine).
      double inner =
          busy.subList(1, busy.size() - 1).stream()
              .mapToDouble(AirtimeLedger.Window::bitsPerSecond)
              .average()
              .orElseThrow();
      assertTrue(inner >= RATE * 0.75, "average inside the burst " + inner);
      assertEquals(0, medium.stats().queueDrops());
    }
  }

  @Test
  void aBurstLargerThanTheQueueIsDroppedAndCountedNotBuffered() throws Exception {
    try (RadioMedium medium = RadioMedium.start(MediumSettings.defaults(), KIT.system())) {
      NodeHandle node =
          medium.attach(RecordingNode.silent(0x3000L, 0x0003, KIT.<byte[]>createTestProbe().ref()));
      int accepted = 0;
      for (int i = 0; i < 1000; i++) {
        if (node.transmit(Frames.shortToShort(i, 0xFFFF, 0x0003, 127))) {
          accepted++;
        }
      }
      // What was accepted either went on the air (booked, in the ledger) or still waits in the
      // node's queue, which never holds more than its 16 frames.
      long waiting = accepted - medium.ledger().frames();
      assertTrue(waiting >= 0 && waiting <= 16, "waiting " + waiting);
      assertTrue(accepted < 100, "a burst of 1000 is mostly dropped, accepted " + accepted);
      assertEquals(1000 - accepted, node.dropped());
      assertEquals(1000 - accepted, medium.stats().queueDrops());
      awaitFrames(medium, accepted);
    }
  }

  @Test
  void framesReachOnlyTheAddressedStationOrEveryOtherOneWhenBroadcastWithTheFcsFilledIn()
      throws Exception {
    try (RadioMedium medium = RadioMedium.start(MediumSettings.defaults(), KIT.system())) {
      TestProbe<byte[]> a = KIT.createTestProbe();
      TestProbe<byte[]> b = KIT.createTestProbe();
      TestProbe<byte[]> c = KIT.createTestProbe();
      medium.attach(RecordingNode.silent(0x0011_2233_4455_6677L, 0x0001, a.ref()));
      medium.attach(RecordingNode.silent(0x0011_2233_4455_6688L, 0x0002, b.ref()));
      NodeHandle fromC =
          medium.attach(RecordingNode.silent(0x0011_2233_4455_6699L, 0xFFFE, c.ref()));

      byte[] toB = Frames.shortToShort(1, 0x0002, 0xFFFE, 20);
      fromC.transmit(toB);
      byte[] got = b.receiveMessage(WAIT);
      assertArrayEquals(Frames.withoutFcs(toB), Frames.withoutFcs(got));
      assertTrue(Fcs.isValid(got), "the medium computed the FCS");

      fromC.transmit(Frames.shortToExtended(2, 0x0011_2233_4455_6677L, 0xFFFE));
      assertEquals(2, a.receiveMessage(WAIT)[2]);

      fromC.transmit(Frames.shortToShort(3, 0xFFFF, 0xFFFE, 20));
      assertEquals(3, a.receiveMessage(WAIT)[2]);
      assertEquals(3, b.receiveMessage(WAIT)[2]);

      fromC.transmit(Frames.shortToShort(4, 0x0005, 0xFFFE, 20));
      awaitFrames(medium, 4);
      a.expectNoMessage(Duration.ofMillis(100));
      b.expectNoMessage(Duration.ofMillis(10));
      c.expectNoMessage(Duration.ofMillis(10));
      assertEquals(4, medium.stats().deliveries());
    }
  }

  @Test
  void aNodesRepliesGoBackOnTheAir() throws Exception {
    try (RadioMedium medium = RadioMedium.start(MediumSettings.defaults(), KIT.system())) {
      TestProbe<byte[]> asker = KIT.createTestProbe();
      NodeHandle handle = medium.attach(RecordingNode.silent(0xA1L, 0x00A1, asker.ref()));
      medium.attach(
          new RecordingNode(
              0xB2L,
              0x00B2,
              KIT.<byte[]>createTestProbe().ref(),
              f -> List.of(Frames.shortToShort(f[2] + 1, 0x00A1, 0x00B2, 30))));
      handle.transmit(Frames.shortToShort(40, 0x00B2, 0x00A1, 30));
      assertEquals(41, asker.receiveMessage(WAIT)[2]);
    }
  }

  @Test
  void lossDropsReceptionsAtTheConfiguredRateRepeatablyForASeed() throws Exception {
    long first = lostOutOf200(0.25, 7);
    assertTrue(first >= 25 && first <= 75, "lost " + first + " of 200 at p = 0.25");
    assertEquals(first, lostOutOf200(0.25, 7));
    assertEquals(0, lostOutOf200(0.0, 7));
  }

  private static long lostOutOf200(double p, long seed) throws Exception {
    MediumSettings settings = MediumSettings.defaults().withLoss(p, seed).withQueueCapacity(256);
    try (RadioMedium medium = RadioMedium.start(settings, KIT.system())) {
      AtomicInteger received = new AtomicInteger();
      medium.attach(
          new RecordingNode(
              0xC3L,
              0x00C3,
              KIT.<byte[]>createTestProbe().ref(),
              f -> {
                received.incrementAndGet();
                return List.of();
              }));
      NodeHandle sender =
          medium.attach(RecordingNode.silent(0xD4L, 0x00D4, KIT.<byte[]>createTestProbe().ref()));
      for (int i = 0; i < 200; i++) {
        assertTrue(sender.transmit(Frames.shortToShort(i, 0x00C3, 0x00D4, 20)));
      }
      awaitFrames(medium, 200);
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (medium.stats().deliveries() + medium.stats().lostDeliveries() < 200
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      MediumStats stats = medium.stats();
      assertEquals(200, stats.deliveries() + stats.lostDeliveries());
      assertEquals(stats.deliveries(), received.get());
      return stats.lostDeliveries();
    }
  }
}

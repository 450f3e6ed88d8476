package net.iotgw.streams.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class PcapTapTest {
  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** A clock that advances one millisecond each time it is read. */
  private static final class SteppingClock extends Clock {
    private final AtomicLong reads = new AtomicLong();

    @Override
    public Instant instant() {
      return START.plusMillis(reads.getAndIncrement());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      // PcapWriter stamps records in UTC and never asks for another zone.
      throw new UnsupportedOperationException("the test clock stays in UTC, not " + zone);
    }
  }

  /** Accepts the file header, then blocks every write until opened. */
  private static final class StalledDisk extends OutputStream {
    final CountDownLatch open = new CountDownLatch(1);
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    final AtomicBoolean closed = new AtomicBoolean();

    @Override
    public void write(int b) {
      written.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (written.size() >= PcapWriter.FILE_HEADER_LENGTH) {
        try {
          open.await();
        } catch (InterruptedException e) {
          throw new IOException(e);
        }
      }
      written.write(b, off, len);
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  private static List<byte[]> packets(int n) {
    return IntStream.range(0, n).mapToObj(i -> new byte[] {(byte) i, (byte) (i >> 8), 0x60}).toList();
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void passesEveryElementUnchangedAndRecordsItStampedWhenItPassed() throws Exception {
    StalledDisk disk = new StalledDisk();
    disk.open.countDown();
    PcapWriter writer = PcapWriter.to(disk, LinkType.IPV6, 65535, new SteppingClock());
    List<byte[]> sent = packets(50);

    Pair<CompletionStage<PcapTap.Summary>, CompletionStage<List<byte[]>>> run =
        Source.from(sent).viaMat(PcapTap.flow(writer), Keep.right())
            .toMat(Sink.seq(), Keep.both()).run(testKit.system());

    List<byte[]> received = await(run.second());
    assertEquals(new PcapTap.Summary(50, 0), await(run.first()));
    assertTrue(disk.closed.get(), "file not closed when the stream completed");
    PcapFile file = PcapFile.parse(disk.written.toByteArray());
    assertEquals(229, file.linkType());
    for (int i = 0; i < sent.size(); i++) {
      assertTrue(sent.get(i) == received.get(i), "element " + i + " was replaced");
      assertArrayEquals(sent.get(i), file.records().get(i).data());
      assertEquals(START.plusMillis(i), file.records().get(i).at());
    }
  }

  @Test
  void aStalledDiskDropsAndCountsRecordsButNeverStallsTheDataPath() throws Exception {
    StalledDisk disk = new StalledDisk();
    int capacity = 8;
    PcapWriter writer = PcapWriter.to(disk, LinkType.IPV6, 65535, Clock.systemUTC());
    try {
      Pair<CompletionStage<PcapTap.Summary>, CompletionStage<List<byte[]>>> run =
          Source.from(packets(1000)).viaMat(PcapTap.flow(writer, capacity), Keep.right())
              .toMat(Sink.seq(), Keep.both()).run(testKit.system());

      assertEquals(1000, await(run.second()).size(), "the data path waited for the disk");
      disk.open.countDown();
      PcapTap.Summary summary = await(run.first());
      assertEquals(1000, summary.written() + summary.dropped());
      assertTrue(summary.written() <= 3 * capacity, "held " + summary.written() + " records");
      assertEquals(summary.written(), PcapFile.parse(disk.written.toByteArray()).records().size());
    } finally {
      disk.open.countDown();
    }
  }

  @Test
  void aFailingDiskEndsTheCaptureWithItsErrorAndTheDataPathCarriesOn() throws Exception {
    OutputStream broken = new OutputStream() {
      private int writes;

      @Override
      public void write(int b) {}

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (writes++ > 0) { // the file header went through
          throw new IOException("disk full");
        }
      }
    };
    PcapWriter writer = PcapWriter.to(broken, LinkType.IPV6, 65535, Clock.systemUTC());

    Pair<CompletionStage<PcapTap.Summary>, CompletionStage<List<byte[]>>> run =
        Source.from(packets(200)).viaMat(PcapTap.flow(writer, 4), Keep.right())
            .toMat(Sink.seq(), Keep.both()).run(testKit.system());

    assertEquals(200, await(run.second()).size());
    ExecutionException e = assertThrows(ExecutionException.class, () -> await(run.first()));
    assertInstanceOf(IOException.class, e.getCause());
  }

  @Test
  void downstreamCancellingClosesTheFileWithWhatPassed() throws Exception {
    StalledDisk disk = new StalledDisk();
    disk.open.countDown();
    PcapWriter writer = PcapWriter.to(disk, LinkType.IPV6, 65535, Clock.systemUTC());

    Pair<CompletionStage<PcapTap.Summary>, CompletionStage<List<byte[]>>> run =
        Source.repeat(new byte[] {0x60}).viaMat(PcapTap.flow(writer), Keep.right())
            .take(3).toMat(Sink.seq(), Keep.both()).run(testKit.system());

    assertEquals(3, await(run.second()).size());
    assertEquals(new PcapTap.Summary(3, 0), await(run.first()));
    assertTrue(disk.closed.get());
  }

  @Test
  void aTapKeepsItsOwnCopySoLaterRewritesDoNotReachTheFile() throws Exception {
    StalledDisk disk = new StalledDisk();
    disk.open.countDown();
    PcapWriter writer = PcapWriter.to(disk, LinkType.IPV6, 65535, Clock.systemUTC());
    byte[] packet = {0x60, 0x00, 0x00, 0x00};

    CompletionStage<PcapTap.Summary> summary =
        Source.single(packet).viaMat(PcapTap.flow(writer), Keep.right())
            .map(p -> {
              p[1] = 0x7f; // a later stage rewriting in place (e.g. a hop limit)
              return p;
            })
            .to(Sink.ignore()).run(testKit.system());

    assertEquals(1, await(summary).written());
    assertArrayEquals(
        new byte[] {0x60, 0x00, 0x00, 0x00},
        PcapFile.parse(disk.written.toByteArray()).records().get(0).data());
  }
}

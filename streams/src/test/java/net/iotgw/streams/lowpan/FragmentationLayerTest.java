package net.iotgw.streams.lowpan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.iotgw.protocols.sixlowpan.LinkAddress;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class FragmentationLayerTest {
  static final ActorTestKit kit = ActorTestKit.create();
  static final int ROOM = 104;
  static final LinkAddress GW = LinkAddress.extended(Nodes.GW_EUI64);
  static final LinkAddress CD = LinkAddress.extended(Nodes.CD_EUI64);

  private final AtomicLong clock = new AtomicLong(1_000_000);
  private final LowpanCounters counters = new LowpanCounters();

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private FragmentationLayer layer(LowpanConfig config) {
    return new FragmentationLayer(config, d -> ROOM, clock::get, counters);
  }

  /** The datagram of a ping with {@code dataLength} octets of data from the CD to a UD. */
  private static LowpanDatagram datagram(int seq, int dataLength) {
    IphcLayer cd =
        new IphcLayer(Nodes.CD_OPEN, new LinkKeyTable(), Nodes.CD_RESOLVER, new LowpanCounters());
    return cd.compress(Nodes.echoRequest(Nodes.CD, Nodes.UD, seq, dataLength)).orElseThrow();
  }

  private static int tag(FramePayload p) {
    return ((p.payload()[2] & 0xff) << 8) | (p.payload()[3] & 0xff);
  }

  @Test
  void largeDatagramIsCutToTheFrameRoomWithOneTagPerDatagram_rfc4944Section5_3() throws Exception {
    LowpanDatagram big1 = datagram(1, 1000);
    LowpanDatagram small = datagram(2, 8);
    LowpanDatagram big2 = datagram(3, 1000);
    List<FramePayload> frames =
        Harness.down(kit.system(), layer(Nodes.CD_NODE).bidi(), List.of(big1, small, big2));
    List<FramePayload> first = new ArrayList<>();
    List<FramePayload> second = new ArrayList<>();
    boolean afterSmall = false;
    for (FramePayload f : frames) {
      assertTrue(f.payload().length <= ROOM, f.payload().length + " > room");
      assertEquals(CD, f.source());
      assertEquals(GW, f.destination());
      if (f.payload()[0] == small.datagram()[0] && f.payload().length == small.datagram().length) {
        assertArrayEquals(small.datagram(), f.payload());
        afterSmall = true;
      } else {
        (afterSmall ? second : first).add(f);
      }
    }
    assertTrue(first.size() > 10, "1,048 bytes need a dozen frames, got " + first.size());
    assertEquals(0xc0, first.get(0).payload()[0] & 0xf8); // FRAG1
    assertEquals(0xe0, first.get(1).payload()[0] & 0xf8); // FRAGN
    assertTrue(first.stream().allMatch(f -> tag(f) == 0));
    assertTrue(second.stream().allMatch(f -> tag(f) == 1));
    assertEquals(first.size(), second.size());
  }

  @Test
  void fragmentsInAnyOrderReassembleByteExact() throws Exception {
    LowpanDatagram big = datagram(1, 1000);
    List<FramePayload> frames =
        new ArrayList<>(Harness.down(kit.system(), layer(Nodes.GATEWAY).bidi(), List.of(big)));
    Collections.reverse(frames);
    frames.add(2, frames.get(0)); // a retransmitted fragment
    List<LowpanDatagram> up = Harness.up(kit.system(), layer(Nodes.GATEWAY).bidi(), frames);
    assertEquals(List.of(big), up);
    assertEquals(1, counters.snapshot().dropped(LowpanDrop.DUPLICATE_FRAGMENT));
  }

  @Test
  void unfragmentedPayloadsPassStraightUp() throws Exception {
    FramePayload p = new FramePayload(CD, GW, datagram(1, 8).datagram(), false);
    assertEquals(
        List.of(new LowpanDatagram(CD, GW, p.payload(), false)),
        Harness.up(kit.system(), layer(Nodes.GATEWAY).bidi(), List.of(p)));
  }

  @Test
  void reassemblyThatNeverCompletesIsExpiredByTheStageTimer_rfc4944Section5_3() throws Exception {
    List<FramePayload> frames =
        Harness.down(kit.system(), layer(Nodes.GATEWAY).bidi(), List.of(datagram(1, 1000)));
    BlockingQueue<LowpanDatagram> received = new LinkedBlockingQueue<>();
    BoundedSourceQueue<FramePayload> radio = open(layer(Nodes.GATEWAY), received);

    FramePayload small = new FramePayload(CD, GW, datagram(2, 8).datagram(), false);
    radio.offer(frames.get(0));
    radio.offer(small); // once it is out, the stage has taken the FRAG1 in
    assertEquals(
        new LowpanDatagram(CD, GW, small.payload(), false), received.poll(5, TimeUnit.SECONDS));
    // One millisecond short of the timeout on the stage's clock: sweeps run, nothing expires.
    clock.addAndGet(Nodes.GATEWAY.reassemblyTimeout().toMillis() - 1);
    Thread.sleep(3 * ReassemblyStage.sweepInterval(Nodes.GATEWAY.reassemblyTimeout()).toMillis());
    assertEquals(0, counters.snapshot().dropped(LowpanDrop.REASSEMBLY_TIMEOUT));

    clock.incrementAndGet();
    Nodes.await(
        "the timer to expire the reassembly",
        () -> counters.snapshot().dropped(LowpanDrop.REASSEMBLY_TIMEOUT) == 1);

    // The rest of the datagram now misses its FRAG1; a small payload after it shows they were
    // all taken in and that nothing came up before it.
    for (FramePayload f : frames.subList(1, frames.size())) {
      radio.offer(f);
    }
    radio.offer(small);
    assertEquals(
        new LowpanDatagram(CD, GW, small.payload(), false), received.poll(5, TimeUnit.SECONDS));
    assertTrue(received.isEmpty());
    radio.complete();
  }

  @Test
  void reassembliesBeyondTheConfiguredLimitAreRefused() throws Exception {
    LowpanConfig one =
        new LowpanConfig(
            Nodes.PREFIX, Nodes.GW_EUI64, 0, Nodes.PAN, 1, 4096, Duration.ofSeconds(1));
    List<FramePayload> a = Harness.down(kit.system(), layer(one).bidi(), List.of(datagram(1, 500)));
    List<FramePayload> b = Harness.down(kit.system(), layer(one).bidi(), List.of(datagram(2, 400)));
    List<FramePayload> in = new ArrayList<>();
    in.add(a.get(0));
    in.add(b.get(0)); // a second datagram while one is in progress
    in.addAll(a.subList(1, a.size()));
    List<LowpanDatagram> up = Harness.up(kit.system(), layer(one).bidi(), in);
    assertEquals(List.of(datagram(1, 500)), up);
    assertEquals(1, counters.snapshot().dropped(LowpanDrop.REASSEMBLY_LIMIT));
  }

  @Test
  void malformedFragmentsAreCountedAndTheStreamGoesOn() throws Exception {
    FramePayload truncated = new FramePayload(CD, GW, new byte[] {(byte) 0xc0}, false);
    FramePayload beyondSize =
        new FramePayload(
            CD, GW, new byte[] {(byte) 0xe0, 0x10, 0, 1, (byte) 0xff, 1, 2, 3}, false);
    FramePayload good = new FramePayload(CD, GW, datagram(1, 8).datagram(), false);
    List<LowpanDatagram> up =
        Harness.up(kit.system(), layer(Nodes.GATEWAY).bidi(), List.of(truncated, beyondSize, good));
    assertEquals(List.of(new LowpanDatagram(CD, GW, good.payload(), false)), up);
    assertEquals(2, counters.snapshot().dropped(LowpanDrop.MALFORMED_FRAGMENT));
  }

  private static BoundedSourceQueue<FramePayload> open(
      FragmentationLayer layer, BlockingQueue<LowpanDatagram> received) {
    Flow<FramePayload, FramePayload, BoundedSourceQueue<FramePayload>> bottom =
        Flow.fromSinkAndSourceMat(
            Sink.<FramePayload>ignore(), Source.<FramePayload>queue(64), Keep.right());
    return Source.<LowpanDatagram>never()
        .viaMat(layer.bidi().join(bottom, Keep.right()), Keep.right())
        .to(Sink.foreach(received::add))
        .run(kit.system());
  }
}

package net.iotgw.protocols.sixlowpan;

import static net.iotgw.protocols.sixlowpan.FragmenterTest.FRAME_PAYLOAD;
import static net.iotgw.protocols.sixlowpan.FragmenterTest.compressedPing;
import static net.iotgw.protocols.sixlowpan.FragmenterTest.thousandBytePing;
import static net.iotgw.protocols.sixlowpan.Packets.NODE_A;
import static net.iotgw.protocols.sixlowpan.Packets.NODE_B;
import static net.iotgw.protocols.sixlowpan.Packets.SHORT_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.iotgw.protocols.sixlowpan.Reassembler.Complete;
import net.iotgw.protocols.sixlowpan.Reassembler.Dropped;
import net.iotgw.protocols.sixlowpan.Reassembler.Outcome;
import net.iotgw.protocols.sixlowpan.Reassembler.Pending;
import net.iotgw.protocols.sixlowpan.Reassembler.Reason;
import net.iotgw.protocols.sixlowpan.Reassembler.Restarted;
import net.iotgw.protocols.sixlowpan.Reassembler.Step;
import net.iotgw.protocols.wire.Decoded;
import org.junit.jupiter.api.Test;

class ReassemblerTest {
  static final List<byte[]> PING = Fragmenter.fragment(compressedPing(), 0x0102, FRAME_PAYLOAD);

  /** Feeds frames from A to B at time {@code now}, returning the last step. */
  static Step feed(Reassembler r, List<byte[]> frames, long now) {
    Step s = null;
    for (byte[] f : frames) {
      s = (s == null ? r : s.reassembler()).accept(NODE_A, NODE_B, f, now).orThrow();
    }
    return s;
  }

  static byte[] decompressed(Outcome o) {
    Complete c = assertInstanceOf(Complete.class, o);
    return IphcDecompressor.decompress(c.datagram(), c.key().source(), c.key().destination(),
        ContextTable.EMPTY).orThrow();
  }

  @Test
  void thousandBytePingReassemblesInOrder_rfc4944Section5_3() {
    Reassembler r = new Reassembler(4, 4096);
    Step s = feed(r, PING.subList(0, 9), 0);
    assertEquals(new Pending(new DatagramKey(NODE_A, NODE_B, 1000, 0x0102), 904), s.outcome());
    assertEquals(1, s.reassembler().inProgress());
    s = feed(s.reassembler(), PING.subList(9, 10), 10);
    assertArrayEquals(thousandBytePing(), decompressed(s.outcome()));
    assertEquals(0, s.reassembler().inProgress());
    assertEquals(0, s.reassembler().bytesHeld());
  }

  @Test
  void reassemblesInAnyOrder() {
    Random rnd = new Random(4944);
    for (int round = 0; round < 50; round++) {
      List<byte[]> frames = new ArrayList<>(PING);
      Collections.shuffle(frames, rnd);
      Step s = feed(new Reassembler(4, 4096), frames, round);
      assertArrayEquals(thousandBytePing(), decompressed(s.outcome()));
    }
    List<byte[]> reversed = new ArrayList<>(PING);
    Collections.reverse(reversed);
    assertArrayEquals(thousandBytePing(), decompressed(feed(new Reassembler(4, 4096), reversed, 0)
        .outcome()));
  }

  @Test
  void duplicatesAreDroppedAndChangeNothing() {
    Step s = feed(new Reassembler(4, 4096), PING.subList(0, 3), 0);
    Reassembler before = s.reassembler();
    for (byte[] frame : PING.subList(0, 3)) {
      Step d = before.accept(NODE_A, NODE_B, frame, 1).orThrow();
      assertEquals(Reason.DUPLICATE, assertInstanceOf(Dropped.class, d.outcome()).reason());
      assertEquals(before.bytesHeld(), d.reassembler().bytesHeld());
    }
    List<byte[]> withDuplicates = new ArrayList<>(PING.subList(3, 10));
    withDuplicates.add(4, PING.get(5));
    Step done = feed(before, withDuplicates, 2);
    assertArrayEquals(thousandBytePing(), decompressed(done.outcome()));
  }

  @Test
  void datagramsTimeOutSixtySecondsAfterTheirFirstFragment_rfc4944Section5_3() {
    Step s = feed(new Reassembler(4, 4096), PING.subList(0, 9), 0);
    assertSame(s.reassembler(), s.reassembler().expire(59_999));
    assertEquals(0, s.reassembler().expire(60_000).inProgress());
    assertEquals(0, s.reassembler().expire(60_000).bytesHeld());
    // The last fragment after the timeout starts a datagram of its own, which stays incomplete.
    Step late = feed(s.reassembler(), PING.subList(9, 10), 60_000);
    assertEquals(new Pending(new DatagramKey(NODE_A, NODE_B, 1000, 0x0102), 96), late.outcome());
    // The timer starts at the first fragment, not the latest.
    Step again = feed(new Reassembler(4, 4096), PING.subList(0, 1), 0);
    again = feed(again.reassembler(), PING.subList(1, 9), 59_000);
    assertEquals(0, again.reassembler().expire(60_000).inProgress());
  }

  @Test
  void aShorterTimeoutCanBeConfigured() {
    Step s = feed(new Reassembler(4, 4096, 5_000), PING.subList(0, 1), 0);
    assertEquals(1, s.reassembler().expire(4_999).inProgress());
    assertEquals(0, s.reassembler().expire(5_000).inProgress());
  }

  @Test
  void anOverlapWithAnotherOffsetDiscardsTheDatagramAndStartsAfresh_rfc4944Section5_3() {
    Step s = feed(new Reassembler(4, 4096), PING.subList(0, 5), 0);
    // A FRAGN at 8 bytes past the second fragment's offset, which it overlaps.
    SubsequentFragment second = (SubsequentFragment) Fragment.decode(PING.get(1)).orThrow();
    byte[] shifted =
        new SubsequentFragment(1000, 0x0102, second.offsetUnits() + 1, new byte[96]).encode();
    Step o = feed(s.reassembler(), List.of(shifted), 1);
    assertEquals(new Restarted(new DatagramKey(NODE_A, NODE_B, 1000, 0x0102)), o.outcome());
    assertEquals(96, o.reassembler().bytesHeld());
    // What was held is gone: the other five original fragments join the fresh reassembly, which
    // holds them and the shifted one only.
    Step rest = feed(o.reassembler(), PING.subList(5, 10), 2);
    assertEquals(new Pending(new DatagramKey(NODE_A, NODE_B, 1000, 0x0102), 6 * 96),
        rest.outcome());
  }

  @Test
  void anOverlapWithAnotherSizeAtTheSameOffsetAlsoRestarts() {
    Step s = feed(new Reassembler(4, 4096), PING.subList(0, 2), 0);
    SubsequentFragment second = (SubsequentFragment) Fragment.decode(PING.get(1)).orThrow();
    byte[] longer =
        new SubsequentFragment(1000, 0x0102, second.offsetUnits(), new byte[104]).encode();
    Step o = feed(s.reassembler(), List.of(longer), 1);
    assertInstanceOf(Restarted.class, o.outcome());
    assertEquals(104, o.reassembler().bytesHeld());
  }

  @Test
  void fragmentsAreKeyedBySourceDestinationSizeAndTag_rfc4944Section5_3() {
    Reassembler r = new Reassembler(8, 8192);
    Step s = feed(r, PING.subList(0, 9), 0);
    byte[] last = PING.get(9);
    // Same tag and size from another sender, to another receiver, or with another tag: new
    // datagrams, not the completion of the first.
    Step other = s.reassembler().accept(SHORT_1, NODE_B, last, 1).orThrow();
    assertInstanceOf(Pending.class, other.outcome());
    other = other.reassembler().accept(NODE_A, SHORT_1, last, 1).orThrow();
    assertInstanceOf(Pending.class, other.outcome());
    byte[] otherTag = last.clone();
    otherTag[3] ^= 1;
    other = other.reassembler().accept(NODE_A, NODE_B, otherTag, 1).orThrow();
    assertInstanceOf(Pending.class, other.outcome());
    assertEquals(4, other.reassembler().inProgress());
    Step done = other.reassembler().accept(NODE_A, NODE_B, last, 1).orThrow();
    assertArrayEquals(thousandBytePing(), decompressed(done.outcome()));
    assertEquals(3, done.reassembler().inProgress());
  }

  @Test
  void tooManyConcurrentReassembliesDropsNewDatagrams() {
    Reassembler r = new Reassembler(2, 8192);
    Step s = feed(r, PING.subList(0, 1), 0);
    s = s.reassembler().accept(SHORT_1, NODE_B, PING.get(0), 0).orThrow();
    Step third = s.reassembler().accept(NODE_B, NODE_A, PING.get(0), 0).orThrow();
    assertEquals(Reason.TOO_MANY_REASSEMBLIES,
        assertInstanceOf(Dropped.class, third.outcome()).reason());
    assertEquals(2, third.reassembler().inProgress());
    // Fragments of the datagrams in progress still get in, and finishing one makes room.
    Step done = feed(third.reassembler(), PING.subList(1, 10), 1);
    assertInstanceOf(Complete.class, done.outcome());
    Step now = done.reassembler().accept(NODE_B, NODE_A, PING.get(0), 2).orThrow();
    assertInstanceOf(Pending.class, now.outcome());
  }

  @Test
  void theByteLimitDropsNewDatagramsAndTheDatagramThatWouldPassIt() {
    // Room for the first datagram's first four fragments (99 + 3 * 96 = 387 bytes), not a fifth.
    Reassembler r = new Reassembler(4, 400);
    Step s = feed(r, PING.subList(0, 4), 0);
    assertEquals(387, s.reassembler().bytesHeld());
    Step other = s.reassembler().accept(SHORT_1, NODE_B, PING.get(1), 0).orThrow();
    assertEquals(Reason.TOO_MANY_BYTES, assertInstanceOf(Dropped.class, other.outcome()).reason());
    assertEquals(387, other.reassembler().bytesHeld());
    Step fifth = other.reassembler().accept(NODE_A, NODE_B, PING.get(4), 0).orThrow();
    assertEquals(Reason.TOO_MANY_BYTES, assertInstanceOf(Dropped.class, fifth.outcome()).reason());
    assertEquals(0, fifth.reassembler().bytesHeld());
    assertEquals(0, fifth.reassembler().inProgress());
  }

  @Test
  void isAValueEachStepLeavesThePreviousOneAsItWas() {
    Reassembler empty = new Reassembler(4, 4096);
    Step s = feed(empty, PING.subList(0, 5), 0);
    assertEquals(0, empty.inProgress());
    Step a = feed(s.reassembler(), PING.subList(5, 10), 1);
    Step b = feed(s.reassembler(), PING.subList(5, 10), 1);
    assertArrayEquals(decompressed(a.outcome()), decompressed(b.outcome()));
    assertEquals(1, s.reassembler().inProgress());
  }

  @Test
  void uncompressedIpv6DispatchReassemblesToo_rfc4944Section5_1() {
    byte[] packet = Packets.ipv6(0, 0, 59, 64, IphcCompressorTest.LL_A, IphcCompressorTest.LL_B,
        new byte[300]);
    byte[] datagram = new byte[packet.length + 1];
    datagram[0] = IphcDecompressor.IPV6_DISPATCH;
    System.arraycopy(packet, 0, datagram, 1, packet.length);
    List<byte[]> frames = new ArrayList<>(Fragmenter.fragment(datagram, 77, FRAME_PAYLOAD));
    Collections.reverse(frames);
    Step s = feed(new Reassembler(4, 4096), frames, 0);
    assertArrayEquals(packet, decompressed(s.outcome()));
  }

  @Test
  void malformedFramesFailAndChangeNothing() {
    Reassembler r = new Reassembler(4, 4096);
    Decoded<Step> d = r.accept(NODE_A, NODE_B, Packets.hex("c3e8"), 0);
    assertInstanceOf(Decoded.Failed.class, d);
  }
}

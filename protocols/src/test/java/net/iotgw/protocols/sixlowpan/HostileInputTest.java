package net.iotgw.protocols.sixlowpan;

import static net.iotgw.protocols.sixlowpan.Packets.NODE_A;
import static net.iotgw.protocols.sixlowpan.Packets.NODE_B;
import static net.iotgw.protocols.sixlowpan.Packets.SHORT_1;
import static net.iotgw.protocols.sixlowpan.Packets.SHORT_2;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.junit.jupiter.api.Test;

/**
 * Truncated, mutated and random input never makes a decoder throw, never holds more than the
 * limits allow, and never allocates from a length field; and whatever IPv6 packet the compressor
 * accepts comes back whole.
 */
class HostileInputTest {
  private static final ContextTable CONTEXTS = IphcRoundTripTest.CONTEXTS;
  private static final LinkAddress[] LINKS = {NODE_A, NODE_B, SHORT_1, SHORT_2};

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** Valid IPv6 packets of every kind the round-trip test builds. */
  static List<byte[]> packets() {
    List<byte[]> out = new ArrayList<>();
    LinkAddress s = NODE_A;
    LinkAddress d = NODE_B;
    for (IphcRoundTripTest.Address src : IphcRoundTripTest.sources(s)) {
      for (IphcRoundTripTest.Address dst : IphcRoundTripTest.destinations(d)) {
        IphcRoundTripTest.Next nh =
            IphcRoundTripTest.NEXT.get(out.size() % IphcRoundTripTest.NEXT.size());
        int[] tf = IphcRoundTripTest.TF[out.size() % 4];
        out.add(Packets.ipv6(tf[0], tf[1], nh.nextHeader(), 64, src.addr(), dst.addr(),
            nh.payload()));
      }
    }
    return out;
  }

  static List<byte[]> datagrams() {
    List<byte[]> out = new ArrayList<>();
    for (byte[] p : packets()) {
      out.add(IphcCompressor.compress(p, NODE_A, NODE_B, CONTEXTS).orThrow());
    }
    byte[] raw = packets().get(0);
    byte[] dispatched = new byte[raw.length + 1];
    dispatched[0] = 0x41;
    System.arraycopy(raw, 0, dispatched, 1, raw.length);
    out.add(dispatched);
    return out;
  }

  static List<byte[]> frames() {
    List<byte[]> out = new ArrayList<>(ReassemblerTest.PING);
    out.addAll(datagrams());
    return out;
  }

  @Test
  void truncationAtEveryOffsetFailsCleanly() {
    for (byte[] datagram : datagrams()) {
      for (int n = 0; n < datagram.length; n++) {
        byte[] cut = Arrays.copyOf(datagram, n);
        Decoded<byte[]> d = IphcDecompressor.decompress(cut, NODE_A, NODE_B, CONTEXTS);
        Decoded<HeaderSizes> m = IphcDecompressor.measure(cut, 0, n);
        if (m.isOk()) {
          // The header is whole, so only the payload is shorter: a shorter packet, or a bad
          // length for the uncompressed dispatch.
          assertTrue(d.isOk() || datagram[0] == 0x41);
        } else {
          assertEquals(DecodeError.Kind.TRUNCATED, ((Decoded.Failed<HeaderSizes>) m).error().kind());
          assertInstanceOf(Decoded.Failed.class, d);
        }
      }
    }
    for (byte[] frame : ReassemblerTest.PING) {
      for (int n = 0; n < frame.length; n++) {
        byte[] cut = Arrays.copyOf(frame, n);
        Decoded<Fragment> f = Fragment.decode(cut);
        if (n < 5) {
          assertInstanceOf(Decoded.Failed.class, f, "header cut at " + n);
        }
        new Reassembler(2, 512).accept(NODE_A, NODE_B, cut, 0);
      }
    }
  }

  @Test
  void randomMutationsNeverThrowAndNeverPassTheLimits() {
    Random rnd = new Random(6282);
    List<byte[]> corpus = frames();
    Reassembler r = new Reassembler(8, 2048);
    long now = 0;
    for (int round = 0; round < 200_000; round++) {
      byte[] m = mutate(corpus.get(rnd.nextInt(corpus.size())), rnd);
      LinkAddress src = LINKS[rnd.nextInt(LINKS.length)];
      LinkAddress dst = LINKS[rnd.nextInt(LINKS.length)];
      IphcDecompressor.decompress(m, src, dst, CONTEXTS);
      IphcDecompressor.measure(m, 0, m.length);
      Decoded<Reassembler.Step> s = r.accept(src, dst, m, now);
      if (s instanceof Decoded.Ok<Reassembler.Step> ok) {
        r = ok.value().reassembler();
        if (ok.value().outcome() instanceof Reassembler.Complete c) {
          IphcDecompressor.decompress(c.datagram(), src, dst, CONTEXTS);
        }
      }
      assertTrue(r.inProgress() <= 8 && r.bytesHeld() <= 2048, r.toString());
      now += rnd.nextInt(1000);
    }
  }

  @Test
  void whateverTheCompressorAcceptsComesBackWhole() {
    Random rnd = new Random(1280);
    List<byte[]> corpus = packets();
    int accepted = 0;
    for (int round = 0; round < 100_000; round++) {
      byte[] p = mutate(corpus.get(rnd.nextInt(corpus.size())), rnd);
      LinkAddress src = LINKS[rnd.nextInt(LINKS.length)];
      LinkAddress dst = LINKS[rnd.nextInt(LINKS.length)];
      Decoded<byte[]> c = IphcCompressor.compress(p, src, dst, CONTEXTS);
      if (c instanceof Decoded.Ok<byte[]> ok) {
        accepted++;
        assertArrayEquals(p, IphcDecompressor.decompress(ok.value(), src, dst, CONTEXTS).orThrow());
      }
    }
    assertTrue(accepted > 10_000, "mutations that stay IPv6: " + accepted);
  }

  @Test
  void datagramSizeDoesNotDriveAllocation_rfc4944Section5_3() {
    // The same 8-byte first fragment claiming 2047 or 64 bytes: what is held, and allocated,
    // follows what arrived.
    byte[] big = Packets.hex("c7ff 0001 7a33 3a 8000 0000 0000");
    byte[] small = Packets.hex("c040 0001 7a33 3a 8000 0000 0000");
    Reassembler r = new Reassembler(8, 4096);
    // Warm up both paths so that linking and class loading do not count.
    for (int i = 0; i < 1000; i++) {
      r.accept(NODE_A, NODE_B, big, 0);
      r.accept(NODE_A, NODE_B, small, 0);
    }
    long bigBytes = allocatedBy(() -> r.accept(NODE_A, NODE_B, big, 0));
    long smallBytes = allocatedBy(() -> r.accept(NODE_A, NODE_B, small, 0));
    assertTrue(bigBytes - smallBytes < 256, bigBytes + " vs " + smallBytes);
    assertEquals(9, r.accept(NODE_A, NODE_B, big, 0).orThrow().reassembler().bytesHeld());
  }

  private static long allocatedBy(Runnable run) {
    long before = THREADS.getCurrentThreadAllocatedBytes();
    run.run();
    return THREADS.getCurrentThreadAllocatedBytes() - before;
  }

  static byte[] mutate(byte[] base, Random rnd) {
    byte[] m = base.clone();
    switch (rnd.nextInt(5)) {
      case 0 -> {
        for (int i = 1 + rnd.nextInt(4); i > 0; i--) {
          m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
        }
      }
      case 1 -> {
        int at = rnd.nextInt(Math.min(m.length, 8));
        m[at] ^= (byte) (1 << rnd.nextInt(8));
      }
      case 2 -> m = Arrays.copyOf(m, rnd.nextInt(m.length + 1));
      case 3 -> {
        m = Arrays.copyOf(m, m.length + 1 + rnd.nextInt(16));
        for (int i = base.length; i < m.length; i++) {
          m[i] = (byte) rnd.nextInt(256);
        }
      }
      default -> {
        m = new byte[rnd.nextInt(64)];
        rnd.nextBytes(m);
        if (m.length > 0 && rnd.nextBoolean()) {
          m[0] = (byte) (0x60 | rnd.nextInt(32));
        }
      }
    }
    return m;
  }
}

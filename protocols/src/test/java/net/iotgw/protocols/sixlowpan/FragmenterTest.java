package net.iotgw.protocols.sixlowpan;

import static net.iotgw.protocols.sixlowpan.IphcCompressorTest.LL_A;
import static net.iotgw.protocols.sixlowpan.IphcCompressorTest.LL_B;
import static net.iotgw.protocols.sixlowpan.Packets.NODE_A;
import static net.iotgw.protocols.sixlowpan.Packets.NODE_B;
import static net.iotgw.protocols.sixlowpan.Packets.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FragmenterTest {
  /**
   * 127 bytes of PHY payload less a data frame's MAC header with PAN ID compression and two
   * extended addresses (2 + 1 + 2 + 8 + 8) and the FCS (2).
   */
  static final int FRAME_PAYLOAD = 127 - 21 - 2;

  /** A 1,000-byte IPv6 packet: a link-local ICMPv6 echo request with 952 bytes of data. */
  static byte[] thousandBytePing() {
    byte[] data = new byte[952];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    return Packets.ipv6(0, 0, 58, 64, LL_A, LL_B, Packets.echoRequest(0x1234, 7, 1, data));
  }

  static byte[] compressedPing() {
    return IphcCompressor.compress(thousandBytePing(), NODE_A, NODE_B, ContextTable.EMPTY)
        .orThrow();
  }

  @Test
  void thousandBytePingFitsTenFramesOf127Bytes_rfc4944Section5_3() {
    List<byte[]> frames = Fragmenter.fragment(compressedPing(), 0x0102, FRAME_PAYLOAD);
    assertEquals(10, frames.size());
    // FRAG1: size 1000 = 0x3e8, tag 0102, the 3-byte IPHC header and 96 bytes of the echo:
    // 136 bytes of the uncompressed packet, a multiple of 8.
    assertEquals("c3e80102" + "7a333a", hex(frames.get(0)).substring(0, 14));
    assertEquals(4 + 3 + 96, frames.get(0).length);
    for (int i = 1; i < frames.size(); i++) {
      SubsequentFragment f = (SubsequentFragment) Fragment.decode(frames.get(i)).orThrow();
      assertEquals(1000, f.datagramSize());
      assertEquals(0x0102, f.tag());
      assertEquals(136 + 96 * (i - 1), f.offset());
      assertEquals(96, f.extent());
    }
    for (byte[] frame : frames) {
      assertTrue(frame.length <= FRAME_PAYLOAD);
    }
  }

  @Test
  void fragmentsPutBackInOrderAreTheDatagram() {
    byte[] datagram = compressedPing();
    for (int payload : new int[] {13, 20, 50, 81, 104, 118}) {
      List<byte[]> frames = Fragmenter.fragment(datagram, 9, payload);
      byte[] rebuilt = new byte[datagram.length];
      int at = 0;
      int covered = 0;
      for (byte[] frame : frames) {
        Fragment f = Fragment.decode(frame).orThrow();
        assertEquals(covered, f.offset(), "payload " + payload);
        covered += f.extent();
        byte[] p = f.payload();
        System.arraycopy(p, 0, rebuilt, at, p.length);
        at += p.length;
        assertTrue(frame.length <= payload);
        assertTrue(covered == 1000 || covered % 8 == 0, "all but the last end on 8 bytes");
      }
      assertEquals(1000, covered);
      assertArrayEquals(datagram, rebuilt);
    }
  }

  @Test
  void aDatagramThatFitsIsSentWhole() {
    byte[] datagram = hex("7a33 3a 80000000");
    List<byte[]> frames = Fragmenter.fragment(datagram, 1, FRAME_PAYLOAD);
    assertEquals(1, frames.size());
    assertArrayEquals(datagram, frames.get(0));
  }

  @Test
  void uncompressedIpv6DispatchIsFragmentedToo() {
    byte[] datagram = new byte[1 + 300];
    datagram[0] = 0x41;
    System.arraycopy(Packets.ipv6(0, 0, 59, 64, LL_A, LL_B, new byte[260]), 0, datagram, 1, 300);
    List<byte[]> frames = Fragmenter.fragment(datagram, 1, FRAME_PAYLOAD);
    FirstFragment first = (FirstFragment) Fragment.decode(frames.get(0)).orThrow();
    assertEquals(300, first.datagramSize());
    assertEquals(96, first.extent());
    assertEquals(new HeaderSizes(1, 0), first.header());
  }

  @Test
  void refusesWhatCannotBeFragmented() {
    byte[] datagram = compressedPing();
    assertThrows(IllegalArgumentException.class, () -> Fragmenter.fragment(datagram, 1, 12));
    assertThrows(IllegalArgumentException.class,
        () -> Fragmenter.fragment(hex("7a33 3a" + "00".repeat(2008)), 1, FRAME_PAYLOAD));
    assertThrows(IllegalArgumentException.class,
        () -> Fragmenter.fragment(new byte[200], 1, FRAME_PAYLOAD));
  }
}

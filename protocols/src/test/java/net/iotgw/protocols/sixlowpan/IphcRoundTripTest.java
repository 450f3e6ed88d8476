package net.iotgw.protocols.sixlowpan;

import static net.iotgw.protocols.sixlowpan.Packets.NODE_A;
import static net.iotgw.protocols.sixlowpan.Packets.NODE_B;
import static net.iotgw.protocols.sixlowpan.Packets.SHORT_1;
import static net.iotgw.protocols.sixlowpan.Packets.SHORT_2;
import static net.iotgw.protocols.sixlowpan.Packets.addr;
import static net.iotgw.protocols.sixlowpan.Packets.hex;
import static net.iotgw.protocols.sixlowpan.Packets.ipv6;
import static net.iotgw.protocols.sixlowpan.Packets.udp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every combination of TF, NH, HLIM, source SAC/SAM and destination M/DAC/DAM (RFC 6282 §3.1.1),
 * with addresses made to fit each mode, under EUI-64 and short link addresses: the compressor picks
 * the expected bits and header length, and the decompressor gives the packet back byte for byte.
 *
 * <p>The same 234 compressed headers, put in 802.15.4 frames, were read by Wireshark 4.0's 6LoWPAN
 * dissector (contexts 0 and 5 configured) into the same IPv6 and UDP fields: a one-off check by
 * hand, since this suite runs without tshark.
 */
class IphcRoundTripTest {
  static final ContextTable CONTEXTS = ContextTable.of(
      new Context(0, addr("2001:db8:1::"), 64), new Context(5, addr("2001:db8:5::"), 64));

  /** An address and the encoding the compressor must choose for it. */
  record Address(String name, byte[] addr, boolean ac, boolean m, int am, int context, int inline) {
    @Override
    public String toString() {
      return name;
    }
  }

  record Link(String name, LinkAddress src, LinkAddress dst) {
    @Override
    public String toString() {
      return name;
    }
  }

  record Next(String name, int nextHeader, byte[] payload, boolean nhc, int nhcLength) {}

  static byte[] withIid(String prefix, LinkAddress link) {
    byte[] a = addr(prefix);
    System.arraycopy(link.interfaceIdentifier(), 0, a, 8, 8);
    return a;
  }

  static List<Address> unicast(LinkAddress link) {
    return List.of(
        new Address("link-local from link", withIid("fe80::", link), false, false, 3, -1, 0),
        new Address("link-local 16 bits", addr("fe80::ff:fe00:beef"), false, false, 2, -1, 2),
        new Address("link-local 64 bits", addr("fe80::1:2:3:4"), false, false, 1, -1, 8),
        new Address("global inline", addr("2001:db8:99::5"), false, false, 0, -1, 16),
        new Address("ctx0 from link", withIid("2001:db8:1::", link), true, false, 3, 0, 0),
        new Address("ctx0 16 bits", addr("2001:db8:1::ff:fe00:beef"), true, false, 2, 0, 2),
        new Address("ctx0 64 bits", addr("2001:db8:1:0:1:2:3:4"), true, false, 1, 0, 8),
        new Address("ctx5 from link", withIid("2001:db8:5::", link), true, false, 3, 5, 0));
  }

  static List<Address> sources(LinkAddress link) {
    List<Address> out = new ArrayList<>(unicast(link));
    out.add(new Address("unspecified", new byte[16], true, false, 0, -1, 0));
    return out;
  }

  static List<Address> destinations(LinkAddress link) {
    List<Address> out = new ArrayList<>(unicast(link));
    out.add(new Address("ff02::1", addr("ff02::1"), false, true, 3, -1, 1));
    out.add(new Address("ff05::1:3", addr("ff05::1:3"), false, true, 2, -1, 4));
    out.add(new Address("ff0e 48 bits", addr("ff0e::12:3456:789a"), false, true, 1, -1, 6));
    out.add(new Address("ff0e 128 bits", addr("ff0e:0:0:1::1"), false, true, 0, -1, 16));
    out.add(new Address("unicast-prefix-based", addr("ff35:40:2001:db8:1:0:1234:5678"),
        true, true, 0, 0, 6));
    return out;
  }

  static final List<Next> NEXT = List.of(
      new Next("ICMPv6", 58, hex("8000 1234 0001 0001 deadbeef"), false, 0),
      new Next("UDP F0Bx", 17, udp(0xf0b1, 0xf0bf, 0x1234, hex("0102")), true, 4),
      new Next("UDP F0xx dst", 17, udp(5683, 0xf0ff, 0x1234, hex("0102")), true, 6),
      new Next("UDP F0xx src", 17, udp(0xf000, 0x1633, 0x1234, hex("0102")), true, 6),
      new Next("UDP", 17, udp(49152, 5683, 0x1234, new byte[0]), true, 7),
      new Next("UDP bad length", 17, hex("c000 1633 0007 1234 01"), false, 0),
      new Next("TCP", 6, hex("00500050 00000001 00000000 5002ffff 12340000"), false, 0),
      new Next("no next header", 59, new byte[0], false, 0));

  /** {traffic class, flow label, expected TF, in-line bytes}. */
  static final int[][] TF = {{0, 0, 3, 0}, {0xb8, 0, 2, 1}, {0x01, 0x12345, 1, 3},
      {0xb9, 0xabcde, 0, 4}};

  /** {hop limit, expected HLIM}. */
  static final int[][] HLIM = {{1, 1}, {64, 2}, {255, 3}, {63, 0}};

  static Stream<Arguments> combinations() {
    List<Arguments> out = new ArrayList<>();
    for (Link link : List.of(new Link("EUI-64", NODE_A, NODE_B),
        new Link("short", SHORT_1, SHORT_2))) {
      for (Address s : sources(link.src())) {
        for (Address d : destinations(link.dst())) {
          out.add(Arguments.of(link, s, d));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @MethodSource("combinations")
  void compressesToTheExpectedModesAndBack_rfc6282Section3_1_1(Link link, Address s, Address d) {
    for (int[] tf : TF) {
      for (int[] hl : HLIM) {
        for (Next nh : NEXT) {
          String what = "TF " + tf[2] + ", HLIM " + hl[1] + ", " + nh.name();
          byte[] packet = ipv6(tf[0], tf[1], nh.nextHeader(), hl[0], s.addr(), d.addr(),
              nh.payload());
          byte[] c = IphcCompressor.compress(packet, link.src(), link.dst(), CONTEXTS).orThrow();
          int b0 = c[0] & 0xff;
          int b1 = c[1] & 0xff;
          assertEquals(0x60 | (tf[2] << 3) | (nh.nhc() ? 4 : 0) | hl[1], b0, what);
          boolean cid = s.context() > 0 || d.context() > 0;
          int expected1 = (cid ? 0x80 : 0) | (s.ac() ? 0x40 : 0) | (s.am() << 4)
              | (d.m() ? 8 : 0) | (d.ac() ? 4 : 0) | d.am();
          assertEquals(expected1, b1, what);
          if (cid) {
            assertEquals((Math.max(s.context(), 0) << 4) | Math.max(d.context(), 0),
                c[2] & 0xff, what);
          }
          int header = 2 + (cid ? 1 : 0) + tf[3] + (nh.nhc() ? nh.nhcLength() : 1)
              + (hl[1] == 0 ? 1 : 0) + s.inline() + d.inline();
          int carried = nh.payload().length - (nh.nhc() ? 8 : 0);
          assertEquals(header + carried, c.length, what);
          assertArrayEquals(packet,
              IphcDecompressor.decompress(c, link.src(), link.dst(), CONTEXTS).orThrow(), what);
        }
      }
    }
  }
}

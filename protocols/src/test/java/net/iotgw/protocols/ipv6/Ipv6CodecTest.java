package net.iotgw.protocols.ipv6;

import static net.iotgw.protocols.ipv6.Captures.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Ipv6CodecTest {

  @Test
  void decodesTheFixedHeaderRfc8200Section3() {
    Ipv6Packet p = Ipv6Codec.decode(Captures.get("lo-echo-request")).orThrow();
    assertEquals(0, p.trafficClass());
    assertEquals(0x23187, p.flowLabel());
    assertEquals(64, p.hopLimit());
    assertEquals(Ipv6Address.LOOPBACK, p.source());
    assertEquals(Ipv6Address.LOOPBACK, p.destination());
    assertEquals(58, p.nextHeader());
    assertEquals(58, p.protocol());
    assertEquals(32, p.payloadLength());
    assertEquals(List.of(), p.extensionHeaders());
  }

  @Test
  void everyCaptureReencodesToTheSameOctets() {
    for (String name : Captures.names()) {
      byte[] packet = Captures.get(name);
      assertArrayEquals(packet, Ipv6Codec.encode(Ipv6Codec.decode(packet).orThrow()), name);
    }
  }

  @Test
  void walksHopByHopAndDestinationOptionsToUdpRfc8200Section4() {
    Ipv6Packet p = Ipv6Codec.decode(Captures.get("udp-hop-by-hop-destination-options")).orThrow();
    assertEquals(0, p.nextHeader());
    assertEquals(
        List.of(
            new ExtensionHeader(ExtensionHeaderType.HOP_BY_HOP_OPTIONS, hex("010400000000")),
            new ExtensionHeader(
                ExtensionHeaderType.DESTINATION_OPTIONS, hex("1e02aabb 01080000000000000000"))),
        p.extensionHeaders());
    assertEquals(17, p.protocol());
    assertEquals("9c400007000b2ea3657874", hex(p.payload()));
  }

  @Test
  void findsFragmentHeadersRfc8200Section4_5() {
    Ipv6Packet first = Ipv6Codec.decode(Captures.get("udp-fragment-first")).orThrow();
    assertEquals(44, first.nextHeader());
    assertEquals(17, first.protocol());
    assertEquals(Optional.of(new FragmentHeader(0, true, 0x7e4c1e11L)), first.fragmentHeader());
    assertEquals(1232, first.payload().length);
    Ipv6Packet last = Ipv6Codec.decode(Captures.get("udp-fragment-last")).orThrow();
    FragmentHeader fh = last.fragmentHeader().orElseThrow();
    assertEquals(1232, fh.byteOffset());
    assertEquals(false, fh.more());
    assertEquals(0x7e4c1e11L, fh.identification());
    // Linux fragments at 1232 octets: 8 UDP header + 1224 of data in the first fragment.
    assertEquals(1232 + last.payload().length, 8 + 1536);
    assertEquals(fh.toExtensionHeader(), last.extensionHeaders().get(0));
  }

  @Test
  void encodesTheNextHeaderChainAndLengths() {
    Ipv6Address a = Ipv6Address.of("2001:db8::1");
    Ipv6Address b = Ipv6Address.of("2001:db8::2");
    Ipv6Packet p =
        new Ipv6Packet(
            0xb8,
            0xabcde,
            255,
            a,
            b,
            List.of(
                new ExtensionHeader(ExtensionHeaderType.HOP_BY_HOP_OPTIONS, hex("010400000000")),
                new FragmentHeader(3, true, 0x01020304L).toExtensionHeader(),
                new ExtensionHeader(
                    ExtensionHeaderType.AUTHENTICATION, hex("0000 00000001 00000002 aabbccdd"))),
            50,
            hex("00000001"));
    assertEquals(
        ("6b8abcde 0024 00 ff 20010db8000000000000000000000001 20010db8000000000000000000000002"
                + " 2c 00 010400000000" // Hop-by-Hop: next Fragment, 8 octets
                + " 33 00 0019 01020304" // Fragment: next AH, offset 3, M
                + " 32 02 0000 00000001 00000002 aabbccdd" // AH: next ESP, (2 + 2) * 4 octets
                + " 00000001")
            .replace(" ", ""),
        hex(Ipv6Codec.encode(p)));
    assertEquals(p, Ipv6Codec.decode(Ipv6Codec.encode(p)).orThrow());
  }

  @Test
  void refusesInconsistentPackets() {
    Ipv6Address a = Ipv6Address.LOOPBACK;
    ExtensionHeader hbh = new ExtensionHeader(ExtensionHeaderType.HOP_BY_HOP_OPTIONS, new byte[6]);
    ExtensionHeader dst = new ExtensionHeader(ExtensionHeaderType.DESTINATION_OPTIONS, new byte[6]);
    assertThrows(
        IllegalArgumentException.class,
        () -> new Ipv6Packet(0, 0, 64, a, a, List.of(dst, hbh), 59, new byte[0]));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Ipv6Packet(0, 0, 64, a, a, List.of(), 44, new byte[0]));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Ipv6Packet(0, 0x100000, 64, a, a, List.of(), 59, new byte[0]));
    assertThrows(
        IllegalArgumentException.class, () -> Ipv6Packet.of(a, a, 17, 64, new byte[0x10000]));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ExtensionHeader(ExtensionHeaderType.ROUTING, new byte[5]));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ExtensionHeader(ExtensionHeaderType.FRAGMENT, new byte[14]));
  }
}

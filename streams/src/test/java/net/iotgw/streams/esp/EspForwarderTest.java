package net.iotgw.streams.esp;

import static net.iotgw.streams.esp.EspFixtures.CD_IN;
import static net.iotgw.streams.esp.EspFixtures.CD_OUT;
import static net.iotgw.streams.esp.EspFixtures.UD_PORT;
import static net.iotgw.streams.esp.EspFixtures.esp;
import static net.iotgw.streams.esp.EspFixtures.espInUdp;
import static net.iotgw.streams.esp.EspFixtures.rawEsp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.stream.Stream;
import net.iotgw.protocols.esp.EspPayload;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.ipv6.Ipv6Prefix;
import net.iotgw.protocols.ipv6.UdpCodec;
import net.iotgw.protocols.ipv6.UdpDatagram;
import net.iotgw.streams.esp.EspForwarder.Downlink;
import net.iotgw.streams.esp.EspForwarder.Dropped;
import net.iotgw.streams.esp.EspForwarder.ToCd;
import net.iotgw.streams.esp.EspForwarder.ToIke;
import net.iotgw.streams.esp.EspForwarder.ToUcn;
import net.iotgw.streams.esp.EspForwarder.Uplink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The forwarder's decisions one packet at a time, checked octet by octet. */
class EspForwarderTest {
  static final Ipv6Prefix PREFIX = Ipv6Prefix.of("2001:db8:cd::/64");
  static final Ipv6Address CD = Ipv6Address.of("2001:db8:cd::212:4b00:a0b:c0d");
  static final Ipv6Address OTHER_CD = Ipv6Address.of("2001:db8:cd::212:4b00:a0b:c0e");
  static final Ipv6Address UD = Ipv6Address.of("2001:db8:1::a");
  static final Ipv6Address STRANGER = Ipv6Address.of("2001:db8:6::66");

  private final EspForwardingTable table = new EspForwardingTable();

  {
    // Both CDs have IKE profiles: the gateway answers their IKE and routes their ESP.
    table.ikeOffload().offload(CD);
    table.ikeOffload().offload(OTHER_CD);
  }
  private final EspCounters counters = new EspCounters();
  private final EspForwarder forwarder = new EspForwarder(table, PREFIX, counters);

  static Stream<EspPayload> bothModes() {
    return Stream.of(EspFixtures.tunnel(UD, CD, 1), EspFixtures.transport(1));
  }

  private EspRoute encapsulated() {
    EspRoute r = EspRoute.udpEncapsulated(CD, CD_IN, CD_OUT, UD, UD_PORT);
    table.install(r);
    return r;
  }

  private EspRouteCounters routeCounters() {
    return table.forDownlink(CD_IN).orElseThrow().counters();
  }

  private static byte[] toCd(Downlink d) {
    return assertInstanceOf(ToCd.class, d).packet();
  }

  private static byte[] toUcn(Uplink u) {
    return assertInstanceOf(ToUcn.class, u).packet();
  }

  private static EspDrop dropped(Object o) {
    return assertInstanceOf(Dropped.class, o).reason();
  }

  @ParameterizedTest
  @MethodSource("bothModes")
  void espInUdpFromTheUdBecomesRawEspToTheCdWithTheSameEspOctets_rfc3948Section3_2(
      EspPayload payload) {
    encapsulated();
    byte[] esp = esp(CD_IN, 7, payload);
    byte[] out = toCd(forwarder.fromUcn(espInUdp(UD, UD_PORT, CD, 4500, esp, 63)));
    assertArrayEquals(rawEsp(UD, CD, 62, esp), out, "NH 50, hop limit one less, ESP as sent");
    assertEquals(1, routeCounters().downlinkPackets());
    assertEquals(esp.length, routeCounters().downlinkOctets());
    assertEquals(1, counters.forwardedToCds());
  }

  @ParameterizedTest
  @MethodSource("bothModes")
  void rawEspFromTheCdLeavesInUdpFromPort4500ToTheUdsPortWithARealChecksum_rfc3948Section2_1(
      EspPayload payload) {
    encapsulated();
    byte[] esp = esp(CD_OUT, 9, payload);
    byte[] out = toUcn(forwarder.fromRadio(rawEsp(CD, UD, 64, esp)));
    assertArrayEquals(EspFixtures.udp(CD, 4500, UD, UD_PORT, 63, esp), out);
    // IPv6 forbids the zero checksum RFC 3948 allows over IPv4 (RFC 8200 §8.1): a receiver's
    // decoder verifies it.
    UdpDatagram udp = UdpCodec.decode(Ipv6Codec.decode(out).orThrow()).orThrow();
    assertArrayEquals(esp, udp.payload());
    assertEquals(1, routeCounters().uplinkPackets());
    assertEquals(esp.length, routeCounters().uplinkOctets());
    assertEquals(1, counters.forwardedToUds());
  }

  @Test
  void theTrafficClassAndFlowLabelStayWithTheRewrappedPacket() {
    encapsulated();
    byte[] esp = esp(CD_IN, 1, EspFixtures.transport(1));
    byte[] in = espInUdp(UD, UD_PORT, CD, 4500, esp, 64);
    in[0] = 0x6b; // traffic class 0xb8 (EF), flow label 0x12345
    in[1] = (byte) 0x81;
    in[2] = 0x23;
    in[3] = 0x45;
    byte[] out = toCd(forwarder.fromUcn(in));
    assertArrayEquals(new byte[] {0x6b, (byte) 0x81, 0x23, 0x45}, java.util.Arrays.copyOf(out, 4));
  }

  @Test
  void rawEspBothWaysIsForwardedUnchangedOnARawRoute() {
    table.install(EspRoute.raw(CD, CD_IN, CD_OUT, UD));
    byte[] down = rawEsp(UD, CD, 60, esp(CD_IN, 1, EspFixtures.transport(1)));
    byte[] up = rawEsp(CD, UD, 64, esp(CD_OUT, 1, EspFixtures.transport(2)));
    assertSame(down, toCd(forwarder.fromUcn(down)));
    assertSame(up, toUcn(forwarder.fromRadio(up)));
    assertEquals(1, routeCounters().downlinkPackets());
    assertEquals(1, routeCounters().uplinkPackets());
  }

  @Test
  void rawEspFromTheUdIsForwardedUnchangedOnAnEncapsulatedRouteToo() {
    encapsulated();
    byte[] down = rawEsp(UD, CD, 60, esp(CD_IN, 1, EspFixtures.transport(1)));
    assertSame(down, toCd(forwarder.fromUcn(down)));
  }

  @Test
  void espForAnUnknownSpiIsDroppedAndCountedEitherWay() {
    encapsulated();
    byte[] esp = esp(0x0bad_0001, 1, EspFixtures.transport(1));
    assertEquals(
        EspDrop.NO_ROUTE_FROM_UD,
        dropped(forwarder.fromUcn(espInUdp(UD, UD_PORT, CD, 4500, esp, 64))));
    assertEquals(EspDrop.NO_ROUTE_FROM_UD, dropped(forwarder.fromUcn(rawEsp(UD, CD, 64, esp))));
    assertEquals(EspDrop.NO_ROUTE_FROM_CD, dropped(forwarder.fromRadio(rawEsp(CD, UD, 64, esp))));
    // A known SPI, but not for this CD, or (uplink) not towards this UD.
    byte[] toOther = esp(CD_IN, 1, EspFixtures.transport(1));
    assertEquals(
        EspDrop.NO_ROUTE_FROM_UD,
        dropped(forwarder.fromUcn(espInUdp(UD, UD_PORT, OTHER_CD, 4500, toOther, 64))));
    byte[] fromCd = esp(CD_OUT, 1, EspFixtures.transport(1));
    assertEquals(
        EspDrop.NO_ROUTE_FROM_CD, dropped(forwarder.fromRadio(rawEsp(CD, STRANGER, 64, fromCd))));
    assertEquals(5, counters.espNoRoute());
    assertEquals(3, counters.espNoRouteFromUd());
    assertEquals(0, routeCounters().downlinkPackets() + routeCounters().uplinkPackets());
  }

  @Test
  void espWithAKnownSpiFromAnotherAddressThanTheRoutesUdIsDropped() {
    encapsulated();
    byte[] esp = esp(CD_IN, 1, EspFixtures.transport(1));
    assertEquals(
        EspDrop.WRONG_PEER,
        dropped(forwarder.fromUcn(espInUdp(STRANGER, UD_PORT, CD, 4500, esp, 64))));
    assertEquals(1, counters.dropped(EspDrop.WRONG_PEER));
    assertEquals(0, counters.espNoRoute());
  }

  @Test
  void aNatKeepaliveIsDroppedSilentlyAndCounted_rfc3948Section2_3() {
    encapsulated();
    assertEquals(
        EspDrop.KEEPALIVE,
        dropped(forwarder.fromUcn(espInUdp(UD, UD_PORT, CD, 4500, new byte[] {(byte) 0xff}, 64))));
    assertEquals(1, counters.keepalives());
    assertEquals(0, counters.espNoRoute());
  }

  @Test
  void ikeBehindTheNonEspMarkerOnPort4500GoesToTheIkePortWithoutTheMarker_rfc3948Section2_2() {
    byte[] message = EspFixtures.ikeMessage(1);
    ToIke ike =
        assertInstanceOf(
            ToIke.class,
            forwarder.fromUcn(
                espInUdp(UD, UD_PORT, CD, 4500, EspFixtures.marked(message), 64)));
    assertEquals(new IkeDatagram(UD, UD_PORT, CD, 4500, message), ike.datagram());
    assertEquals(0, counters.espNoRoute());
  }

  @Test
  void ikeOnPort500GoesToTheIkePortAsIs_rfc7296Section2() {
    byte[] message = EspFixtures.ikeMessage(2);
    ToIke ike =
        assertInstanceOf(
            ToIke.class, forwarder.fromUcn(espInUdp(UD, 500, CD, 500, message, 64)));
    assertEquals(new IkeDatagram(UD, 500, CD, 500, message), ike.datagram());
  }

  @Test
  void ikeAndEspOnlyForAddressesInTheCdPrefixAndOnlyRightAfterTheFixedHeader() {
    encapsulated();
    Ipv6Address elsewhere = Ipv6Address.of("2001:db8:2::1");
    byte[] ike = espInUdp(UD, 500, elsewhere, 500, EspFixtures.ikeMessage(3), 64);
    byte[] esp =
        espInUdp(UD, UD_PORT, elsewhere, 4500, esp(CD_IN, 1, EspFixtures.transport(1)), 64);
    assertSame(ike, toCd(forwarder.fromUcn(ike)));
    assertSame(esp, toCd(forwarder.fromUcn(esp)));
    byte[] coap = espInUdp(UD, 5683, CD, 5683, new byte[12], 64);
    byte[] echo = Ipv6Codec.encode(Ipv6Packets.icmpEchoRequest(UD, CD, 1, 1, new byte[8], 64));
    assertSame(coap, toCd(forwarder.fromUcn(coap)));
    assertSame(echo, toCd(forwarder.fromUcn(echo)));
    assertSame(coap, toUcn(forwarder.fromRadio(coap)));
    byte[] notIpv6 = new byte[3];
    assertSame(notIpv6, toCd(forwarder.fromUcn(notIpv6)));
    assertSame(notIpv6, toUcn(forwarder.fromRadio(notIpv6)));
    assertEquals(0, counters.forwardedToCds() + counters.forwardedToUds());
  }

  @Test
  void udpToPort500Or4500ThatDoesNotDecodeIsDroppedAsMalformed() {
    encapsulated();
    byte[] esp = esp(CD_IN, 1, EspFixtures.transport(1));
    byte[] badChecksum = espInUdp(UD, UD_PORT, CD, 4500, esp, 64);
    badChecksum[badChecksum.length - 1] ^= 1;
    byte[] zeroChecksum = espInUdp(UD, UD_PORT, CD, 4500, esp, 64);
    zeroChecksum[46] = 0;
    zeroChecksum[47] = 0;
    byte[] threeOctets = espInUdp(UD, UD_PORT, CD, 4500, new byte[] {1, 2, 3}, 64);
    byte[] markerOnly = espInUdp(UD, UD_PORT, CD, 4500, new byte[4], 64);
    byte[] emptyIke = espInUdp(UD, 500, CD, 500, new byte[0], 64);
    byte[] shortRawEsp = rawEsp(UD, CD, 64, new byte[] {1, 2, 3, 4, 5, 6, 7});
    for (byte[] p : new byte[][] {badChecksum, zeroChecksum, threeOctets, markerOnly, emptyIke,
        shortRawEsp}) {
      assertEquals(EspDrop.MALFORMED, dropped(forwarder.fromUcn(p)));
    }
    byte[] shortFromCd = rawEsp(CD, UD, 64, new byte[] {1, 2, 3, 4, 5, 6, 7});
    assertEquals(EspDrop.MALFORMED, dropped(forwarder.fromRadio(shortFromCd)));
    assertEquals(7, counters.dropped(EspDrop.MALFORMED));
  }

  @Test
  void aRewrappedPacketWhoseHopLimitWouldReachZeroIsDropped_rfc8200Section3() {
    encapsulated();
    byte[] down = esp(CD_IN, 1, EspFixtures.transport(1));
    byte[] up = esp(CD_OUT, 1, EspFixtures.transport(1));
    assertEquals(
        EspDrop.HOP_LIMIT_EXCEEDED,
        dropped(forwarder.fromUcn(espInUdp(UD, UD_PORT, CD, 4500, down, 1))));
    assertEquals(EspDrop.HOP_LIMIT_EXCEEDED, dropped(forwarder.fromRadio(rawEsp(CD, UD, 1, up))));
    assertArrayEquals(
        rawEsp(UD, CD, 1, down), toCd(forwarder.fromUcn(espInUdp(UD, UD_PORT, CD, 4500, down, 2))));
    assertEquals(2, counters.dropped(EspDrop.HOP_LIMIT_EXCEEDED));
  }

  @Test
  void aRemovedRouteForwardsNothingMoreEitherWay() {
    encapsulated();
    byte[] down = espInUdp(UD, UD_PORT, CD, 4500, esp(CD_IN, 1, EspFixtures.transport(1)), 64);
    byte[] up = rawEsp(CD, UD, 64, esp(CD_OUT, 1, EspFixtures.transport(1)));
    toCd(forwarder.fromUcn(down));
    toUcn(forwarder.fromRadio(up));
    table.remove(CD_IN);
    assertEquals(EspDrop.NO_ROUTE_FROM_UD, dropped(forwarder.fromUcn(down)));
    assertEquals(EspDrop.NO_ROUTE_FROM_CD, dropped(forwarder.fromRadio(up)));
    assertEquals(2, counters.espNoRoute());
  }

  @Test
  void theIkePortsDatagramsAreEncodedFromTheCdsAddressWithTheMarkerOnlyOn4500() {
    byte[] message = EspFixtures.ikeMessage(4);
    assertArrayEquals(
        EspFixtures.udp(CD, 500, UD, 500, 64, message),
        new IkeDatagram(UD, 500, CD, 500, message).toPacket());
    assertArrayEquals(
        EspFixtures.udp(CD, 4500, UD, UD_PORT, 64, EspFixtures.marked(message)),
        new IkeDatagram(UD, UD_PORT, CD, 4500, message).toPacket());
    Ipv6Packet p = Ipv6Codec.decode(new IkeDatagram(UD, 4500, CD, 4500, message).toPacket())
        .orThrow();
    assertEquals(64, p.hopLimit());
  }
}

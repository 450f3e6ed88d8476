package net.iotgw.protocols.ipv6;

import static net.iotgw.protocols.ipv6.Captures.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.DecodeError.Kind;
import net.iotgw.protocols.wire.Decoded;
import org.junit.jupiter.api.Test;

class IcmpV6Test {
  private static final Ipv6Address GW = Ipv6Address.of("2001:db8::1");
  private static final Ipv6Address CD = Ipv6Address.of("2001:db8:1::212:4b00:102:304");

  private static Ipv6Packet captured(String name) {
    return Ipv6Codec.decode(Captures.get(name)).orThrow();
  }

  private static DecodeError error(Decoded<?> d) {
    return assertInstanceOf(Decoded.Failed.class, d).error();
  }

  @Test
  void decodesACapturedEchoRequestRfc4443Section4_1() {
    IcmpV6Message m = IcmpV6Codec.decode(captured("lo-echo-request")).orThrow();
    assertEquals(128, m.type());
    EchoMessage e = EchoMessage.from(m).orThrow();
    assertEquals(false, e.reply());
    assertEquals(0x4610, e.identifier());
    assertEquals(1, e.sequenceNumber());
    assertEquals("73f2066b00000000b4280f00000000006869686968696869", hex(e.data()));
  }

  @Test
  void echoReplyForAGivenRequestIsWhatLinuxSentRfc4443Section4_2() {
    for (String[] pair :
        new String[][] {{"lo-echo-request", "lo-echo-reply"}, {"echo-request", "echo-reply"}}) {
      Ipv6Packet reply = Ipv6Packets.echoReplyFor(captured(pair[0])).orThrow();
      byte[] expected = Captures.get(pair[1]);
      // The flow label is the only field Linux picks freely (RFC 6437).
      Ipv6Packet sameLabel = reply.withFlowLabel(captured(pair[1]).flowLabel());
      assertEquals(hex(expected), hex(Ipv6Codec.encode(sameLabel)), pair[0]);
    }
  }

  @Test
  void builtEchoRequestChecksumCheckedByTshark() {
    Ipv6Packet p =
        Ipv6Packets.icmpEchoRequest(
            GW, CD, 0x1234, 7, "ping".getBytes(StandardCharsets.US_ASCII), 64);
    assertEquals(
        "60000000000c3a40 20010db8000000000000000000000001 20010db80001000002124b0001020304"
                .replace(" ", "")
            + "8000e2201234000770696e67",
        hex(Ipv6Codec.encode(p)));
  }

  @Test
  void portUnreachableIsWhatLinuxSentRfc4443Section3_1() {
    byte[] invoking = Captures.get("udp-offloaded-checksum");
    Ipv6Packet du =
        Ipv6Packets.destinationUnreachable(
                Ipv6Address.of("2001:db8::2"),
                DestinationUnreachableCode.PORT_UNREACHABLE,
                invoking,
                64)
            .orThrow();
    assertEquals(
        hex(Captures.get("port-unreachable")), hex(Ipv6Codec.encode(du.withFlowLabel(0x1c3aa))));
  }

  @Test
  void errorsCarryAsMuchOfTheInvokingPacketAsFitsIn1280Octets() {
    // Linux reassembled the two captured fragments before finding no listener on port 9, so
    // the invoking packet is the whole 1584-octet datagram: build it and check it against the
    // fragments' UDP header (checksum 0x7aa0) before answering it.
    byte[] data = new byte[1536];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    byte[] invoking =
        Ipv6Codec.encode(
            Ipv6Packets.udp(
                    Ipv6Address.of("2001:db8::1"),
                    Ipv6Address.of("2001:db8::2"),
                    40001,
                    9,
                    data,
                    64)
                .withFlowLabel(0x8ad4b));
    byte[] firstFragment = Captures.get("udp-fragment-first");
    assertEquals(
        hex(Arrays.copyOfRange(firstFragment, 48, 56)), hex(Arrays.copyOfRange(invoking, 40, 48)));
    Ipv6Packet du =
        Ipv6Packets.destinationUnreachable(
                Ipv6Address.of("2001:db8::2"),
                DestinationUnreachableCode.PORT_UNREACHABLE,
                invoking,
                64)
            .orThrow();
    byte[] encoded = Ipv6Codec.encode(du.withFlowLabel(0x1c3aa));
    assertEquals(Ipv6Packet.MINIMUM_MTU, encoded.length);
    assertEquals(hex(Captures.get("port-unreachable-truncated")), hex(encoded));
  }

  @Test
  void packetTooBigCarriesTheMtuRfc4443Section3_2() {
    byte[] big =
        Ipv6Codec.encode(
            Ipv6Packets.udp(Ipv6Address.of("2001:db8:2::5"), CD, 40000, 5683, new byte[1400], 63));
    Ipv6Packet ptb = Ipv6Packets.packetTooBig(GW, 1280, big, 64).orThrow();
    byte[] encoded = Ipv6Codec.encode(ptb);
    assertEquals(1280, encoded.length);
    // tshark: Packet Too Big, MTU 1280, Checksum 0x2745 [correct].
    assertEquals(
        "0200 2745 00000500",
        hex(Arrays.copyOfRange(encoded, 40, 48)).replaceAll("(....)(....)(........)", "$1 $2 $3"));
    assertEquals(hex(Arrays.copyOf(big, 1232)), hex(Arrays.copyOfRange(encoded, 48, 1280)));
    IcmpV6Message m = IcmpV6Codec.decode(Ipv6Codec.decode(encoded).orThrow()).orThrow();
    assertEquals(IcmpV6Type.PACKET_TOO_BIG.id(), m.type());
  }

  @Test
  void noErrorAboutAnErrorOrFromAnUnidentifiedSourceRfc4443Section2_4e() {
    Ipv6Address me = Ipv6Address.of("2001:db8::2");
    DestinationUnreachableCode code = DestinationUnreachableCode.NO_ROUTE;
    assertEquals(
        Kind.UNSUPPORTED,
        error(Ipv6Packets.destinationUnreachable(me, code, Captures.get("port-unreachable"), 64))
            .kind());
    byte[] fromUnspecified =
        Ipv6Codec.encode(Ipv6Packets.udp(Ipv6Address.UNSPECIFIED, me, 1, 2, new byte[0], 64));
    assertEquals(
        Kind.UNSUPPORTED,
        error(Ipv6Packets.destinationUnreachable(me, code, fromUnspecified, 64)).kind());
    byte[] toMulticast =
        Ipv6Codec.encode(Ipv6Packets.udp(GW, Ipv6Address.of("ff02::1"), 1, 2, new byte[0], 64));
    assertEquals(
        Kind.UNSUPPORTED,
        error(Ipv6Packets.destinationUnreachable(me, code, toMulticast, 64)).kind());
    // Packet Too Big is the exception for multicast destinations.
    Ipv6Packets.packetTooBig(me, 1280, toMulticast, 64).orThrow();
    assertEquals(
        Kind.TRUNCATED,
        error(
                Ipv6Packets.destinationUnreachable(
                    me, code, Arrays.copyOf(Captures.get("echo-request"), 20), 64))
            .kind());
  }

  @Test
  void echoReplyRefusals() {
    assertEquals(
        Kind.INVALID_SYNTAX, error(Ipv6Packets.echoReplyFor(captured("echo-reply"))).kind());
    assertEquals(
        Kind.INVALID_SYNTAX,
        error(Ipv6Packets.echoReplyFor(captured("udp-hop-by-hop-destination-options"))).kind());
    Ipv6Packet toMulticast =
        Ipv6Packets.icmpEchoRequest(GW, Ipv6Address.of("ff02::1"), 1, 1, new byte[0], 1);
    assertEquals(Kind.UNSUPPORTED, error(Ipv6Packets.echoReplyFor(toMulticast)).kind());
    byte[] corrupted = Captures.get("echo-request");
    corrupted[corrupted.length - 1] ^= 1;
    DecodeError e = error(Ipv6Packets.echoReplyFor(Ipv6Codec.decode(corrupted).orThrow()));
    assertEquals(Kind.AUTHENTICATION_FAILED, e.kind());
    assertEquals(0x9a8a, e.code());
    Ipv6Packet shortEcho = Ipv6Packets.icmp(GW, CD, new IcmpV6Message(128, 0, new byte[3]), 64);
    assertEquals(Kind.TRUNCATED, error(Ipv6Packets.echoReplyFor(shortEcho)).kind());
    Ipv6Packet nonZeroCode = Ipv6Packets.icmp(GW, CD, new IcmpV6Message(128, 1, new byte[4]), 64);
    assertEquals(Kind.INVALID_SYNTAX, error(Ipv6Packets.echoReplyFor(nonZeroCode)).kind());
  }

  @Test
  void shortMessagesAreTruncated() {
    assertEquals(Kind.TRUNCATED, error(IcmpV6Codec.decode(GW, CD, new byte[3])).kind());
  }
}

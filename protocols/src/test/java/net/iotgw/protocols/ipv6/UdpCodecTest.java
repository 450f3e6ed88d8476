package net.iotgw.protocols.ipv6;

import static net.iotgw.protocols.ipv6.Captures.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.DecodeError.Kind;
import net.iotgw.protocols.wire.Decoded;
import org.junit.jupiter.api.Test;

class UdpCodecTest {
  private static final Ipv6Address A = Ipv6Address.of("2001:db8::1");
  private static final Ipv6Address B = Ipv6Address.of("2001:db8::2");

  /** The captured datagram with the checksum tshark computes in place of the offload partial. */
  private static byte[] capturedWithChecksum() {
    byte[] p = Captures.get("udp-offloaded-checksum");
    p[46] = (byte) 0xd5;
    p[47] = 0x32;
    return p;
  }

  private static DecodeError error(byte[] segment) {
    return assertInstanceOf(Decoded.Failed.class, UdpCodec.decode(A, B, segment)).error();
  }

  @Test
  void decodesACapturedDatagramRfc768() {
    UdpDatagram d = UdpCodec.decode(Ipv6Codec.decode(capturedWithChecksum()).orThrow()).orThrow();
    assertEquals(5683, d.sourcePort());
    assertEquals(0xf0b1, d.destinationPort());
    assertEquals("hello 6lowpan", new String(d.payload(), StandardCharsets.US_ASCII));
  }

  @Test
  void builderReproducesTheCapturedDatagram() {
    byte[] built =
        Ipv6Codec.encode(
            Ipv6Packets.udp(
                    A, B, 5683, 0xf0b1, "hello 6lowpan".getBytes(StandardCharsets.US_ASCII), 64)
                .withFlowLabel(0x559d4));
    assertEquals(hex(capturedWithChecksum()), hex(built));
  }

  @Test
  void checksumLeftByOffloadIsRefusedWithTheValueReceived() {
    DecodeError e =
        assertInstanceOf(
                Decoded.Failed.class,
                UdpCodec.decode(Ipv6Codec.decode(Captures.get("udp-offloaded-checksum")).orThrow()))
            .error();
    assertEquals(Kind.AUTHENTICATION_FAILED, e.kind());
    assertEquals(0x5b9b, e.code());
  }

  @Test
  void findsUdpBehindExtensionHeaders() {
    Ipv6Packet p = Ipv6Codec.decode(Captures.get("udp-hop-by-hop-destination-options")).orThrow();
    assertEquals(
        new UdpDatagram(40000, 7, "ext".getBytes(StandardCharsets.US_ASCII)),
        UdpCodec.decode(p).orThrow());
  }

  @Test
  void zeroChecksumIsInvalidOverIpv6Rfc8200Section8_1() {
    byte[] segment = UdpCodec.encode(A, B, new UdpDatagram(1, 2, new byte[] {1}));
    segment[6] = 0;
    segment[7] = 0;
    assertEquals(Kind.INVALID_SYNTAX, error(segment).kind());
  }

  @Test
  void computedZeroIsSentAsAllOnesRfc768() {
    byte[] payload = new byte[4];
    byte[] first = UdpCodec.encode(A, B, new UdpDatagram(1, 2, payload));
    // Put the checksum into the data: the one's complement sum becomes 0xffff, the checksum 0.
    payload[0] = first[6];
    payload[1] = first[7];
    byte[] segment = UdpCodec.encode(A, B, new UdpDatagram(1, 2, payload));
    assertEquals("ffff", hex(Arrays.copyOfRange(segment, 6, 8)));
    assertEquals(new UdpDatagram(1, 2, payload), UdpCodec.decode(A, B, segment).orThrow());
  }

  @Test
  void lengthFieldMustMatchTheSegment() {
    byte[] segment = UdpCodec.encode(A, B, new UdpDatagram(1, 2, new byte[10]));
    assertEquals(Kind.BAD_LENGTH, error(Arrays.copyOf(segment, 19)).kind(), "octets beyond Length");
    assertEquals(Kind.TRUNCATED, error(Arrays.copyOf(segment, 17)).kind(), "Length beyond octets");
    byte[] tiny = segment.clone();
    tiny[4] = 0;
    tiny[5] = 7;
    assertEquals(Kind.BAD_LENGTH, error(tiny).kind(), "Length below the header");
    assertEquals(Kind.TRUNCATED, error(new byte[7]).kind());
  }

  @Test
  void refusesOtherProtocolsAndFragments() {
    assertEquals(
        Kind.INVALID_SYNTAX,
        assertInstanceOf(
                Decoded.Failed.class,
                UdpCodec.decode(Ipv6Codec.decode(Captures.get("echo-request")).orThrow()))
            .error()
            .kind());
    assertEquals(
        Kind.UNSUPPORTED,
        assertInstanceOf(
                Decoded.Failed.class,
                UdpCodec.decode(Ipv6Codec.decode(Captures.get("udp-fragment-first")).orThrow()))
            .error()
            .kind());
  }

  @Test
  void anyCorruptedOctetFailsTheChecksum() {
    byte[] segment = Ipv6Codec.decode(capturedWithChecksum()).orThrow().payload();
    for (int i = 8; i < segment.length; i++) {
      byte[] c = segment.clone();
      c[i] ^= 0x40;
      assertEquals(Kind.AUTHENTICATION_FAILED, error(c).kind());
    }
    assertArrayEquals(segment, UdpCodec.encode(A, B, UdpCodec.decode(A, B, segment).orThrow()));
  }
}

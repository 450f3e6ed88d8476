package net.iotgw.protocols.ipv6;

import static net.iotgw.protocols.ipv6.Captures.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.DecodeError.Kind;
import net.iotgw.protocols.wire.Decoded;
import org.junit.jupiter.api.Test;

/** Truncated, mutated and lying packets give typed failures, never exceptions. */
class Ipv6HostileInputTest {

  private static List<byte[]> captures() {
    List<byte[]> out = new ArrayList<>();
    for (String name : Captures.names()) {
      out.add(Captures.get(name));
    }
    return out;
  }

  private static DecodeError error(byte[] packet) {
    return assertInstanceOf(Decoded.Failed.class, Ipv6Codec.decode(packet)).error();
  }

  /** Decodes everything a received packet may be decoded as; none of it may throw. */
  private static void decodeAll(byte[] packet) {
    Decoded<Ipv6Packet> d = Ipv6Codec.decode(packet);
    if (d instanceof Decoded.Ok<Ipv6Packet> ok) {
      Ipv6Packet p = ok.value();
      assertEquals(p, Ipv6Codec.decode(Ipv6Codec.encode(p)).orThrow());
      UdpCodec.decode(p);
      if (IcmpV6Codec.decode(p) instanceof Decoded.Ok<IcmpV6Message> m) {
        EchoMessage.from(m.value());
      }
      Ipv6Packets.echoReplyFor(p);
    }
    Ipv6Packets.destinationUnreachable(
        Ipv6Address.LOOPBACK, DestinationUnreachableCode.NO_ROUTE, packet, 64);
  }

  @Test
  void everyProperPrefixIsTruncated() {
    for (byte[] packet : captures()) {
      for (int n = 0; n < packet.length; n++) {
        byte[] prefix = Arrays.copyOf(packet, n);
        assertEquals(Kind.TRUNCATED, error(prefix).kind(), "prefix of " + n);
        decodeAll(prefix);
      }
    }
  }

  @Test
  void everyPrefixWithAMatchingPayloadLengthFailsOrIsAShorterPacket() {
    for (byte[] packet : captures()) {
      for (int n = Ipv6Packet.HEADER_LENGTH; n < packet.length; n++) {
        byte[] prefix = Arrays.copyOf(packet, n);
        prefix[4] = (byte) ((n - 40) >>> 8);
        prefix[5] = (byte) (n - 40);
        decodeAll(prefix);
      }
    }
  }

  @Test
  void randomMutationsNeverThrow() {
    Random random = new Random(8200);
    List<byte[]> packets = captures();
    int accepted = 0;
    for (int i = 0; i < 30_000; i++) {
      byte[] p = packets.get(random.nextInt(packets.size())).clone();
      int flips = 1 + random.nextInt(3);
      for (int f = 0; f < flips; f++) {
        // Bias towards the headers, where the lengths are.
        int at =
            random.nextBoolean()
                ? random.nextInt(Math.min(p.length, 80))
                : random.nextInt(p.length);
        p[at] = (byte) random.nextInt(256);
      }
      decodeAll(p);
      if (Ipv6Codec.decode(p).isOk()) {
        accepted++;
      }
    }
    assertTrue(accepted > 1000, "accepted " + accepted);
  }

  @Test
  void payloadLengthBeyondThePacketIsTruncatedNotAllocated() {
    byte[] p = Captures.get("echo-request");
    p[4] = (byte) 0xff;
    p[5] = (byte) 0xff;
    DecodeError e = error(p);
    assertEquals(Kind.TRUNCATED, e.kind());
  }

  @Test
  void octetsBeyondThePayloadLengthAreRefused() {
    byte[] p = Arrays.copyOf(Captures.get("echo-request"), 64 + 2);
    assertEquals(Kind.BAD_LENGTH, error(p).kind());
  }

  @Test
  void versionOtherThan6IsRefusedWithTheVersion() {
    byte[] p = Captures.get("echo-request");
    p[0] = 0x45;
    DecodeError e = error(p);
    assertEquals(Kind.INVALID_SYNTAX, e.kind());
    assertEquals(4, e.code());
  }

  @Test
  void extensionHeaderLongerThanThePayloadIsTruncated() {
    byte[] p = Captures.get("udp-hop-by-hop-destination-options");
    p[40 + 8 + 1] = (byte) 0xff; // Destination Options Hdr Ext Len: 2048 octets
    assertEquals(Kind.TRUNCATED, error(p).kind());
  }

  @Test
  void hopByHopAfterAnotherHeaderIsRefusedRfc8200Section4_1() {
    byte[] p = Captures.get("udp-hop-by-hop-destination-options");
    p[6] = 60; // the fixed header now says Destination Options first, then Hop-by-Hop
    p[40] = 0;
    p[48] = 17;
    DecodeError e = error(p);
    assertEquals(Kind.INVALID_SYNTAX, e.kind());
    assertEquals(48, e.offset());
  }

  @Test
  void longChainsOfEmptyHeadersAreBoundedByTheInput() {
    int headers = (0xffff) / 8;
    byte[] p = new byte[40 + headers * 8];
    p[0] = 0x60;
    p[4] = (byte) (headers * 8 >>> 8);
    p[5] = (byte) (headers * 8);
    p[6] = 60;
    for (int i = 0; i < headers; i++) {
      p[40 + i * 8] = (byte) (i == headers - 1 ? 59 : 60);
    }
    Ipv6Packet packet = Ipv6Codec.decode(p).orThrow();
    assertEquals(headers, packet.extensionHeaders().size());
    assertEquals(59, packet.protocol());
    assertEquals(0, packet.payload().length);
    assertEquals(hex(p), hex(Ipv6Codec.encode(packet)));
  }
}

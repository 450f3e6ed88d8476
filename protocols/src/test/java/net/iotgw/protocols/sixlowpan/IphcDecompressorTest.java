package net.iotgw.protocols.sixlowpan;

import static net.iotgw.protocols.sixlowpan.IphcCompressorTest.CONTEXTS;
import static net.iotgw.protocols.sixlowpan.IphcCompressorTest.ECHO;
import static net.iotgw.protocols.sixlowpan.IphcCompressorTest.LL_A;
import static net.iotgw.protocols.sixlowpan.IphcCompressorTest.LL_B;
import static net.iotgw.protocols.sixlowpan.Packets.NODE_A;
import static net.iotgw.protocols.sixlowpan.Packets.NODE_B;
import static net.iotgw.protocols.sixlowpan.Packets.addr;
import static net.iotgw.protocols.sixlowpan.Packets.hex;
import static net.iotgw.protocols.sixlowpan.Packets.ipv6;
import static net.iotgw.protocols.sixlowpan.Packets.udp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.junit.jupiter.api.Test;

/** Encodings the compressor never picks but peers may send, and the ones that must be refused. */
class IphcDecompressorTest {

  static byte[] decompress(String datagram, ContextTable contexts) {
    return IphcDecompressor.decompress(hex(datagram), NODE_A, NODE_B, contexts).orThrow();
  }

  static DecodeError failure(String datagram, ContextTable contexts) {
    Decoded<byte[]> d = IphcDecompressor.decompress(hex(datagram), NODE_A, NODE_B, contexts);
    return ((Decoded.Failed<byte[]>) d).error();
  }

  @Test
  void acceptsEveryFieldInline_rfc6282Section3_1() {
    // TF=00 with zeros, NH in-line, HLIM in-line, both addresses in 128 bits.
    String all = "6000 00000000 3a 40 " + hex(LL_A) + hex(LL_B) + hex(ECHO);
    assertArrayEquals(ipv6(0, 0, 58, 64, LL_A, LL_B, ECHO), decompress(all, ContextTable.EMPTY));
  }

  @Test
  void ignoresThePadBitsOfTrafficClassAndFlowLabel_rfc6282Section3_2_1() {
    // TF=00 with the 4 pad bits set, TF=01 with the 2 pad bits set.
    assertArrayEquals(ipv6(0xb9, 0xabcde, 58, 64, LL_A, LL_B, ECHO),
        decompress("6233 6efabcde 3a" + hex(ECHO), ContextTable.EMPTY));
    assertArrayEquals(ipv6(0x01, 0x12345, 58, 64, LL_A, LL_B, ECHO),
        decompress("6a33 712345 3a" + hex(ECHO), ContextTable.EMPTY));
  }

  @Test
  void uncompressedUdpHeaderAfterIphc() {
    byte[] u = udp(5683, 5683, 0xbeef, hex("cafe"));
    assertArrayEquals(ipv6(0, 0, 17, 64, LL_A, LL_B, u),
        decompress("7a33 11" + hex(u), ContextTable.EMPTY));
  }

  @Test
  void elidedUdpChecksumIsRecomputed_rfc6282Section4_3_2() {
    // C=1, P=11: ports f0b1 -> f0b2; the pseudo-header sum over LL_A, LL_B gives ac3c.
    byte[] p = decompress("7e33 f7 12 cafe", ContextTable.EMPTY);
    assertArrayEquals(ipv6(0, 0, 17, 64, LL_A, LL_B, udp(0xf0b1, 0xf0b2, 0xac3c, hex("cafe"))), p);
    // An odd data length pads the sum with a zero byte (RFC 768).
    byte[] odd = "odd length!!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    p = decompress("7e33 f4 1633 1633" + hex(odd), ContextTable.EMPTY);
    assertArrayEquals(ipv6(0, 0, 17, 64, LL_A, LL_B, udp(5683, 5683, 0xc748, odd)), p);
  }

  @Test
  void contextLongerThan64BitsOverridesIidBits_rfc6282Section3_1_1() {
    ContextTable t = ContextTable.of(new Context(0, addr("2001:db8::aaaa:bbbb:0:0"), 96));
    // SAC=1 SAM=01: the in-line 64 bits lose their first 32 to the context.
    byte[] p = decompress("7a53 3a 1122334455667788" + hex(ECHO), t);
    assertArrayEquals(
        ipv6(0, 0, 58, 64, addr("2001:db8::aaaa:bbbb:5566:7788"), LL_B, ECHO), p);
  }

  @Test
  void bitsBetweenAShortContextAndTheIidAreZero_rfc6282Section3_1_1() {
    ContextTable t = ContextTable.of(new Context(0, addr("2001:db8:ffff::"), 32));
    byte[] p = decompress("7a53 3a 1122334455667788" + hex(ECHO), t);
    assertArrayEquals(
        ipv6(0, 0, 58, 64, addr("2001:db8::1122:3344:5566:7788"), LL_B, ECHO), p);
  }

  @Test
  void refusesAnUnknownContext_rfc6775Section7_2() {
    DecodeError e = failure("7a77 3a" + hex(ECHO), ContextTable.EMPTY);
    assertEquals(DecodeError.Kind.INVALID_SYNTAX, e.kind());
    assertEquals(0, e.code());
    e = failure("7af7 03 3a" + hex(ECHO), ContextTable.of(IphcCompressorTest.CD_PREFIX));
    assertEquals(3, e.code());
  }

  @Test
  void refusesReservedDestinationModes_rfc6282Section3_1_1() {
    // M=0 DAC=1 DAM=00, and M=1 DAC=1 DAM=01.
    assertEquals(DecodeError.Kind.INVALID_SYNTAX, failure("7a34 3a" + hex(ECHO), CONTEXTS).kind());
    assertEquals(DecodeError.Kind.INVALID_SYNTAX,
        failure("7a3d 3a 350012345678" + hex(ECHO), CONTEXTS).kind());
  }

  @Test
  void refusesUnicastPrefixMulticastOverAContextLongerThan64Bits() {
    ContextTable t = ContextTable.of(new Context(0, addr("2001:db8::"), 96));
    assertEquals(DecodeError.Kind.INVALID_SYNTAX,
        failure("7a3c 3a 350012345678" + hex(ECHO), t).kind());
  }

  @Test
  void leavesOtherDispatchesToTheirOwnLayers_rfc4944Section5_1() {
    for (String d : new String[] {"00", "42", "50", "80", "c0", "e0", "f0"}) {
      DecodeError e = failure(d + "00000000", CONTEXTS);
      assertEquals(DecodeError.Kind.UNSUPPORTED, e.kind(), d);
      assertEquals(Integer.parseInt(d, 16), e.code());
    }
  }

  @Test
  void refusesExtensionHeaderCompressionAsUnsupported_rfc6282Section4_2() {
    DecodeError e = failure("7e33 e0 3a 00 00", CONTEXTS);
    assertEquals(DecodeError.Kind.UNSUPPORTED, e.kind());
    assertEquals(0xe0, e.code());
  }

  @Test
  void truncatedHeadersAreTruncated() {
    assertEquals(DecodeError.Kind.TRUNCATED, failure("", CONTEXTS).kind());
    assertEquals(DecodeError.Kind.TRUNCATED, failure("7a", CONTEXTS).kind());
    assertEquals(DecodeError.Kind.TRUNCATED, failure("7a33", CONTEXTS).kind());
    assertEquals(DecodeError.Kind.TRUNCATED, failure("7e33 f0 1633 1633 be", CONTEXTS).kind());
  }

  @Test
  void uncompressedIpv6Dispatch_rfc4944Section5_1() {
    byte[] packet = ipv6(0, 0, 58, 64, LL_A, LL_B, ECHO);
    assertArrayEquals(packet, decompress("41" + hex(packet), ContextTable.EMPTY));
    assertEquals(DecodeError.Kind.BAD_LENGTH,
        failure("41" + hex(packet) + "00", ContextTable.EMPTY).kind());
    packet[0] = 0x45;
    assertEquals(DecodeError.Kind.INVALID_SYNTAX,
        failure("41" + hex(packet), ContextTable.EMPTY).kind());
  }

  @Test
  void measuresCompressedAndUncompressedHeaders() {
    byte[] d = hex("7e33 f3 12 beef cafe");
    assertEquals(new HeaderSizes(6, 48), IphcDecompressor.measure(d, 0, d.length).orThrow());
    d = hex("00 7af7 03 3a 3f");
    assertEquals(new HeaderSizes(4, 40), IphcDecompressor.measure(d, 1, 4).orThrow());
    d = hex("41 60");
    assertEquals(new HeaderSizes(1, 0), IphcDecompressor.measure(d, 0, 2).orThrow());
  }
}

package net.iotgw.protocols.radius;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.junit.jupiter.api.Test;

class RadiusPacketTest {

  static final byte[] SECRET = "xyzzy5461".getBytes(StandardCharsets.US_ASCII);

  // RFC 2865 §7.1: User Telnet to Specified Host.
  static final byte[] TELNET_REQUEST =
      hex(
          "01 00 00 38 0f 40 3f 94 73 97 80 57 bd 83 d5 cb 98 f4 22 7a 01 06 6e 65 6d 6f 02 12 0d be"
              + " 70 8d 93 d4 13 ce 31 96 e4 3f 78 2a 0a ee 04 06 c0 a8 01 10 05 06 00 00 00 03");
  static final byte[] TELNET_ACCEPT =
      hex(
          "02 00 00 26 86 fe 22 0e 76 24 ba 2a 10 05 f6 bf 9b 55 e0 b2 06 06 00 00 00 01 0f 06 00 00"
              + " 00 00 0e 06 c0 a8 01 03");
  // RFC 2865 §7.2: Framed User Authenticating with CHAP.
  static final byte[] CHAP_REQUEST =
      hex(
          "01 01 00 47 2a ee 86 f0 8d 0d 55 96 9c a5 97 8e 0d 33 67 a2 01 08 66 6c 6f 70 73 79 03 13"
              + " 16 e9 75 57 c3 16 18 58 95 f2 93 ff 63 44 07 72 75 04 06 c0 a8 01 10 05 06 00 00 00"
              + " 14 06 06 00 00 00 02 07 06 00 00 00 01");
  // RFC 2865 §7.3: challenge-response card; the first request, its challenge, the second request
  // (echoing State) and its reject.
  static final byte[] CARD_REQUEST_1 =
      hex(
          "01 02 00 39 f3 a4 7a 1f 6a 6d 76 71 0b 94 7a b9 30 41 a0 39 01 07 6d 6f 70 73 79 02 12 33"
              + " 65 75 73 77 82 89 b5 70 88 5e 15 08 48 25 c5 04 06 c0 a8 01 10 05 06 00 00 00 07");
  static final byte[] CARD_REQUEST_2 =
      hex(
          "01 03 00 43 b1 22 55 6d 42 8a 13 d0 d6 25 38 07 c4 57 ec f0 01 07 6d 6f 70 73 79 02 12 69"
              + " 2c 1f 20 5f c0 81 b9 19 b9 51 95 f5 61 a5 81 04 06 c0 a8 01 10 05 06 00 00 00 07 18"
              + " 0a 33 32 37 36 39 34 33 30");
  static final byte[] CARD_REJECT =
      hex("03 03 00 14 a4 2f 4f ca 45 91 6c 4e 09 c8 34 0f 9e 74 6a a0");
  static final byte[] CHALLENGE =
      hex(
          "0b 02 00 4e 36 f3 c8 76 4a e8 c7 11 57 40 3c 0c 71 ff 9c 45 12 30 43 68 61 6c 6c 65 6e 67"
              + " 65 20 33 32 37 36 39 34 33 30 2e 20 20 45 6e 74 65 72 20 72 65 73 70 6f 6e 73 65 20"
              + " 61 74 20 70 72 6f 6d 70 74 2e 18 0a 33 32 37 36 39 34 33 30");

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  @Test
  void rfc2865_7_1_requestDecodesToItsAttributesAndReencodesToTheSameBytes() {
    RadiusPacket p = RadiusPacket.decode(TELNET_REQUEST).orThrow();
    assertEquals(RadiusCode.ACCESS_REQUEST, p.code());
    assertEquals(0, p.identifier());
    assertArrayEquals(hex("0f403f94739780 57bd83d5cb98f4227a"), p.authenticator());
    assertEquals(
        List.of(1, 2, 4, 5), p.attributes().stream().map(RadiusAttribute::type).toList());
    assertEquals("nemo", Attributes.text(p, AttributeType.USER_NAME).orElseThrow());
    assertArrayEquals(hex("c0a80110"), p.first(AttributeType.NAS_IP_ADDRESS).orElseThrow().value());
    assertEquals(3L, Attributes.u32(p, AttributeType.NAS_PORT).orElseThrow());
    assertArrayEquals(TELNET_REQUEST, p.encode());
  }

  @Test
  void rfc2865_7_1_acceptCarriesTheResponseAuthenticatorForSecretXyzzy5461() {
    byte[] reqAuth = RadiusPacket.decode(TELNET_REQUEST).orThrow().authenticator();
    RadiusPacket accept = RadiusPacket.decode(TELNET_ACCEPT).orThrow();
    assertEquals(RadiusCode.ACCESS_ACCEPT, accept.code());
    assertArrayEquals(TELNET_ACCEPT, accept.encode());
    assertArrayEquals(
        accept.authenticator(), RadiusAuth.responseAuthenticator(TELNET_ACCEPT, reqAuth, SECRET));
    assertTrue(RadiusAuth.responseAuthenticatorValid(TELNET_ACCEPT, reqAuth, SECRET));
    assertFalse(
        RadiusAuth.responseAuthenticatorValid(
            TELNET_ACCEPT, reqAuth, "xyzzy5462".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void rfc2865_7_2_chapRequestDecodesAndReencodes() {
    RadiusPacket req = RadiusPacket.decode(CHAP_REQUEST).orThrow();
    assertEquals(1, req.identifier());
    assertEquals("flopsy", Attributes.text(req, AttributeType.USER_NAME).orElseThrow());
    assertEquals(17, req.first(3).orElseThrow().value().length);
    assertEquals(20L, Attributes.u32(req, AttributeType.NAS_PORT).orElseThrow());
    assertArrayEquals(CHAP_REQUEST, req.encode());
  }

  @Test
  void rfc2865_7_3_challengeAndRejectVerifyAgainstTheirRequestsAndStateIsEchoed() {
    RadiusPacket req1 = RadiusPacket.decode(CARD_REQUEST_1).orThrow();
    RadiusPacket req2 = RadiusPacket.decode(CARD_REQUEST_2).orThrow();
    assertTrue(RadiusAuth.responseAuthenticatorValid(CHALLENGE, req1.authenticator(), SECRET));
    assertTrue(RadiusAuth.responseAuthenticatorValid(CARD_REJECT, req2.authenticator(), SECRET));
    assertFalse(RadiusAuth.responseAuthenticatorValid(CHALLENGE, req2.authenticator(), SECRET));
    RadiusPacket ch = RadiusPacket.decode(CHALLENGE).orThrow();
    assertArrayEquals(Attributes.state(ch).orElseThrow(), Attributes.state(req2).orElseThrow());
    RadiusPacket reject = RadiusPacket.decode(CARD_REJECT).orThrow();
    assertEquals(RadiusCode.ACCESS_REJECT, reject.code());
    assertEquals(List.of(), reject.attributes());
  }

  @Test
  void rfc2865_7_3_challengeKeepsStateOpaque() {
    RadiusPacket ch = RadiusPacket.decode(CHALLENGE).orThrow();
    assertEquals(RadiusCode.ACCESS_CHALLENGE, ch.code());
    assertArrayEquals("32769430".getBytes(StandardCharsets.US_ASCII), Attributes.state(ch).get());
    assertEquals(
        "Challenge 32769430.  Enter response at prompt.",
        Attributes.text(ch, AttributeType.REPLY_MESSAGE).orElseThrow());
    assertArrayEquals(CHALLENGE, ch.encode());
  }

  @Test
  void unknownAttributesAreKeptRawInOrder() {
    RadiusPacket p =
        new RadiusPacket(
            RadiusCode.ACCESS_REQUEST,
            7,
            new byte[16],
            List.of(
                new RadiusAttribute(200, hex("0102")),
                Attributes.userName("a"),
                new RadiusAttribute(241, new byte[0])));
    byte[] wire = p.encode();
    assertArrayEquals(
        hex("01 07 00 1d" + "00".repeat(16) + "c8 04 01 02" + "01 03 61" + "f1 02"), wire);
    assertEquals(p, RadiusPacket.decode(wire).orThrow());
  }

  @Test
  void lengthOutside20To4096OrUnequalToTheDatagramIsRefused() {
    assertError(DecodeError.Kind.BAD_LENGTH, withLength(TELNET_REQUEST, 19));
    assertError(DecodeError.Kind.BAD_LENGTH, withLength(new byte[4097], 4097));
    assertError(DecodeError.Kind.TRUNCATED, withLength(TELNET_REQUEST, 0x39));
    byte[] padded = java.util.Arrays.copyOf(TELNET_REQUEST, TELNET_REQUEST.length + 1);
    assertError(DecodeError.Kind.BAD_LENGTH, padded);
    assertError(DecodeError.Kind.TRUNCATED, new byte[3]);
  }

  @Test
  void attributeLengthBelowTwoOrOverrunningThePacketIsRefused() {
    byte[] b = TELNET_REQUEST.clone();
    b[21] = 1;
    assertError(DecodeError.Kind.BAD_LENGTH, b);
    b[21] = 0;
    assertError(DecodeError.Kind.BAD_LENGTH, b);
    b = TELNET_REQUEST.clone();
    b[b.length - 5] = 7; // NAS-Port claims one octet more than is left
    assertError(DecodeError.Kind.BAD_LENGTH, b);
  }

  @Test
  void unknownCodeIsUnsupportedWithTheCode() {
    byte[] b = TELNET_REQUEST.clone();
    b[0] = 40;
    DecodeError e = ((Decoded.Failed<RadiusPacket>) RadiusPacket.decode(b)).error();
    assertEquals(DecodeError.Kind.UNSUPPORTED, e.kind());
    assertEquals(40, e.code());
  }

  @Test
  void everyTruncationAndRandomMutationDecodesOrFailsWithoutThrowing() {
    for (byte[] sample : List.of(TELNET_REQUEST, TELNET_ACCEPT, CHAP_REQUEST, CHALLENGE, CARD_REQUEST_2)) {
      for (int n = 0; n < sample.length; n++) {
        assertInstanceOf(
            Decoded.Failed.class, RadiusPacket.decode(java.util.Arrays.copyOf(sample, n)));
      }
      Random rnd = new Random(2865);
      for (int i = 0; i < 5000; i++) {
        byte[] m = sample.clone();
        for (int k = 0; k <= rnd.nextInt(4); k++) {
          m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
        }
        Decoded<RadiusPacket> d = RadiusPacket.decode(m);
        if (d instanceof Decoded.Ok<RadiusPacket> ok) {
          assertArrayEquals(m, ok.value().encode());
        }
        RadiusAuth.verifyResponse(m, new byte[16], SECRET);
        RadiusAuth.verifyRequest(m, SECRET);
      }
    }
  }

  private static byte[] withLength(byte[] b, int length) {
    byte[] c = b.clone();
    c[2] = (byte) (length >> 8);
    c[3] = (byte) length;
    return c;
  }

  private static void assertError(DecodeError.Kind kind, byte[] wire) {
    Decoded<RadiusPacket> d = RadiusPacket.decode(wire);
    assertInstanceOf(Decoded.Failed.class, d, "decoded");
    assertEquals(kind, ((Decoded.Failed<RadiusPacket>) d).error().kind());
  }
}

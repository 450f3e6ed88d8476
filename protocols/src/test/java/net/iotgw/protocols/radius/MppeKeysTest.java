package net.iotgw.protocols.radius;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.junit.jupiter.api.Test;

class MppeKeysTest {

  static final byte[] SECRET = "radiussecret".getBytes(StandardCharsets.US_ASCII);
  static final byte[] REQ_AUTH = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
  static final byte[] KEY32 = new byte[32];

  static {
    for (int i = 0; i < 32; i++) {
      KEY32[i] = (byte) i;
    }
  }

  // Computed independently (Python hashlib) from RFC 2548 §2.4.2: salt 8001, key 00..1f.
  static final byte[] WRAPPED_KEY32 =
      HexFormat.of()
          .parseHex(
              "80016b32b5bf51f50933a05f53f231255a6a24d3f521f30d173a1cb837aed3424c07f0bc97703f58"
                  + "c67fe719ab8e30a7333c");

  @Test
  void rfc2548_2_4_2_wrapsAKnown32ByteKeyToTheHandComputedBytes() {
    assertArrayEquals(WRAPPED_KEY32, MppeKeys.encrypt(KEY32, 0x8001, SECRET, REQ_AUTH));
    assertArrayEquals(KEY32, MppeKeys.decrypt(WRAPPED_KEY32, SECRET, REQ_AUTH).orThrow());
  }

  @Test
  void saltHighBitIsAlwaysSetAndEveryKeyLengthRoundTrips() {
    for (int n = 0; n <= 239; n += 17) {
      byte[] key = new byte[n];
      new Random(n).nextBytes(key);
      byte[] wrapped = MppeKeys.encrypt(key, 0x1234, SECRET, REQ_AUTH);
      assertEquals((byte) 0x92, wrapped[0]);
      assertEquals(0, (wrapped.length - 2) % 16);
      assertArrayEquals(key, MppeKeys.decrypt(wrapped, SECRET, REQ_AUTH).orThrow(), "n=" + n);
    }
  }

  @Test
  void clearSaltBitOrBadSizeIsRefused() {
    byte[] noBit = WRAPPED_KEY32.clone();
    noBit[0] &= 0x7f;
    assertKind(DecodeError.Kind.INVALID_SYNTAX, MppeKeys.decrypt(noBit, SECRET, REQ_AUTH));
    for (int n : new int[] {0, 2, 17, 49}) {
      assertKind(
          DecodeError.Kind.BAD_LENGTH,
          MppeKeys.decrypt(java.util.Arrays.copyOf(WRAPPED_KEY32, n), SECRET, REQ_AUTH));
    }
  }

  @Test
  void wrongSecretUsuallyYieldsAnImpossibleKeyLength() {
    Decoded<byte[]> d =
        MppeKeys.decrypt(WRAPPED_KEY32, "wrong".getBytes(StandardCharsets.US_ASCII), REQ_AUTH);
    // The Key-Length octet decrypts to noise: here more than the 47 octets that follow it.
    assertKind(DecodeError.Kind.AUTHENTICATION_FAILED, d);
  }

  @Test
  void mskIsRecvKeyThenSendKeyAndSurvivesTheAcceptRoundTrip() {
    byte[] key = new byte[64];
    for (int i = 0; i < 64; i++) {
      key[i] = (byte) (0xa0 + i);
    }
    Msk msk = new Msk(key);
    RadiusAttribute vsa = MppeKeys.attributeFor(msk, 0x8001, 0x8002, SECRET, REQ_AUTH);
    VendorSpecific v = VendorSpecific.decode(vsa).orThrow();
    assertEquals(311, v.vendorId());
    assertEquals(
        List.of(MppeKeys.RECV_KEY, MppeKeys.SEND_KEY),
        v.subAttributes().stream().map(VendorSpecific.SubAttribute::type).toList());
    assertArrayEquals(
        java.util.Arrays.copyOf(key, 32),
        MppeKeys.decrypt(v.first(MppeKeys.RECV_KEY).orElseThrow().value(), SECRET, REQ_AUTH)
            .orThrow());
    RadiusPacket accept =
        new RadiusPacket(RadiusCode.ACCESS_ACCEPT, 1, new byte[16], List.of(vsa));
    byte[] wire = RadiusAuth.signResponse(accept, REQ_AUTH, SECRET);
    RadiusPacket got =
        ((RadiusAuth.Verified.Accepted) RadiusAuth.verifyResponse(wire, REQ_AUTH, SECRET))
            .packet();
    try (Msk back = MppeKeys.msk(got, SECRET, REQ_AUTH).orThrow()) {
      assertArrayEquals(key, back.bytes());
    }
    msk.close();
    assertArrayEquals(new byte[64], msk.bytes());
  }

  @Test
  void acceptWithoutBothKeysHasNoMsk() {
    RadiusAttribute onlyRecv =
        new VendorSpecific(
                311,
                List.of(
                    new VendorSpecific.SubAttribute(
                        MppeKeys.RECV_KEY, MppeKeys.encrypt(KEY32, 1, SECRET, REQ_AUTH))))
            .toAttribute();
    RadiusPacket accept =
        new RadiusPacket(RadiusCode.ACCESS_ACCEPT, 1, new byte[16], List.of(onlyRecv));
    assertKind(DecodeError.Kind.INVALID_SYNTAX, MppeKeys.msk(accept, SECRET, REQ_AUTH));
  }

  @Test
  void vendorSpecificWithBadSubLengthsFailsWithoutThrowing() {
    byte[] base = HexFormat.of().parseHex("00000137" + "1104aabb" + "1003cc");
    assertEquals(2, VendorSpecific.decode(new RadiusAttribute(26, base)).orThrow().subAttributes().size());
    for (int n = 0; n < base.length; n++) {
      VendorSpecific.decode(new RadiusAttribute(26, java.util.Arrays.copyOf(base, n)));
    }
    byte[] bad = base.clone();
    bad[5] = 1;
    assertKind(DecodeError.Kind.BAD_LENGTH, VendorSpecific.decode(new RadiusAttribute(26, bad)));
    bad[5] = 9;
    assertKind(DecodeError.Kind.BAD_LENGTH, VendorSpecific.decode(new RadiusAttribute(26, bad)));
    assertKind(
        DecodeError.Kind.TRUNCATED, VendorSpecific.decode(new RadiusAttribute(26, new byte[3])));
  }

  private static void assertKind(DecodeError.Kind kind, Decoded<?> d) {
    assertEquals(kind, assertInstanceOf(Decoded.Failed.class, d).error().kind());
  }
}

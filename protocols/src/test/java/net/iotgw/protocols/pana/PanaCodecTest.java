package net.iotgw.protocols.pana;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.junit.jupiter.api.Test;

class PanaCodecTest {
  static final HexFormat HEX = HexFormat.of();
  static final byte[] PAC_NONCE = HEX.parseHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");

  static final PanaMessage PCI =
      new PanaMessage(new PanaHeader(0, PanaMessageType.CLIENT_INITIATION, 0, 0), List.of());
  static final byte[] PCI_BYTES = HEX.parseHex("00000010000000010000000000000000");

  static final PanaMessage PAR =
      new PanaMessage(
          new PanaHeader(
              PanaHeader.FLAG_R | PanaHeader.FLAG_S, PanaMessageType.AUTH, 0x11223344L, 0x01020304L),
          List.of(new Avp.PrfAlgorithm(5), new Avp.IntegrityAlgorithm(12)));
  static final byte[] PAR_BYTES =
      HEX.parseHex(
          "00000028c000000211223344010203040006000000040000000000050003000000040000000000"
              + "0c");

  static final PanaMessage PAN =
      new PanaMessage(
          new PanaHeader(PanaHeader.FLAG_S, PanaMessageType.AUTH, 0x11223344L, 0x01020304L),
          List.of(new Avp.EapPayload(HEX.parseHex("0201000501")), new Avp.Nonce(PAC_NONCE)));
  static final byte[] PAN_BYTES =
      HEX.parseHex(
          "00000038400000021122334401020304000200000005000002010005010000000005000000100000"
              + "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");

  @Test
  void encodesPciAsBareHeader_rfc5191_6_2() {
    assertArrayEquals(PCI_BYTES, PanaCodec.encode(PCI));
    assertEquals(PCI, PanaCodec.decode(PCI_BYTES).orThrow());
  }

  @Test
  void encodesParWithStartFlagAndAlgorithmAvps_rfc5191_8_3_8_6() {
    assertArrayEquals(PAR_BYTES, PanaCodec.encode(PAR));
    PanaMessage back = PanaCodec.decode(PAR_BYTES).orThrow();
    assertEquals(PAR, back);
    assertEquals(5, back.first(Avp.PrfAlgorithm.class).orElseThrow().id());
  }

  @Test
  void encodesPanWithPaddedEapPayloadAndNonce_avpLengthCountsValueOnly_rfc5191_6_3() {
    assertArrayEquals(PAN_BYTES, PanaCodec.encode(PAN));
    assertEquals(PAN, PanaCodec.decode(PAN_BYTES).orThrow());
  }

  @Test
  void roundTripsEveryTypedAvpAndUnknownAndVendorAvps() {
    PanaMessage m =
        new PanaMessage(
            new PanaHeader(PanaHeader.FLAG_R | PanaHeader.FLAG_C, 2, 0xffffffffL, 0xfffffffeL),
            List.of(
                new Avp.ResultCode(Avp.ResultCode.PANA_SUCCESS),
                new Avp.SessionLifetime(3600),
                new Avp.KeyId(0x80000001L),
                new Avp.TerminationCause(Avp.TerminationCause.LOGOUT),
                new Avp.EncryptionAlgorithm(1),
                new Avp.EncrEncap(HEX.parseHex("0102030405")),
                new Avp.Unknown(10, 0, 0, HEX.parseHex("aabbcc")),
                new Avp.Unknown(2, PanaCodec.AVP_FLAG_V, 28458, HEX.parseHex("01")),
                new Avp.Auth(new byte[16])));
    byte[] wire = PanaCodec.encode(m);
    assertEquals(m, PanaCodec.decode(wire).orThrow());
    assertArrayEquals(wire, PanaCodec.encode(PanaCodec.decode(wire).orThrow()));
  }

  @Test
  void encrEncapPlaintextIsAnAvpSequence_rfc6786() {
    List<Avp> inner = List.of(new Avp.SessionLifetime(60), new Avp.EapPayload(new byte[] {3, 1, 0, 4}));
    byte[] bytes = PanaCodec.encodeAvps(inner);
    assertArrayEquals(HEX.parseHex("0008000000040000000000 3c 0002000000040000 03010004".replace(" ", "")), bytes);
    assertEquals(inner, PanaCodec.decodeAvps(bytes).orThrow());
  }

  @Test
  void refusesMessageLengthOtherThanDatagram() {
    byte[] longer = java.util.Arrays.copyOf(PCI_BYTES, 20);
    assertKind(DecodeError.Kind.BAD_LENGTH, PanaCodec.decode(longer));
    byte[] claimsMore = PCI_BYTES.clone();
    claimsMore[3] = 0x14;
    assertKind(DecodeError.Kind.TRUNCATED, PanaCodec.decode(claimsMore));
    byte[] belowHeader = PCI_BYTES.clone();
    belowHeader[3] = 0x0c;
    assertKind(DecodeError.Kind.BAD_LENGTH, PanaCodec.decode(belowHeader));
  }

  @Test
  void refusesUnsigned32AvpOfThreeOctets_rfc5191_8_6() {
    byte[] bad = PAR_BYTES.clone();
    bad[16 + 5] = 3; // PRF-Algorithm Length 3: its padded size is unchanged
    Decoded<PanaMessage> d = PanaCodec.decode(bad);
    assertKind(DecodeError.Kind.BAD_LENGTH, d);
    assertEquals(6, ((Decoded.Failed<PanaMessage>) d).error().code());
  }

  @Test
  void refusesNonceShorterThanEightOctets_rfc5191_8_5() {
    byte[] bytes =
        PanaCodec.encodeAvps(List.of(new Avp.Unknown(99, 0, 0, new byte[4])));
    bytes[1] = 5; // the same AVP as a Nonce of 4 octets
    assertKind(DecodeError.Kind.BAD_LENGTH, PanaCodec.decodeAvps(bytes));
  }

  @Test
  void refusesAvpWhosePaddingIsMissing() {
    byte[] unpadded = java.util.Arrays.copyOf(PAN_BYTES, 16 + 8 + 5);
    unpadded[3] = (byte) unpadded.length;
    assertKind(DecodeError.Kind.TRUNCATED, PanaCodec.decode(unpadded));
  }

  @Test
  void everyTruncationFailsWithoutThrowing() {
    for (byte[] m : List.of(PAR_BYTES, PAN_BYTES)) {
      for (int n = 0; n < m.length; n++) {
        assertFalse(PanaCodec.decode(java.util.Arrays.copyOf(m, n)).isOk(), "prefix " + n);
      }
    }
  }

  @Test
  void randomMutationsNeverThrow() {
    Random random = new Random(5191);
    for (int i = 0; i < 20_000; i++) {
      byte[] m = (i % 2 == 0 ? PAN_BYTES : PAR_BYTES).clone();
      for (int k = 0; k <= random.nextInt(4); k++) {
        m[random.nextInt(m.length)] = (byte) random.nextInt(256);
      }
      Decoded<PanaMessage> d = PanaCodec.decode(m);
      if (d.isOk()) {
        assertEquals(d.orThrow(), PanaCodec.decode(PanaCodec.encode(d.orThrow())).orThrow());
      }
      PanaCodec.decodeAvps(java.util.Arrays.copyOfRange(m, 16, m.length));
    }
  }

  static void assertKind(DecodeError.Kind kind, Decoded<?> d) {
    assertInstanceOf(Decoded.Failed.class, d);
    assertEquals(kind, ((Decoded.Failed<?>) d).error().kind(), d.toString());
  }
}

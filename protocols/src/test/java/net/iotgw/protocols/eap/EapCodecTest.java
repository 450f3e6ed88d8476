package net.iotgw.protocols.eap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.HexFormat;
import java.util.Random;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.junit.jupiter.api.Test;

class EapCodecTest {

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  private static DecodeError.Kind failure(byte[] in) {
    Decoded<EapPacket> d = EapCodec.decode(in);
    return assertInstanceOf(Decoded.Failed.class, d).error().kind();
  }

  @Test
  void decodesIdentityResponse_rfc3748_5_1() {
    // captured from eapol_test 2.10: Response/Identity "cd1@iot.example", identifier 17
    byte[] wire = hex("02110014 01 63643140696f742e6578616d706c65");
    EapPacket p = EapCodec.decode(wire).orThrow();
    EapPacket.Response r = assertInstanceOf(EapPacket.Response.class, p);
    assertEquals(17, r.identifier());
    assertEquals(EapType.IDENTITY, r.knownType().orElseThrow());
    assertEquals("cd1@iot.example", new String(r.typeData(), java.nio.charset.StandardCharsets.US_ASCII));
    assertArrayEquals(wire, EapCodec.encode(p));
  }

  @Test
  void encodesSuccessAndFailureAsFourOctets_rfc3748_4_2() {
    assertArrayEquals(hex("03130004"), EapCodec.encode(new EapPacket.Success(0x13)));
    assertArrayEquals(hex("04ff0004"), EapCodec.encode(new EapPacket.Failure(0xff)));
    assertEquals(new EapPacket.Failure(7), EapCodec.decode(hex("04070004")).orThrow());
  }

  @Test
  void encodesRequestWithTypeAndLength_rfc3748_4_1() {
    byte[] wire = EapCodec.encode(new EapPacket.Request(1, EapType.IDENTITY.id(), new byte[0]));
    assertArrayEquals(hex("01010005 01"), wire);
    byte[] nak = EapCodec.encode(new EapPacket.Response(2, EapType.NAK.id(), new byte[] {47}));
    assertArrayEquals(hex("02020006 03 2f"), nak);
  }

  @Test
  void keepsUnknownTypeAsNumber_rfc3748_5() {
    EapPacket.Request r =
        assertInstanceOf(EapPacket.Request.class, EapCodec.decode(hex("01090006 63 aa")).orThrow());
    assertEquals(0x63, r.type());
    assertFalse(r.knownType().isPresent());
  }

  @Test
  void ignoresOctetsBeyondLengthAsPadding_rfc3748_4_1() {
    EapPacket p = EapCodec.decode(hex("01010005 01 000000")).orThrow();
    assertArrayEquals(hex("01010005 01"), EapCodec.encode(p));
  }

  @Test
  void refusesLengthBeyondInput_rfc3748_4_1() {
    assertEquals(DecodeError.Kind.TRUNCATED, failure(hex("01010006 01")));
  }

  @Test
  void refusesLengthBelowHeader() {
    assertEquals(DecodeError.Kind.BAD_LENGTH, failure(hex("01010003 01")));
  }

  @Test
  void refusesSuccessWithBody_rfc3748_4_2() {
    assertEquals(DecodeError.Kind.BAD_LENGTH, failure(hex("03010005 00")));
  }

  @Test
  void refusesRequestWithoutType() {
    assertEquals(DecodeError.Kind.TRUNCATED, failure(hex("01010004")));
  }

  @Test
  void refusesUnknownCode_rfc3748_4() {
    assertEquals(DecodeError.Kind.INVALID_SYNTAX, failure(hex("05010004")));
  }

  @Test
  void refusesShortExpandedType_rfc3748_5_7() {
    assertEquals(DecodeError.Kind.TRUNCATED, failure(hex("0101000b fe 000000 000000")));
    EapPacket ok = EapCodec.decode(hex("0101000c fe 000000 00000001")).orThrow();
    assertEquals(EapType.EXPANDED.id(), ((EapPacket.Request) ok).type());
  }

  @Test
  void truncationsAndMutationsNeverThrow() {
    byte[] wire = hex("02110014 01 63643140696f742e6578616d706c65");
    for (int n = 0; n < wire.length; n++) {
      assertFalse(EapCodec.decode(java.util.Arrays.copyOf(wire, n)).isOk(), "prefix " + n);
    }
    Random random = new Random(4);
    for (int i = 0; i < 20_000; i++) {
      byte[] m = wire.clone();
      m[random.nextInt(m.length)] = (byte) random.nextInt(256);
      EapCodec.decode(m);
    }
  }
}

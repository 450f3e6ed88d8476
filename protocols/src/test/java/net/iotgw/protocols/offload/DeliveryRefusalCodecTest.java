package net.iotgw.protocols.offload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.pana.PanaCodec;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.DecodeError.Kind;
import net.iotgw.protocols.wire.Decoded;
import org.junit.jupiter.api.Test;

/** The CD's negative acknowledgement of a key delivery: pinned bytes and refusals. */
class DeliveryRefusalCodecTest {
  static final HexFormat HEX = HexFormat.of();

  static Avp.Unknown withValue(String hex) {
    return new Avp.Unknown(4, PanaCodec.AVP_FLAG_V, 32473, HEX.parseHex(hex));
  }

  @Test
  void layoutIsPinnedAndRoundTrips() {
    DeliveryRefusal r = new DeliveryRefusal(DeliveryRefusal.Reason.UNUSABLE, 0xc0ffee01);
    Avp.Unknown avp = DeliveryRefusalCodec.encode(r);
    assertEquals(4, avp.code());
    assertEquals(32473, avp.vendorId());
    assertEquals("0103c0ffee01", HEX.formatHex(avp.value()));
    assertEquals(r, DeliveryRefusalCodec.decode(avp).orThrow());
    assertTrue(DeliveryRefusalCodec.isRefusal(avp));
    assertFalse(KeyDeliveryCodec.isOffload(avp));
    assertFalse(SaRequestCodec.isRequest(avp));
  }

  @Test
  void refusesUnknownReasonsVersionsAndLengths() {
    assertKind(Kind.UNSUPPORTED, "010500000001");
    assertKind(Kind.UNSUPPORTED, "010000000001");
    assertKind(Kind.UNSUPPORTED, "020100000001");
    assertKind(Kind.TRUNCATED, "0101000000");
    assertKind(Kind.BAD_LENGTH, "01010000000100");
    assertEquals(Kind.UNSUPPORTED, ((Decoded.Failed<DeliveryRefusal>) DeliveryRefusalCodec.decode(
        new Avp.Unknown(1, PanaCodec.AVP_FLAG_V, 32473, HEX.parseHex("010100000001"))))
        .error().kind());
  }

  private static void assertKind(Kind kind, String hex) {
    Decoded<DeliveryRefusal> d = DeliveryRefusalCodec.decode(withValue(hex));
    assertInstanceOf(Decoded.Failed.class, d, hex);
    assertEquals(kind, ((Decoded.Failed<DeliveryRefusal>) d).error().kind(), hex);
  }

  @Test
  void aDeliveryTheCdCannotDecodeIsRefusedAsUnsupportedOrMalformed() {
    assertEquals(new DeliveryRefusal(DeliveryRefusal.Reason.UNSUPPORTED, 0),
        DeliveryRefusalCodec.refusalFor(new DecodeError(Kind.UNSUPPORTED, 0, "version 3", 3)));
    assertEquals(new DeliveryRefusal(DeliveryRefusal.Reason.MALFORMED, 0),
        DeliveryRefusalCodec.refusalFor(new DecodeError(Kind.TRUNCATED, 9, "lifetime")));
  }

  @Test
  void toStringShowsTheSpiInHex() {
    assertEquals("DeliveryRefusal[NO_RESOURCES, 0000002a]",
        new DeliveryRefusal(DeliveryRefusal.Reason.NO_RESOURCES, 42).toString());
  }

  @Test
  void everyValueOfUpToSevenOctetsDecodesOrFailsWithoutThrowing_andAcceptedOnesReencode() {
    java.util.Random rnd = new java.util.Random(0xdead);
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] v = new byte[rnd.nextInt(8)];
      rnd.nextBytes(v);
      if (rnd.nextBoolean() && v.length > 1) {
        v[0] = 1; // mostly the right version, so that the rest is exercised
        v[1] = (byte) rnd.nextInt(6);
      }
      Decoded<DeliveryRefusal> d = DeliveryRefusalCodec.decode(
          new Avp.Unknown(4, PanaCodec.AVP_FLAG_V, 32473, v));
      if (d instanceof Decoded.Ok<DeliveryRefusal> ok) {
        accepted++;
        org.junit.jupiter.api.Assertions.assertArrayEquals(v,
            DeliveryRefusalCodec.encode(ok.value()).value());
      }
    }
    assertTrue(accepted > 100, "accepted " + accepted);
  }
}

package net.iotgw.protocols.offload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.Identity;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.pana.PanaCodec;
import net.iotgw.protocols.wire.DecodeError.Kind;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.testing.Mutations;
import org.junit.jupiter.api.Test;

/** The CD's SA request and the gateway's failure answer: pinned bytes, round trips, refusals. */
class SaRequestCodecTest {
  static final HexFormat HEX = HexFormat.of();
  static final byte[] UD = HEX.parseHex("20010db8000100000000000000000002");

  static SaRequest request() throws Exception {
    return new SaRequest(0x1234, ChildSa.Mode.TUNNEL,
        new InetSocketAddress(InetAddress.getByAddress(UD), 500),
        Optional.of(Identity.rfc822("ud@x.org")));
  }

  static Avp.Unknown withValue(int code, byte[] value) {
    return new Avp.Unknown(code, PanaCodec.AVP_FLAG_V, KeyDeliveryCodec.VENDOR_ID, value);
  }

  @Test
  void requestLayoutIsPinned() throws Exception {
    Avp.Unknown avp = SaRequestCodec.encode(request());
    assertEquals(2, avp.code());
    assertEquals(32473, avp.vendorId());
    assertEquals(PanaCodec.AVP_FLAG_V, avp.flags());
    assertEquals("01" + "1234" + "01" + "00" + "20010db8000100000000000000000002" + "01f4"
        + "03" + "0008" + HEX.formatHex("ud@x.org".getBytes()), HEX.formatHex(avp.value()));
  }

  @Test
  void requestWithoutIdentityInTransportModeIsPinnedAndRoundTrips() throws Exception {
    SaRequest r = new SaRequest(7, ChildSa.Mode.TRANSPORT,
        new InetSocketAddress(InetAddress.getByAddress(UD), 4500), Optional.empty());
    Avp.Unknown avp = SaRequestCodec.encode(r);
    assertEquals("01" + "0007" + "02" + "00" + "20010db8000100000000000000000002" + "1194"
        + "00" + "0000", HEX.formatHex(avp.value()));
    assertEquals(r, SaRequestCodec.decodeRequest(avp).orThrow());
  }

  @Test
  void requestRoundTripsWithItsIdentity() throws Exception {
    SaRequest r = request();
    SaRequest back = SaRequestCodec.decodeRequest(SaRequestCodec.encode(r)).orThrow();
    assertEquals(r, back);
    assertEquals(Identity.rfc822("ud@x.org"), back.expectedUd().orElseThrow());
  }

  @Test
  void ipv4UdTravelsIpv4MappedRfc4291() throws Exception {
    SaRequest r = new SaRequest(1, ChildSa.Mode.TUNNEL,
        new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 500), Optional.empty());
    Avp.Unknown avp = SaRequestCodec.encode(r);
    assertEquals("00000000000000000000ffffc0000207",
        HEX.formatHex(avp.value(), 5, 21));
    assertEquals(r, SaRequestCodec.decodeRequest(avp).orThrow());
  }

  @Test
  void requestRefusesWhatTheEncoderWouldNot() {
    String fixed = "01" + "0001" + "01" + "00" + "20010db8000100000000000000000002" + "01f4";
    assertKind(Kind.UNSUPPORTED, "02" + fixed.substring(2) + "000000");
    assertKind(Kind.INVALID_SYNTAX, fixed.replaceFirst("^0100010100", "0100010300") + "000000");
    assertKind(Kind.INVALID_SYNTAX, fixed.replaceFirst("^0100010100", "0100010101") + "000000");
    assertKind(Kind.INVALID_SYNTAX, fixed.substring(0, fixed.length() - 4) + "0000" + "000000");
    assertKind(Kind.BAD_LENGTH, fixed + "00" + "0001" + "41");
    assertKind(Kind.BAD_LENGTH, fixed + "03" + "0000");
    assertKind(Kind.BAD_LENGTH, fixed + "03" + "0100" + "41".repeat(256));
    assertKind(Kind.TRUNCATED, fixed + "03" + "0008" + "41");
    assertKind(Kind.BAD_LENGTH, fixed + "00" + "0000" + "ff");
    assertKind(Kind.TRUNCATED, fixed);
    assertKind(Kind.TRUNCATED, "");
  }

  private static void assertKind(Kind kind, String hex) {
    Decoded<SaRequest> d =
        SaRequestCodec.decodeRequest(withValue(SaRequestCodec.REQUEST_CODE, HEX.parseHex(hex)));
    assertInstanceOf(Decoded.Failed.class, d, hex);
    assertEquals(kind, ((Decoded.Failed<SaRequest>) d).error().kind(), hex);
  }

  @Test
  void foreignAvpsAreNotRequests() throws Exception {
    byte[] v = SaRequestCodec.encode(request()).value();
    assertFalse(SaRequestCodec.isRequest(withValue(3, v)));
    assertFalse(SaRequestCodec.isRequest(new Avp.Unknown(2, PanaCodec.AVP_FLAG_V, 9, v)));
    assertFalse(SaRequestCodec.isRequest(new Avp.Unknown(2, 0, 0, v)));
    assertTrue(SaRequestCodec.isRequest(withValue(2, v)));
    assertEquals(Kind.UNSUPPORTED, ((Decoded.Failed<SaRequest>) SaRequestCodec.decodeRequest(
        withValue(1, v))).error().kind());
  }

  @Test
  void encoderRefusesPortZeroAndOverlongIdentities() throws Exception {
    InetAddress ud = InetAddress.getByAddress(UD);
    assertThrows(IllegalArgumentException.class, () -> SaRequestCodec.encode(new SaRequest(1,
        ChildSa.Mode.TUNNEL, new InetSocketAddress(ud, 0), Optional.empty())));
    assertThrows(IllegalArgumentException.class, () -> SaRequestCodec.encode(new SaRequest(1,
        ChildSa.Mode.TUNNEL, new InetSocketAddress(ud, 500),
        Optional.of(Identity.fqdn("a".repeat(256))))));
    assertThrows(IllegalArgumentException.class, () -> new SaRequest(0x10000,
        ChildSa.Mode.TUNNEL, new InetSocketAddress(ud, 500), Optional.empty()));
  }

  @Test
  void failureLayoutIsPinnedAndRoundTrips() throws Exception {
    SaRequestFailed f = new SaRequestFailed(0x1234, SaRequestFailed.Reason.NO_PROPOSAL_CHOSEN,
        14, InetAddress.getByAddress(UD));
    Avp.Unknown avp = SaRequestCodec.encode(f);
    assertEquals(3, avp.code());
    assertEquals("01" + "1234" + "06" + "000e" + "20010db8000100000000000000000002",
        HEX.formatHex(avp.value()));
    assertEquals(f, SaRequestCodec.decodeFailure(avp).orThrow());
    assertTrue(SaRequestCodec.isFailure(avp));
    assertFalse(SaRequestCodec.isRequest(avp));
  }

  @Test
  void failureRefusesUnknownReasonsVersionsAndLengths() {
    String ok = "01" + "0001" + "05" + "0000" + "20010db8000100000000000000000002";
    assertFailureKind(Kind.UNSUPPORTED, "01" + "0001" + "0b" + ok.substring(8));
    assertFailureKind(Kind.UNSUPPORTED, "01" + "0001" + "00" + ok.substring(8));
    assertFailureKind(Kind.UNSUPPORTED, "02" + ok.substring(2));
    assertFailureKind(Kind.BAD_LENGTH, ok + "00");
    assertFailureKind(Kind.TRUNCATED, ok.substring(0, ok.length() - 2));
    assertEquals(SaRequestFailed.Reason.TIMEOUT, SaRequestCodec.decodeFailure(
        withValue(3, HEX.parseHex(ok))).orThrow().reason());
  }

  private static void assertFailureKind(Kind kind, String hex) {
    Decoded<SaRequestFailed> d =
        SaRequestCodec.decodeFailure(withValue(SaRequestCodec.FAILED_CODE, HEX.parseHex(hex)));
    assertInstanceOf(Decoded.Failed.class, d, hex);
    assertEquals(kind, ((Decoded.Failed<SaRequestFailed>) d).error().kind(), hex);
  }

  @Test
  void everyReasonHasADistinctWireNumber() {
    assertEquals(SaRequestFailed.Reason.values().length,
        java.util.Arrays.stream(SaRequestFailed.Reason.values()).mapToInt(SaRequestFailed.Reason::id)
            .distinct().count());
    for (SaRequestFailed.Reason r : SaRequestFailed.Reason.values()) {
      assertEquals(r, SaRequestFailed.Reason.of(r.id()).orElseThrow());
    }
  }

  @Test
  void seededMutationsNeverThrowAndAcceptedOnesReencodeByteForByte() throws Exception {
    Random rnd = new Random(0x5a4e);
    byte[][] bases = {SaRequestCodec.encode(request()).value(),
        SaRequestCodec.encode(new SaRequestFailed(1, SaRequestFailed.Reason.BUSY, 0,
            InetAddress.getByAddress(UD))).value()};
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] m = Mutations.mutate(bases[i % 2], rnd);
      if (i % 2 == 0) {
        Decoded<SaRequest> d = SaRequestCodec.decodeRequest(withValue(2, m));
        if (d instanceof Decoded.Ok<SaRequest> ok) {
          accepted++;
          assertArrayEquals(m, SaRequestCodec.encode(ok.value()).value());
        }
      } else {
        Decoded<SaRequestFailed> d = SaRequestCodec.decodeFailure(withValue(3, m));
        if (d instanceof Decoded.Ok<SaRequestFailed> ok) {
          accepted++;
          assertArrayEquals(m, SaRequestCodec.encode(ok.value()).value());
        }
      }
    }
    assertTrue(accepted > 100, "some mutations stay valid: " + accepted);
  }
}

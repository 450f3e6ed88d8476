package net.iotgw.protocols.ieee802154;

import static net.iotgw.protocols.ieee802154.Frames.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

/**
 * Hostile octets never make the decoder throw, and whatever it accepts re-encodes to exactly the
 * octets received (the property link security relies on to recompute the MIC's a-data).
 */
class MacFrameHostileInputTest {

  private static List<byte[]> validMpdus() {
    List<byte[]> out = new ArrayList<>();
    for (String s : List.of(Frames.ANNEX_C_BEACON, Frames.ANNEX_C_DATA, Frames.ANNEX_C_COMMAND)) {
      out.add(hex(s));
    }
    byte[] contiki = hex(Frames.CONTIKI_2003_EXT);
    out.add(Arrays.copyOf(contiki, contiki.length - 2));
    for (MacHeader h : MacFrameRoundTripTest.everyHeader()) {
      byte[] psdu = MacFrameCodec.encode(new MacFrame(h, new byte[h.micLength() + 3]));
      out.add(Arrays.copyOf(psdu, psdu.length - 2));
    }
    return out;
  }

  private static byte[] withFcs(byte[] mpdu) {
    byte[] psdu = Arrays.copyOf(mpdu, mpdu.length + 2);
    int fcs = Fcs.compute(mpdu, 0, mpdu.length);
    psdu[mpdu.length] = (byte) fcs;
    psdu[mpdu.length + 1] = (byte) (fcs >>> 8);
    return psdu;
  }

  /** Decodes both ways (FCS made valid, and no FCS) and checks the exactness property. */
  private static Decoded<MacFrame> decodeChecked(byte[] mpdu) {
    Decoded<MacFrame> withoutFcs = MacFrameCodec.decode(mpdu, false);
    if (mpdu.length + 2 <= MacFrameCodec.MAX_PHY_PACKET_SIZE) {
      byte[] psdu = withFcs(mpdu);
      Decoded<MacFrame> withFcs = MacFrameCodec.decode(psdu, true);
      assertEquals(withoutFcs, withFcs);
      if (withFcs instanceof Decoded.Ok<MacFrame> ok) {
        assertArrayEquals(psdu, MacFrameCodec.encode(ok.value()), () -> hex(mpdu));
      }
    }
    return withoutFcs;
  }

  private static Kind kind(String mpduHex) {
    return assertInstanceOf(Decoded.Failed.class, MacFrameCodec.decode(hex(mpduHex), false))
        .error()
        .kind();
  }

  @Test
  void everyTruncationIsRefusedOrIsAShorterValidFrame() {
    for (byte[] mpdu : validMpdus()) {
      MacFrame whole = MacFrameCodec.decode(mpdu, false).orThrow();
      int headerLength = whole.header().length();
      for (int n = 0; n < mpdu.length; n++) {
        Decoded<MacFrame> d = decodeChecked(Arrays.copyOf(mpdu, n));
        if (whole.header().headerIes().isEmpty() && n < headerLength + whole.header().micLength()) {
          assertInstanceOf(Decoded.Failed.class, d, "prefix of " + n);
          assertEquals(Kind.TRUNCATED, ((Decoded.Failed<MacFrame>) d).error().kind());
        }
      }
    }
  }

  @Test
  void randomMutationsNeverThrowAndAcceptedFramesAreExact() {
    Random random = new Random(0x15_4);
    List<byte[]> mpdus = validMpdus();
    int accepted = 0;
    for (int i = 0; i < 60_000; i++) {
      byte[] m = mpdus.get(random.nextInt(mpdus.size())).clone();
      int flips = 1 + random.nextInt(4);
      for (int f = 0; f < flips; f++) {
        m[random.nextInt(m.length)] = (byte) random.nextInt(256);
      }
      if (decodeChecked(m).isOk()) {
        accepted++;
      }
    }
    assertTrue(accepted > 1000, "mutations should also reach the accepting paths: " + accepted);
  }

  @Test
  void randomOctetsNeverThrow() {
    Random random = new Random(127);
    for (int i = 0; i < 20_000; i++) {
      byte[] b = new byte[random.nextInt(130)];
      random.nextBytes(b);
      decodeChecked(b);
      MacFrameCodec.decode(b, true);
    }
  }

  @Test
  void emptyAndOneOctetInputsAreTruncated() {
    assertEquals(Kind.TRUNCATED, kind(""));
    assertEquals(Kind.TRUNCATED, kind("41"));
    assertEquals(
        Kind.TRUNCATED,
        assertInstanceOf(Decoded.Failed.class, MacFrameCodec.decode(new byte[1], true))
            .error()
            .kind());
  }

  @Test
  void framesOtherThanTheFourGeneralTypesAreUnsupportedWithTheirType() {
    for (int type = 4; type < 8; type++) {
      DecodeError e =
          assertInstanceOf(
                  Decoded.Failed.class,
                  MacFrameCodec.decode(new byte[] {(byte) type, 0x10, 0}, false))
              .error();
      assertEquals(Kind.UNSUPPORTED, e.kind());
      assertEquals(type, e.code());
    }
  }

  @Test
  void reservedFrameControlValuesAreRefused() {
    assertEquals(Kind.UNSUPPORTED, kind("0130 00"), "frame version 3");
    assertEquals(Kind.INVALID_SYNTAX, kind("8110 00"), "reserved bit 7");
    assertEquals(Kind.INVALID_SYNTAX, kind("0111 00"), "sequence number suppression in 2006");
    assertEquals(Kind.INVALID_SYNTAX, kind("0112 00"), "IE present in 2006");
    assertEquals(Kind.INVALID_SYNTAX, kind("0114 00 cdab 00"), "destination addressing mode 1");
    assertEquals(Kind.INVALID_SYNTAX, kind("0150 00 cdab 00"), "source addressing mode 1");
    assertEquals(Kind.UNSUPPORTED, kind("0988 00 cdab 0100 cdab 0200 00"), "2003 security");
  }

  @Test
  void reservedSecurityControlBitsAreRefused() {
    String header2006 = "6998 10 cdab 0100 0200 ";
    assertEquals(Kind.INVALID_SYNTAX, kind(header2006 + "2d 01 a1a2a3a4"), "b5 in 2006");
    assertEquals(Kind.INVALID_SYNTAX, kind(header2006 + "8d 04030201 01 a1a2a3a4"), "b7");
    String header2015 = "69a8 10 cdab 0100 0200 ";
    assertEquals(Kind.UNSUPPORTED, kind(header2015 + "4d 04030201 01 a1a2a3a4"), "ASN in nonce");
    assertTrue(
        MacFrameCodec.decode(hex(header2015 + "2d 01 a1a2a3a4"), false).isOk(),
        "frame counter suppression is a 2015 field");
  }

  @Test
  void headerIeListsAreCheckedSection7_4() {
    // FCF 0x2b01: data, no sequence number, IEs, short destination with its PAN (row 3), 2015.
    String header = "012b cdab 0100 ";
    assertEquals(Kind.INVALID_SYNTAX, kind(header + "0088"), "a payload IE descriptor");
    assertEquals(Kind.BAD_LENGTH, kind(header + "013f 00"), "HT2 with content");
    assertEquals(Kind.TRUNCATED, kind(header + "040d 1000"), "content beyond the frame");
    assertEquals(Kind.TRUNCATED, kind(header + "04"), "half a descriptor");
    MacFrame noPayload = MacFrameCodec.decode(hex(header + "020d 1000"), false).orThrow();
    assertEquals(1, noPayload.header().headerIes().size());
    assertEquals(0, noPayload.payload().length);
    MacFrame payloadIes = MacFrameCodec.decode(hex(header + "003f 0188 ee"), false).orThrow();
    assertEquals(List.of(HeaderIe.termination1()), payloadIes.header().headerIes());
    assertEquals("0188ee", hex(payloadIes.payload()), "payload IEs stay in the payload");
  }
}

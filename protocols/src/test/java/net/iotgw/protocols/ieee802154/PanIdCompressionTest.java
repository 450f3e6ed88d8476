package net.iotgw.protocols.ieee802154;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import net.iotgw.protocols.ieee802154.PanIdCompression.Presence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PanIdCompressionTest {

  private static Optional<Presence> presence(
      FrameVersion v, AddressMode dst, AddressMode src, boolean bit) {
    return PanIdCompression.presence(v, dst, src, bit);
  }

  /** 802.15.4-2015 Table 7-2, every row (a "present" address tried in both modes). */
  @ParameterizedTest(name = "row {0}: dst {1}, src {2}, bit {3}")
  @CsvSource({
    "1,  NONE,     NONE,     false, false, false",
    "2,  NONE,     NONE,     true,  true,  false",
    "3,  SHORT,    NONE,     false, true,  false",
    "3,  EXTENDED, NONE,     false, true,  false",
    "4,  SHORT,    NONE,     true,  false, false",
    "4,  EXTENDED, NONE,     true,  false, false",
    "5,  NONE,     SHORT,    false, false, true",
    "5,  NONE,     EXTENDED, false, false, true",
    "6,  NONE,     SHORT,    true,  false, false",
    "6,  NONE,     EXTENDED, true,  false, false",
    "7,  EXTENDED, EXTENDED, false, true,  false",
    "8,  EXTENDED, EXTENDED, true,  false, false",
    "9,  SHORT,    SHORT,    false, true,  true",
    "10, SHORT,    EXTENDED, false, true,  true",
    "11, EXTENDED, SHORT,    false, true,  true",
    "12, SHORT,    EXTENDED, true,  true,  false",
    "13, EXTENDED, SHORT,    true,  true,  false",
    "14, SHORT,    SHORT,    true,  true,  false",
  })
  void frameVersion2015FollowsTable7_2(
      int row, AddressMode dst, AddressMode src, boolean bit, boolean dstPan, boolean srcPan) {
    Presence expected = new Presence(dstPan, srcPan);
    assertEquals(Optional.of(expected), presence(FrameVersion.IEEE_2015, dst, src, bit));
    assertEquals(
        Optional.of(bit), PanIdCompression.bitFor(FrameVersion.IEEE_2015, dst, src, expected));
  }

  /** 802.15.4-2006 §7.2.1.1.5, the same for 2003 (there called Intra-PAN). */
  @ParameterizedTest(name = "dst {0}, src {1}, bit {2}")
  @CsvSource({
    "NONE,     NONE,     false, false, false",
    "SHORT,    NONE,     false, true,  false",
    "EXTENDED, NONE,     false, true,  false",
    "NONE,     SHORT,    false, false, true",
    "NONE,     EXTENDED, false, false, true",
    "SHORT,    SHORT,    false, true,  true",
    "SHORT,    SHORT,    true,  true,  false",
    "SHORT,    EXTENDED, false, true,  true",
    "SHORT,    EXTENDED, true,  true,  false",
    "EXTENDED, SHORT,    false, true,  true",
    "EXTENDED, SHORT,    true,  true,  false",
    "EXTENDED, EXTENDED, false, true,  true",
    "EXTENDED, EXTENDED, true,  true,  false",
  })
  void frameVersions2003And2006OmitOnlyTheSourcePanSection7_2_1_1_5(
      AddressMode dst, AddressMode src, boolean bit, boolean dstPan, boolean srcPan) {
    for (FrameVersion v : new FrameVersion[] {FrameVersion.IEEE_2003, FrameVersion.IEEE_2006}) {
      assertEquals(Optional.of(new Presence(dstPan, srcPan)), presence(v, dst, src, bit));
    }
  }

  @ParameterizedTest(name = "dst {0}, src {1}")
  @CsvSource({"NONE, NONE", "SHORT, NONE", "EXTENDED, NONE", "NONE, SHORT", "NONE, EXTENDED"})
  void compressionWithoutBothAddressesIsInvalidIn2006(AddressMode dst, AddressMode src) {
    assertEquals(Optional.empty(), presence(FrameVersion.IEEE_2006, dst, src, true));
    assertEquals(Optional.empty(), presence(FrameVersion.IEEE_2003, dst, src, true));
  }

  @Test
  void twoExtendedAddressesCannotCarryBothPanIdsIn2015() {
    assertEquals(
        Optional.empty(),
        PanIdCompression.bitFor(
            FrameVersion.IEEE_2015,
            AddressMode.EXTENDED,
            AddressMode.EXTENDED,
            new Presence(true, true)));
  }

  @Test
  void decoderRefusesCompressionWithOneAddressIn2006() {
    // FCF 0x1861: data, PAN ID compression, short destination only, 2006.
    byte[] mpdu = Frames.hex("4118 01 cdab 0100");
    assertEquals(
        net.iotgw.protocols.wire.DecodeError.Kind.INVALID_SYNTAX,
        ((net.iotgw.protocols.wire.Decoded.Failed<MacFrame>) MacFrameCodec.decode(mpdu, false))
            .error()
            .kind());
  }
}

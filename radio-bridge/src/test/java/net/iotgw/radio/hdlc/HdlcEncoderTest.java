package net.iotgw.radio.hdlc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.iotgw.radio.Hex;
import org.junit.jupiter.api.Test;

/** Expected bytes were derived by hand-run bitwise FCS (not this code's table) and stuffing. */
class HdlcEncoderTest {

  /** Spinel CMD_RESET (header 0x80, command 1, SPINEL_RESET_STACK) as an RCP host frames it. */
  @Test
  void framesSpinelResetWithFlagsAndFcsLowByteFirst() {
    assertArrayEquals(
        Hex.bytes("7E 80 01 02 EA F0 7E"), HdlcEncoder.encode(Hex.bytes("80 01 02")));
  }

  @Test
  void framesSpinelSetPhyChannel11() {
    assertArrayEquals(
        Hex.bytes("7E 81 03 21 0B 57 A6 7E"), HdlcEncoder.encode(Hex.bytes("81 03 21 0B")));
  }

  /** OpenThread hdlc.cpp HdlcByteNeedsEscape: 0x7E, 0x7D, XON, XOFF and 0xF8, each XOR 0x20. */
  @Test
  void escapesFlagEscapeXonXoffAndF8() {
    assertArrayEquals(
        Hex.bytes("7E 7D 5E 7D 5D 7D 31 7D 33 7D D8 00 88 65 7E"),
        HdlcEncoder.encode(Hex.bytes("7E 7D 11 13 F8 00")));
  }

  /** The FCS is escaped like data: here its low byte is 0x7D. */
  @Test
  void escapesFcsBytes() {
    assertArrayEquals(
        Hex.bytes("7E 81 03 21 06 B2 7D 5D 7E"), HdlcEncoder.encode(Hex.bytes("81 03 21 06")));
  }

  @Test
  void onlyTheFiveReservedValuesNeedEscape() {
    int count = 0;
    for (int b = 0; b < 256; b++) {
      if (HdlcLite.needsEscape(b)) {
        count++;
      }
    }
    assertEquals(5, count);
    assertTrue(HdlcLite.needsEscape(0xF8));
    assertFalse(HdlcLite.needsEscape(0x20));
  }

  @Test
  void encodesSliceOfLargerArray() {
    byte[] buf = Hex.bytes("FF FF 80 01 02 FF");
    assertArrayEquals(Hex.bytes("7E 80 01 02 EA F0 7E"), HdlcEncoder.encode(buf, 2, 3));
  }

  @Test
  void worstCaseLengthBoundsEncodingOfAllFlags() {
    byte[] flags = new byte[40];
    java.util.Arrays.fill(flags, (byte) 0x7E);
    assertTrue(HdlcEncoder.encode(flags).length <= HdlcEncoder.maxEncodedLength(flags.length));
  }
}

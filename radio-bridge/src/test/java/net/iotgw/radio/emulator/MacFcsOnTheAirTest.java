package net.iotgw.radio.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import net.iotgw.protocols.ieee802154.Fcs;
import net.iotgw.radio.hdlc.Fcs16;
import org.junit.jupiter.api.Test;

/** The 802.15.4 FCS the medium fills in ({@link Fcs}), against the HDLC FCS-16 of the serial link. */
class MacFcsOnTheAirTest {

  @Test
  void ieee802154Fcs_section7_2_11_isCrc16KermitWithItsCheckValue() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertEquals(0x2189, Fcs.compute(check, 0, check.length));
  }

  @Test
  void differsFromHdlcFcs16ForTheSameBytes() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertEquals(0x906E, Fcs16.compute(check));
  }

  @Test
  void fillWritesTheFcsLeastSignificantByteFirst_section7_2_11() {
    // An Imm-Ack (2003) for sequence number 0x2F: frame control 0x0002, then the FCS.
    byte[] ack = {0x02, 0x00, 0x2F, 0x00, 0x00};
    Fcs.fill(ack);
    int fcs = Fcs.compute(ack, 0, 3);
    assertArrayEquals(new byte[] {0x02, 0x00, 0x2F, (byte) fcs, (byte) (fcs >>> 8)}, ack);
    assertTrue(Fcs.isValid(ack));
    ack[2] ^= 1;
    assertFalse(Fcs.isValid(ack));
  }
}

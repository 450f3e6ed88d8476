package net.iotgw.radio.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import net.iotgw.radio.hdlc.Fcs16;
import org.junit.jupiter.api.Test;

class MacFcsTest {

  @Test
  void ieee802154Fcs_section7_2_11_isCrc16KermitWithItsCheckValue() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertEquals(0x2189, MacFcs.compute(check, 0, check.length));
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
    MacFcs.fill(ack);
    int fcs = MacFcs.compute(ack, 0, 3);
    assertArrayEquals(new byte[] {0x02, 0x00, 0x2F, (byte) fcs, (byte) (fcs >>> 8)}, ack);
    assertTrue(MacFcs.check(ack));
    ack[2] ^= 1;
    assertFalse(MacFcs.check(ack));
  }
}

package net.iotgw.radio.hdlc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Fcs16Test {

  private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

  /**
   * RFC 1662 §C.2 FCS-16 is the CRC catalogued as CRC-16/X-25: check value 0x906E for "123456789"
   * after the final complement (the register itself ends at 0x6F91).
   */
  @Test
  void rfc1662Fcs16OfCheckStringIs906E() {
    assertEquals(0x906E, Fcs16.compute(CHECK));
    assertEquals(0x6F91, Fcs16.update(Fcs16.INIT, CHECK, 0, CHECK.length));
  }

  /** RFC 1662 §C.2: the FCS appended low byte first leaves the register at PPPGOODFCS16. */
  @Test
  void rfc1662ReceiverResidueOverDataAndFcsIsF0B8() {
    int r = Fcs16.update(Fcs16.INIT, CHECK, 0, CHECK.length);
    r = Fcs16.update(r, 0x6E);
    r = Fcs16.update(r, 0x90);
    assertEquals(Fcs16.GOOD, r);
  }

  @Test
  void fcsOfEmptyInputIsComplementOfInit() {
    assertEquals(0x0000, Fcs16.compute(new byte[0]));
  }

  @Test
  void computeCoversOnlyTheGivenSlice() {
    byte[] padded = new byte[CHECK.length + 4];
    System.arraycopy(CHECK, 0, padded, 2, CHECK.length);
    padded[0] = 0x55;
    padded[padded.length - 1] = 0x55;
    assertEquals(0x906E, Fcs16.compute(padded, 2, CHECK.length));
  }
}

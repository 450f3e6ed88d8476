package net.iotgw.radio.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ieee802154.Fcs;
import org.junit.jupiter.api.Test;

/** Who a frame on the medium is for ({@link Delivery#destination}). */
class FrameDestinationTest {

  /** The frame as the medium delivers it: FCS filled in over the trailing two bytes. */
  private static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    if (out.length >= Fcs.LENGTH) {
      Fcs.fill(out);
    }
    return out;
  }

  private static Optional<Address> destinationOf(byte[] psdu) {
    return Delivery.destination(psdu);
  }

  @Test
  void data2003ShortToShortWithPanIdCompression_section7_2_2() {
    // FCF 0x8841: data, PAN ID compression, dst short, src short; seq 5; dst PAN 0xABCD;
    // dst 0x1234; src 0x0001; FCS.
    byte[] psdu = bytes(0x41, 0x88, 0x05, 0xCD, 0xAB, 0x34, 0x12, 0x01, 0x00, 0, 0);
    assertEquals(Optional.of(new Address.Short(0x1234)), destinationOf(psdu));
  }

  @Test
  void broadcastShortAddress() {
    byte[] psdu = bytes(0x41, 0x88, 0x05, 0xCD, 0xAB, 0xFF, 0xFF, 0x01, 0x00, 0, 0);
    assertEquals(Optional.of(new Address.Short(0xFFFF)), destinationOf(psdu));
    assertTrue(((Address.Short) destinationOf(psdu).orElseThrow()).isBroadcast());
  }

  @Test
  void extendedDestinationIsLittleEndianOnTheAir_section7_2_5() {
    // FCF 0xCC41: data, PAN ID compression, dst extended, src extended (2003).
    byte[] psdu =
        bytes(
            0x41, 0xCC, 0x07, 0xCD, 0xAB, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x00, 0x08,
            0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, 0, 0);
    assertEquals(
        Optional.of(new Address.Extended(0x0011_2233_4455_6677L)), destinationOf(psdu));
  }

  @Test
  void frame2015WithSequenceSuppressedAndBothExtendedCompressedHasNoPanId_table7_2() {
    // FCF: data(1) | PAN ID comp (0x40) | seq suppressed (0x100) | dst ext (0x0C00) |
    // version 2015 (0x2000) | src ext (0xC000) = 0xED41.
    byte[] psdu =
        bytes(
            0x41, 0xED, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x00, 0x08, 0x07, 0x06, 0x05,
            0x04, 0x03, 0x02, 0x01, 0, 0);
    assertEquals(
        Optional.of(new Address.Extended(0x0011_2233_4455_6677L)), destinationOf(psdu));
  }

  @Test
  void frame2015ShortToShortKeepsTheDestinationPanIdEvenWhenCompressed_table7_2() {
    // FCF: data | PAN ID comp | dst short (0x0800) | 2015 (0x2000) | src short (0x8000) = 0xA841.
    byte[] psdu = bytes(0x41, 0xA8, 0x09, 0xCD, 0xAB, 0x02, 0x00, 0x01, 0x00, 0, 0);
    assertEquals(Optional.of(new Address.Short(0x0002)), destinationOf(psdu));
  }

  @Test
  void immAckHasNoAddresses() {
    assertEquals(Optional.of(Address.NONE), destinationOf(bytes(0x02, 0x00, 0x2F, 0, 0)));
  }

  @Test
  void headerCutShortOfItsAddressIsMalformed() {
    assertEquals(
        Optional.empty(), destinationOf(bytes(0x41, 0xCC, 0x07, 0xCD, 0xAB, 0x77, 0x66, 0, 0)));
    assertEquals(Optional.empty(), destinationOf(bytes(0x41)));
  }

  @Test
  void reservedDestinationModeIsMalformed() {
    // dst mode 1 (0x0400) is reserved.
    assertEquals(Optional.empty(), destinationOf(bytes(0x41, 0x84, 1, 2, 3, 4, 5, 6, 7)));
  }

  @Test
  void frameTheMacDecoderRefusesIsHeardByNobody() {
    // FCF 0xB841: as the 2015 short-to-short frame above, but frame version 3, which is reserved.
    assertEquals(
        Optional.empty(),
        destinationOf(bytes(0x41, 0xB8, 0x09, 0xCD, 0xAB, 0x02, 0x00, 0x01, 0x00, 0, 0)));
  }
}

package net.iotgw.protocols.ieee802154;

import static net.iotgw.protocols.ieee802154.Frames.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.junit.jupiter.api.Test;

class FcsTest {

  @Test
  void isCrc16KermitCheckValue() {
    // The catalogue check value of CRC-16/KERMIT (reflected 0x1021, init 0, no xorout).
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertEquals(0x2189, Fcs.compute(check, 0, check.length));
  }

  @Test
  void ofEmptyInputIsTheInitialValueZeroSection7_2_10() {
    assertEquals(0, Fcs.compute(new byte[0], 0, 0));
  }

  @Test
  void matchesACapturedFrameSentLeastSignificantOctetFirst() {
    byte[] psdu = hex(Frames.CONTIKI_2003_EXT);
    assertEquals(0x16c1, Fcs.compute(psdu, 0, psdu.length - 2));
    assertEquals(0xc1, psdu[psdu.length - 2] & 0xff);
    assertEquals(0x16, psdu[psdu.length - 1] & 0xff);
    assertTrue(Fcs.isValid(psdu));
  }

  @Test
  void fillWritesTheFcsOverTheLastTwoOctetsLeastSignificantFirst() {
    byte[] captured = hex(Frames.CONTIKI_2003_EXT);
    byte[] psdu = captured.clone();
    psdu[psdu.length - 2] = 0;
    psdu[psdu.length - 1] = 0;
    Fcs.fill(psdu);
    assertArrayEquals(captured, psdu);
  }

  @Test
  void immediateAckCarriesFcsCheckedByTshark() {
    assertEquals(
        "0210569a17",
        hex(MacFrameCodec.encode(new MacFrame(MacHeader.ack(0x56, false), new byte[0]))));
  }

  @Test
  void anyFlippedBitIsDetected() {
    byte[] psdu = hex(Frames.CONTIKI_2003_EXT);
    for (int i = 0; i < psdu.length * 8; i++) {
      byte[] copy = psdu.clone();
      copy[i / 8] ^= (byte) (1 << (i % 8));
      assertFalse(Fcs.isValid(copy), "bit " + i);
    }
  }

  @Test
  void decoderRefusesAWrongFcsWithTheReceivedValue() {
    byte[] psdu = hex(Frames.CONTIKI_2003_EXT);
    psdu[psdu.length - 1] ^= 0x01;
    DecodeError e =
        assertInstanceOf(Decoded.Failed.class, MacFrameCodec.decode(psdu, true)).error();
    assertEquals(DecodeError.Kind.AUTHENTICATION_FAILED, e.kind());
    assertEquals(0x17c1, e.code());
  }

  @Test
  void decoderWithoutFcsDoesNotLookForOne() {
    byte[] psdu = hex(Frames.CONTIKI_2003_EXT);
    byte[] mpdu = java.util.Arrays.copyOf(psdu, psdu.length - 2);
    assertEquals(
        MacFrameCodec.decode(psdu, true).orThrow(), MacFrameCodec.decode(mpdu, false).orThrow());
  }
}

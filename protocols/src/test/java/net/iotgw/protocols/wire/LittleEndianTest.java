package net.iotgw.protocols.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The {@code le} reads and writes that IEEE 802.15.4 and Spinel fields use. */
class LittleEndianTest {
  private static final byte[] WIRE =
      HexFormat.of().parseHex("cdab" + "78563412" + "0100000000feffff" + "ff");

  @Test
  void readsEachFieldLeastSignificantOctetFirst() throws Malformed {
    WireReader r = new WireReader(WIRE);
    assertEquals(0xabcd, r.u16le("u16"));
    assertEquals(0x12345678L, r.u32le("u32"));
    assertEquals(0xfffffe0000000001L, r.u64le("u64"));
    assertEquals(1, r.remaining());
  }

  @Test
  void u32leIsUnsigned() throws Malformed {
    assertEquals(0xffffffffL, new WireReader(HexFormat.of().parseHex("ffffffff")).u32le("u32"));
  }

  @Test
  void writesTheMirrorOfWhatItReads() {
    byte[] written =
        new WireWriter()
            .u16le(0xabcd)
            .u32le(0x12345678L)
            .u64le(0xfffffe0000000001L)
            .u8(0xff)
            .toByteArray();
    assertArrayEquals(WIRE, written);
  }

  @Test
  void aTruncatedFieldFailsAtItsStartWithoutMoving() throws Malformed {
    WireReader r = new WireReader(WIRE, 0, 7);
    r.u16le("u16");
    Malformed m = assertThrows(Malformed.class, () -> r.u64le("u64"));
    assertEquals(DecodeError.Kind.TRUNCATED, m.error().kind());
    assertEquals(2, m.error().offset());
    assertEquals(2, r.position());
  }
}

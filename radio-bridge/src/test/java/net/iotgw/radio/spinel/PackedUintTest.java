package net.iotgw.radio.spinel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.radio.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** spinel.h "Packed Unsigned Integer". */
class PackedUintTest {

  @ParameterizedTest
  @CsvSource({
    "0, 00",
    "1, 01",
    "127, 7F",
    "128, 80 01",
    "1337, B9 0A", // the worked example in spinel.h
    "16383, FF 7F",
    "16384, 80 80 01",
    "2097151, FF FF 7F"
  })
  void encodesAndDecodesSpinelHVectors(int value, String hex) throws Malformed {
    assertArrayEquals(Hex.bytes(hex), PackedUint.encode(value));
    assertEquals(Hex.bytes(hex).length, PackedUint.size(value));
    WireReader r = new WireReader(Hex.bytes(hex));
    assertEquals(value, PackedUint.read(r, "v"));
    assertEquals(0, r.remaining());
  }

  @Test
  void stopsAtFirstByteWithHighBitClear() throws Malformed {
    WireReader r = new WireReader(Hex.bytes("B0 01 05"));
    assertEquals(176, PackedUint.read(r, "v"));
    assertEquals(1, r.remaining());
  }

  @Test
  void refusesFourthByte() {
    Malformed e =
        assertThrows(
            Malformed.class, () -> PackedUint.read(new WireReader(Hex.bytes("FF FF FF 01")), "v"));
    assertEquals(DecodeError.Kind.INVALID_SYNTAX, e.error().kind());
  }

  @Test
  void refusesNonMinimalForm() {
    Malformed e =
        assertThrows(
            Malformed.class, () -> PackedUint.read(new WireReader(Hex.bytes("80 00")), "v"));
    assertEquals(DecodeError.Kind.INVALID_SYNTAX, e.error().kind());
  }

  @Test
  void continuationWithoutNextByteIsTruncated() {
    Malformed e =
        assertThrows(
            Malformed.class, () -> PackedUint.read(new WireReader(Hex.bytes("80 80")), "v"));
    assertEquals(DecodeError.Kind.TRUNCATED, e.error().kind());
  }

  @Test
  void encoderRefusesValuesBeyondThreeBytes() {
    assertThrows(IllegalArgumentException.class, () -> PackedUint.encode(2_097_152));
    assertThrows(IllegalArgumentException.class, () -> PackedUint.encode(-1));
  }
}

package net.iotgw.protocols.sixlowpan;

import static net.iotgw.protocols.sixlowpan.Packets.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.junit.jupiter.api.Test;

/** The FRAG1 and FRAGN headers of RFC 4944 §5.3, byte for byte. */
class FragmentTest {

  @Test
  void firstFragmentHeader_rfc4944Section5_3() {
    // 11000 | datagram_size 1000 (0x3e8) | tag 0x1234, then IPHC 7a33 3a and data.
    byte[] frame = hex("c3e8 1234 7a33 3a 8000");
    FirstFragment f = (FirstFragment) Fragment.decode(frame).orThrow();
    assertEquals(1000, f.datagramSize());
    assertEquals(0x1234, f.tag());
    assertEquals(new HeaderSizes(3, 40), f.header());
    assertEquals(0, f.offset());
    assertEquals(42, f.extent());
    assertEquals(hex(frame), hex(f.encode()));
  }

  @Test
  void subsequentFragmentHeader_rfc4944Section5_3() {
    // 11100 | datagram_size 2047 | tag 0xffff | offset 255 (2040 bytes), 7 bytes.
    byte[] frame = hex("e7ff ffff ff 01020304050607");
    SubsequentFragment f = (SubsequentFragment) Fragment.decode(frame).orThrow();
    assertEquals(2047, f.datagramSize());
    assertEquals(0xffff, f.tag());
    assertEquals(2040, f.offset());
    assertEquals(7, f.extent());
    assertEquals(hex(frame), hex(f.encode()));
  }

  @Test
  void recognisesFragmentationDispatches() {
    assertTrue(Fragment.isFragment(hex("c0")));
    assertTrue(Fragment.isFragment(hex("e7")));
    assertFalse(Fragment.isFragment(hex("7a")));
    assertFalse(Fragment.isFragment(hex("c8")));
    assertFalse(Fragment.isFragment(new byte[0]));
  }

  @Test
  void refusesMalformedFragments() {
    assertFails(DecodeError.Kind.TRUNCATED, "c3e812");
    assertFails(DecodeError.Kind.TRUNCATED, "e3e81234");
    assertFails(DecodeError.Kind.BAD_LENGTH, "c000 1234 7a33 3a");
    assertFails(DecodeError.Kind.INVALID_SYNTAX, "e3e8 1234 00 01");
    assertFails(DecodeError.Kind.INVALID_SYNTAX, "c8e8 1234 7a33 3a");
    // Beyond datagram_size: FRAG1 of 41 bytes of a 40-byte datagram, FRAGN past the end.
    assertFails(DecodeError.Kind.BAD_LENGTH, "c028 1234 7a33 3a 80");
    assertFails(DecodeError.Kind.BAD_LENGTH, "e010 1234 01 0102030405060708 09");
    // No byte of the datagram.
    assertFails(DecodeError.Kind.BAD_LENGTH, "e3e8 1234 02");
    assertFails(DecodeError.Kind.BAD_LENGTH, "c3e8 1234 41");
  }

  @Test
  void firstFragmentMustHoldTheWholeHeader_rfc6282Section2() {
    // The UDP NHC's ports are cut off.
    DecodeError e = assertFails(DecodeError.Kind.TRUNCATED, "c3e8 1234 7e33 f0 16");
    assertEquals(4 + 3, e.offset());
    assertFails(DecodeError.Kind.UNSUPPORTED, "c3e8 1234 80 00");
  }

  @Test
  void fragmentsCannotBeBuiltInconsistent() {
    byte[] header = hex("7a33 3a 80");
    assertThrows(IllegalArgumentException.class,
        () -> new FirstFragment(100, 1, header, new HeaderSizes(2, 40)));
    assertThrows(IllegalArgumentException.class,
        () -> new FirstFragment(40, 1, header, new HeaderSizes(3, 40)));
    assertThrows(IllegalArgumentException.class,
        () -> new FirstFragment(2048, 1, header, new HeaderSizes(3, 40)));
    assertThrows(IllegalArgumentException.class,
        () -> new SubsequentFragment(100, 1, 12, new byte[8]));
    assertThrows(IllegalArgumentException.class,
        () -> new SubsequentFragment(100, 1, 1, new byte[0]));
    assertThrows(IllegalArgumentException.class,
        () -> new SubsequentFragment(100, 0x10000, 1, new byte[8]));
  }

  private static DecodeError assertFails(DecodeError.Kind kind, String frame) {
    Decoded<Fragment> d = Fragment.decode(hex(frame));
    DecodeError e = ((Decoded.Failed<Fragment>) d).error();
    assertEquals(kind, e.kind(), frame + ": " + e);
    return e;
  }
}

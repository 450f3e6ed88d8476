package net.iotgw.protocols.ike.codec;

/**
 * Range checks for values a record will put in a fixed-width wire field. A violation is a
 * programming error of whoever builds the record (the decoder never produces one), hence an
 * unchecked exception rather than a {@code Malformed}.
 */
final class FieldRange {
  private FieldRange() {}

  static int u8(int v, String what) {
    if (v < 0 || v > 0xff) {
      throw new IllegalArgumentException(what + " must fit in 8 bits: " + v);
    }
    return v;
  }

  static int u15(int v, String what) {
    if (v < 0 || v > 0x7fff) {
      throw new IllegalArgumentException(what + " must fit in 15 bits: " + v);
    }
    return v;
  }

  static int u16(int v, String what) {
    if (v < 0 || v > 0xffff) {
      throw new IllegalArgumentException(what + " must fit in 16 bits: " + v);
    }
    return v;
  }

  static long u32(long v, String what) {
    if (v < 0 || v > 0xffffffffL) {
      throw new IllegalArgumentException(what + " must fit in 32 bits: " + v);
    }
    return v;
  }

  /** A defensive copy of {@code b}, refused if it cannot fit a field of {@code max} bytes. */
  static byte[] copy(byte[] b, int max, String what) {
    if (b.length > max) {
      throw new IllegalArgumentException(what + " is " + b.length + " bytes, at most " + max);
    }
    return b.clone();
  }
}

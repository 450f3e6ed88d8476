package net.iotgw.radio.spinel;

import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * Spinel's packed unsigned integer, datatype {@code i} (spinel.h "Packed Unsigned Integer"): the
 * EXI unsigned integer, seven bits per byte, least significant group first, the high bit set on
 * every byte but the last; at most three bytes, so at most 2,097,151.
 *
 * <p>Decoding is strict where OpenThread's {@code spinel_packed_uint_decode} is lenient: a fourth
 * byte and a non-minimal form (a last byte of zero after the first) are refused, because spinel.h
 * defines the encoding as the one with "the smallest number of 7-bit chunks", and a canonical form
 * keeps encode(decode(x)) == x.
 */
public final class PackedUint {
  /** SPINEL_MAX_UINT_PACKED: the largest value three 7-bit groups hold. */
  public static final int MAX = 2_097_151;

  private static final int MAX_BYTES = 3;

  private PackedUint() {}

  public static int size(int value) {
    check(value);
    return value < (1 << 7) ? 1 : value < (1 << 14) ? 2 : 3;
  }

  public static void write(WireWriter w, int value) {
    check(value);
    int v = value;
    while (v >= 0x80) {
      w.u8((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    w.u8(v);
  }

  public static byte[] encode(int value) {
    WireWriter w = new WireWriter(MAX_BYTES);
    write(w, value);
    return w.toByteArray();
  }

  public static int read(WireReader r, String what) throws Malformed {
    int value = 0;
    for (int i = 0; i < MAX_BYTES; i++) {
      int at = r.position();
      int b = r.u8(what);
      value |= (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (i > 0 && b == 0) {
          throw new Malformed(
              DecodeError.Kind.INVALID_SYNTAX, at, what + ": packed integer not in minimal form");
        }
        return value;
      }
    }
    throw new Malformed(
        DecodeError.Kind.INVALID_SYNTAX,
        r.position() - 1,
        what + ": packed integer longer than " + MAX_BYTES + " bytes");
  }

  private static void check(int value) {
    if (value < 0 || value > MAX) {
      throw new IllegalArgumentException("packed unsigned integer out of range: " + value);
    }
  }
}

package net.iotgw.protocols.ike.codec;

import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;

/**
 * Reads a length-delimited structure (payload body, proposal, transform, selector) from a reader
 * bounded to exactly that length. The structure must consume every byte it claims (RFC 7296 §3.3:
 * lengths must be consistent with contents), and errors found inside report offsets from the start
 * of the outer input rather than from the slice.
 */
final class Slice {
  private Slice() {}

  @FunctionalInterface
  interface Body<T> {
    T read(WireReader body) throws Malformed;
  }

  static <T> T read(WireReader parent, int length, String what, Body<T> body) throws Malformed {
    int base = parent.position();
    if (length > parent.remaining()) {
      throw new Malformed(
          DecodeError.Kind.BAD_LENGTH,
          base,
          what + " claims " + length + " bytes, " + parent.remaining() + " remain");
    }
    WireReader sub = parent.slice(length, what);
    try {
      T value = body.read(sub);
      requireConsumed(sub, what);
      return value;
    } catch (Malformed m) {
      throw shifted(m, base);
    }
  }

  /** RFC 7296 §3.3: a structure's length must be exactly what its contents take. */
  static void requireConsumed(WireReader sub, String what) throws Malformed {
    if (sub.hasRemaining()) {
      throw new Malformed(
          DecodeError.Kind.BAD_LENGTH,
          sub.position(),
          what + " leaves " + sub.remaining() + " bytes unparsed");
    }
  }

  /** The same error with its offset counted from {@code base} bytes earlier. */
  static Malformed shifted(Malformed m, int base) {
    DecodeError e = m.error();
    return new Malformed(new DecodeError(e.kind(), base + e.offset(), e.detail(), e.code()));
  }

  static Malformed syntax(WireReader r, String detail) {
    return new Malformed(DecodeError.Kind.INVALID_SYNTAX, r.position(), detail);
  }

  static Malformed badLength(WireReader r, String detail) {
    return new Malformed(DecodeError.Kind.BAD_LENGTH, r.position(), detail);
  }
}

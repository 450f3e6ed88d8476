package net.iotgw.protocols.ike.auth;

import java.math.BigInteger;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * The DER Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } (RFC 3279 §2.2.3) that RFC 7427
 * §3 carries as the ECDSA signature value. The decoder is strict DER (definite minimal lengths,
 * minimal positive integers, nothing trailing) and total: it never throws on hostile input.
 */
final class EcdsaSigValue {
  private static final int SEQUENCE = 0x30;
  private static final int INTEGER = 0x02;

  private EcdsaSigValue() {}

  static byte[] encode(BigInteger r, BigInteger s) {
    byte[] rb = r.toByteArray();
    byte[] sb = s.toByteArray();
    int body = 2 + rb.length + 2 + sb.length;
    WireWriter w = new WireWriter(body + 3);
    w.u8(SEQUENCE);
    writeLength(w, body);
    w.u8(INTEGER).u8(rb.length).bytes(rb);
    w.u8(INTEGER).u8(sb.length).bytes(sb);
    return w.toByteArray();
  }

  /** {r, s}, both positive. */
  static Decoded<BigInteger[]> decode(byte[] der) {
    try {
      WireReader in = new WireReader(der);
      expect(in, SEQUENCE, "SEQUENCE");
      int length = readLength(in);
      if (length != in.remaining()) {
        throw new Malformed(DecodeError.Kind.BAD_LENGTH, in.position(), "SEQUENCE length mismatch");
      }
      BigInteger r = readPositiveInteger(in);
      BigInteger s = readPositiveInteger(in);
      if (in.hasRemaining()) {
        throw new Malformed(DecodeError.Kind.INVALID_SYNTAX, in.position(), "bytes after s");
      }
      return Decoded.ok(new BigInteger[] {r, s});
    } catch (Malformed e) {
      return Decoded.failed(e.error());
    }
  }

  private static void writeLength(WireWriter w, int length) {
    if (length < 0x80) {
      w.u8(length);
    } else {
      w.u8(0x81).u8(length); // Ecdsa-Sig-Values of curves up to P-521 stay below 256 bytes
    }
  }

  private static void expect(WireReader in, int tag, String what) throws Malformed {
    int at = in.position();
    if (in.u8(what) != tag) {
      throw new Malformed(DecodeError.Kind.INVALID_SYNTAX, at, "expected " + what);
    }
  }

  private static int readLength(WireReader in) throws Malformed {
    int at = in.position();
    int first = in.u8("DER length");
    if (first < 0x80) {
      return first;
    }
    if (first == 0x81) {
      int length = in.u8("DER length");
      if (length < 0x80) {
        throw new Malformed(DecodeError.Kind.INVALID_SYNTAX, at, "non-minimal DER length");
      }
      return length;
    }
    throw new Malformed(DecodeError.Kind.BAD_LENGTH, at, "DER length form not allowed here");
  }

  private static BigInteger readPositiveInteger(WireReader in) throws Malformed {
    expect(in, INTEGER, "INTEGER");
    int at = in.position();
    int length = readLength(in);
    byte[] content = in.bytes(length, "INTEGER content");
    if (length == 0) {
      throw new Malformed(DecodeError.Kind.INVALID_SYNTAX, at, "empty INTEGER");
    }
    if ((content[0] & 0x80) != 0) {
      throw new Malformed(DecodeError.Kind.INVALID_SYNTAX, at, "negative INTEGER");
    }
    if (length > 1 && content[0] == 0 && (content[1] & 0x80) == 0) {
      throw new Malformed(DecodeError.Kind.INVALID_SYNTAX, at, "non-minimal INTEGER");
    }
    return new BigInteger(1, content);
  }
}

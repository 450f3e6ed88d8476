package net.iotgw.radio.spinel;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * Readers and writers for the Spinel primitive datatypes this package uses (spinel.h "Primitive
 * Types", packing rules of spinel.c {@code spinel_datatype_vpack_}/{@code vunpack_}). Each method
 * is named after its format character; readers throw {@link Malformed}, writers reject values
 * outside the type with {@link IllegalArgumentException}.
 */
final class SpinelData {

  private SpinelData() {}

  /** {@code b}: one byte, 0x00 or 0x01; spinel.h: "All other values are illegal." */
  static boolean readBool(WireReader r, String what) throws Malformed {
    int at = r.position();
    int v = r.u8(what);
    if (v > 1) {
      throw new Malformed(DecodeError.Kind.INVALID_SYNTAX, at, what + ": boolean is " + v);
    }
    return v == 1;
  }

  static void writeBool(WireWriter w, boolean v) {
    w.u8(v ? 1 : 0);
  }

  /** {@code C}. */
  static int readUint8(WireReader r, String what) throws Malformed {
    return r.u8(what);
  }

  static void writeUint8(WireWriter w, int v) {
    if (v < 0 || v > 0xFF) {
      throw new IllegalArgumentException("uint8 out of range: " + v);
    }
    w.u8(v);
  }

  /** {@code c}: two's complement byte. */
  static int readInt8(WireReader r, String what) throws Malformed {
    return (byte) r.u8(what);
  }

  static void writeInt8(WireWriter w, int v) {
    if (v < Byte.MIN_VALUE || v > Byte.MAX_VALUE) {
      throw new IllegalArgumentException("int8 out of range: " + v);
    }
    w.u8(v & 0xFF);
  }

  /** {@code S}: little-endian. */
  static int readUint16(WireReader r, String what) throws Malformed {
    return r.u16le(what);
  }

  static void writeUint16(WireWriter w, int v) {
    if (v < 0 || v > 0xFFFF) {
      throw new IllegalArgumentException("uint16 out of range: " + v);
    }
    w.u16le(v);
  }

  /** {@code L}: little-endian, unsigned in a long. */
  static long readUint32(WireReader r, String what) throws Malformed {
    return r.u32le(what);
  }

  static void writeUint32(WireWriter w, long v) {
    if (v < 0 || v > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("uint32 out of range: " + v);
    }
    w.u32le(v);
  }

  /** {@code X}: little-endian; the 64 bits as a Java long (read as unsigned where it matters). */
  static long readUint64(WireReader r, String what) throws Malformed {
    return r.u64le(what);
  }

  static void writeUint64(WireWriter w, long v) {
    w.u64le(v);
  }

  /** {@code E}: an EUI-64, big-endian (canonical order) per spinel.h, as a long. */
  static long readEui64(WireReader r, String what) throws Malformed {
    return r.u64(what);
  }

  static void writeEui64(WireWriter w, long eui64) {
    w.u64(eui64);
  }

  /**
   * {@code U}: UTF-8 up to and including a zero byte, which must lie within the reader (spinel.c
   * checks the same and validates the UTF-8).
   */
  static String readUtf8(WireReader r, String what) throws Malformed {
    int start = r.position();
    WireWriter text = new WireWriter(32);
    while (true) {
      if (!r.hasRemaining()) {
        throw new Malformed(
            DecodeError.Kind.TRUNCATED, start, what + ": string not zero-terminated");
      }
      int b = r.u8(what);
      if (b == 0) {
        break;
      }
      text.u8(b);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(text.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new Malformed(DecodeError.Kind.INVALID_SYNTAX, start, what + ": invalid UTF-8");
    }
  }

  static void writeUtf8(WireWriter w, String s) {
    if (s.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a Spinel string cannot contain NUL");
    }
    w.bytes(s.getBytes(StandardCharsets.UTF_8)).u8(0);
  }

  /** {@code d}: a {@code S} length, then that many bytes. */
  static byte[] readDataWithLength(WireReader r, String what) throws Malformed {
    int n = readUint16(r, what + " length");
    return r.bytes(n, what);
  }

  static void writeDataWithLength(WireWriter w, byte[] data) {
    writeUint16(w, data.length);
    w.bytes(data);
  }

  /**
   * {@code t(...)}: a {@code S} length, then the struct; the returned reader cannot run past it.
   * Fields the reader leaves unread are ones a newer peer appended (spinel.h "Structured Data").
   */
  static WireReader readStruct(WireReader r, String what) throws Malformed {
    int n = readUint16(r, what + " length");
    return r.slice(n, what);
  }

  /** Writes {@code body} as {@code t(...)}. */
  static void writeStruct(WireWriter w, byte[] body) {
    writeDataWithLength(w, body);
  }
}

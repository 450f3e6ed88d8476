package net.iotgw.protocols.wire;

import java.util.Arrays;

/**
 * A bounds-checked big-endian cursor over a byte array slice (little-endian where a method's name
 * ends in {@code le}, for IEEE 802.15.4 and Spinel fields). Every read checks what remains
 * first, so an attacker's length field can never cause an allocation larger than the input itself
 * or a read past its end: the worst it can do is produce {@link Malformed}.
 */
public final class WireReader {
  private final byte[] buf;
  private final int start;
  private final int end;
  private int pos;

  public WireReader(byte[] buf) {
    this(buf, 0, buf.length);
  }

  public WireReader(byte[] buf, int offset, int length) {
    if (offset < 0 || length < 0 || offset > buf.length - length) {
      throw new IllegalArgumentException("slice outside array");
    }
    this.buf = buf;
    this.start = offset;
    this.end = offset + length;
    this.pos = offset;
  }

  /** Offset from the start of this reader's slice, for error reports. */
  public int position() {
    return pos - start;
  }

  public int remaining() {
    return end - pos;
  }

  public boolean hasRemaining() {
    return pos < end;
  }

  private void need(int n, String what) throws Malformed {
    if (n < 0 || n > end - pos) {
      throw new Malformed(
          DecodeError.Kind.TRUNCATED,
          position(),
          what + " needs " + n + " bytes, " + (end - pos) + " remain");
    }
  }

  public int u8(String what) throws Malformed {
    need(1, what);
    return buf[pos++] & 0xff;
  }

  public int u16(String what) throws Malformed {
    need(2, what);
    int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
    pos += 2;
    return v;
  }

  public int u24(String what) throws Malformed {
    need(3, what);
    int v = ((buf[pos] & 0xff) << 16) | ((buf[pos + 1] & 0xff) << 8) | (buf[pos + 2] & 0xff);
    pos += 3;
    return v;
  }

  /** An unsigned 32-bit value in a long. */
  public long u32(String what) throws Malformed {
    need(4, what);
    long v =
        ((long) (buf[pos] & 0xff) << 24)
            | ((buf[pos + 1] & 0xff) << 16)
            | ((buf[pos + 2] & 0xff) << 8)
            | (buf[pos + 3] & 0xff);
    pos += 4;
    return v;
  }

  public long u64(String what) throws Malformed {
    long hi = u32(what);
    long lo = u32(what);
    return (hi << 32) | lo;
  }

  /** A 16-bit value sent least significant octet first. */
  public int u16le(String what) throws Malformed {
    need(2, what);
    return (int) littleEndian(2);
  }

  /** An unsigned 32-bit value sent least significant octet first, in a long. */
  public long u32le(String what) throws Malformed {
    need(4, what);
    return littleEndian(4);
  }

  /** A 64-bit value sent least significant octet first. */
  public long u64le(String what) throws Malformed {
    need(8, what);
    return littleEndian(8);
  }

  private long littleEndian(int octets) {
    long v = 0;
    for (int i = octets - 1; i >= 0; i--) {
      v = (v << 8) | (buf[pos + i] & 0xff);
    }
    pos += octets;
    return v;
  }

  /** Copies {@code n} bytes; {@code n} is checked against what remains before allocating. */
  public byte[] bytes(int n, String what) throws Malformed {
    need(n, what);
    byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return out;
  }

  /** Everything left in this reader. */
  public byte[] rest() {
    byte[] out = Arrays.copyOfRange(buf, pos, end);
    pos = end;
    return out;
  }

  public void skip(int n, String what) throws Malformed {
    need(n, what);
    pos += n;
  }

  /**
   * A reader over the next {@code n} bytes, advancing this one past them. Used for a payload body
   * whose length came from the wire: the sub-reader cannot read beyond it.
   */
  public WireReader slice(int n, String what) throws Malformed {
    need(n, what);
    WireReader sub = new WireReader(buf, pos, n);
    pos += n;
    return sub;
  }
}

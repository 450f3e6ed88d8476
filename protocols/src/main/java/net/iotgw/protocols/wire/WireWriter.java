package net.iotgw.protocols.wire;

import java.util.Arrays;

/**
 * A growable big-endian byte sink for encoders (little-endian where a method's name ends in {@code
 * le}, for IEEE 802.15.4 and Spinel fields). Encoders take a writer so that nested structures
 * (payloads in a message) write into one buffer; lengths are back-patched with {@link #putU16At}.
 */
public final class WireWriter {
  private byte[] buf;
  private int pos;

  public WireWriter() {
    this(256);
  }

  public WireWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  private void ensure(int n) {
    if (pos + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
    }
  }

  public int position() {
    return pos;
  }

  public WireWriter u8(int v) {
    ensure(1);
    buf[pos++] = (byte) v;
    return this;
  }

  public WireWriter u16(int v) {
    ensure(2);
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
    return this;
  }

  public WireWriter u24(int v) {
    ensure(3);
    buf[pos++] = (byte) (v >>> 16);
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
    return this;
  }

  public WireWriter u32(long v) {
    ensure(4);
    buf[pos++] = (byte) (v >>> 24);
    buf[pos++] = (byte) (v >>> 16);
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
    return this;
  }

  public WireWriter u64(long v) {
    u32(v >>> 32);
    return u32(v & 0xffffffffL);
  }

  /** The low 16 bits of {@code v}, least significant octet first. */
  public WireWriter u16le(int v) {
    return littleEndian(v, 2);
  }

  /** The low 32 bits of {@code v}, least significant octet first. */
  public WireWriter u32le(long v) {
    return littleEndian(v, 4);
  }

  /** {@code v}, least significant octet first. */
  public WireWriter u64le(long v) {
    return littleEndian(v, 8);
  }

  private WireWriter littleEndian(long v, int octets) {
    ensure(octets);
    for (int i = 0; i < octets; i++) {
      buf[pos++] = (byte) (v >>> (8 * i));
    }
    return this;
  }

  public WireWriter bytes(byte[] b) {
    return bytes(b, 0, b.length);
  }

  public WireWriter bytes(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, pos, len);
    pos += len;
    return this;
  }

  public WireWriter zeros(int n) {
    ensure(n);
    Arrays.fill(buf, pos, pos + n, (byte) 0);
    pos += n;
    return this;
  }

  /** Overwrites two bytes already written, for a length known only after the body. */
  public void putU16At(int at, int v) {
    if (at < 0 || at + 2 > pos) {
      throw new IllegalArgumentException("back-patch outside written bytes");
    }
    buf[at] = (byte) (v >>> 8);
    buf[at + 1] = (byte) v;
  }

  public void putU32At(int at, long v) {
    if (at < 0 || at + 4 > pos) {
      throw new IllegalArgumentException("back-patch outside written bytes");
    }
    buf[at] = (byte) (v >>> 24);
    buf[at + 1] = (byte) (v >>> 16);
    buf[at + 2] = (byte) (v >>> 8);
    buf[at + 3] = (byte) v;
  }

  public void putU8At(int at, int v) {
    if (at < 0 || at + 1 > pos) {
      throw new IllegalArgumentException("back-patch outside written bytes");
    }
    buf[at] = (byte) v;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }
}

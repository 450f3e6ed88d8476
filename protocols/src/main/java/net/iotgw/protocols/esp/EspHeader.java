package net.iotgw.protocols.esp;

import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;

/**
 * The cleartext start of every ESP packet (RFC 4303 §2.1, §2.2): what a forwarder that holds no
 * keys can read, to route by SPI.
 *
 * @param spi the Security Parameters Index (unsigned 32-bit)
 * @param sequenceLow the Sequence Number field, i.e. the low 32 bits with ESN (unsigned)
 */
public record EspHeader(int spi, long sequenceLow) {
  public static final int LENGTH = 8;

  /** Reads the header at the start of {@code packet}; never throws. */
  public static Decoded<EspHeader> decode(byte[] packet) {
    return decode(packet, 0);
  }

  /**
   * Reads the header at {@code offset}: an ESP packet inside the IP packet that carries it (RFC
   * 4303 §2: ESP follows the IP header), read in place by a forwarder. Never throws.
   *
   * @return the header, or {@code TRUNCATED} if fewer than 8 bytes follow {@code offset} (an
   *     offset outside the array included)
   */
  public static Decoded<EspHeader> decode(byte[] packet, int offset) {
    if (offset < 0 || offset > packet.length || packet.length - offset < LENGTH) {
      return Decoded.failed(
          new DecodeError(DecodeError.Kind.TRUNCATED, Math.max(0, offset),
              "ESP header needs 8 bytes, got " + Math.max(0, packet.length - offset)));
    }
    return Decoded.ok(new EspHeader((int) u32(packet, offset), u32(packet, offset + 4)));
  }

  static long u32(byte[] b, int at) {
    return ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8)
        | (b[at + 3] & 0xff);
  }

  static void putU32(byte[] b, int at, long v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  @Override
  public String toString() {
    return "EspHeader[spi=" + String.format("%08x", spi) + ", seq=" + sequenceLow + "]";
  }
}

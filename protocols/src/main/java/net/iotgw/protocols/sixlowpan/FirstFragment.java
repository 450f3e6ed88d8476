package net.iotgw.protocols.sixlowpan;

import java.util.Arrays;
import net.iotgw.protocols.wire.Decoded;

/**
 * FRAG1 (RFC 4944 §5.3): {@code 11000}, datagram_size, datagram_tag, then the compressed header
 * and the first bytes of the payload.
 *
 * @param header the sizes of the compressed header at the start of {@code payload}, as {@link
 *     IphcDecompressor#measure} gives them; the constructor checks that they are
 */
public record FirstFragment(int datagramSize, int tag, byte[] payload, HeaderSizes header)
    implements Fragment {
  static final int DISPATCH = 0xc0;

  public FirstFragment {
    if (datagramSize < 1 || datagramSize > MAX_DATAGRAM_SIZE || tag < 0 || tag > 0xffff) {
      throw new IllegalArgumentException("datagram_size " + datagramSize + ", tag " + tag);
    }
    payload = payload.clone();
    Decoded<HeaderSizes> measured = IphcDecompressor.measure(payload, 0, payload.length);
    if (!measured.isOk() || !measured.orThrow().equals(header)) {
      throw new IllegalArgumentException("the first fragment must start with the whole header");
    }
    int extent = header.uncompressed() + payload.length - header.compressed();
    if (extent < 1 || extent > datagramSize) {
      throw new IllegalArgumentException(extent + " bytes of a " + datagramSize + "-byte datagram");
    }
  }

  @Override
  public int offset() {
    return 0;
  }

  @Override
  public int extent() {
    return header.uncompressed() + payload.length - header.compressed();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  @Override
  public int payloadLength() {
    return payload.length;
  }

  /** The payload without a copy, for the reassembler. */
  byte[] payloadBytes() {
    return payload;
  }

  @Override
  public byte[] encode() {
    byte[] out = new byte[FIRST_HEADER + payload.length];
    out[0] = (byte) (DISPATCH | (datagramSize >>> 8));
    out[1] = (byte) datagramSize;
    out[2] = (byte) (tag >>> 8);
    out[3] = (byte) tag;
    System.arraycopy(payload, 0, out, FIRST_HEADER, payload.length);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FirstFragment f
        && datagramSize == f.datagramSize
        && tag == f.tag
        && header.equals(f.header)
        && Arrays.equals(payload, f.payload);
  }

  @Override
  public int hashCode() {
    return (datagramSize * 31 + tag) * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "FRAG1[size " + datagramSize + ", tag " + tag + ", " + payload.length + " bytes, "
        + header + "]";
  }
}

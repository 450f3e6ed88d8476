package net.iotgw.protocols.sixlowpan;

import java.util.Arrays;

/**
 * FRAGN (RFC 4944 §5.3): {@code 11100}, datagram_size, datagram_tag, datagram_offset in 8-byte
 * units, then payload bytes that continue the uncompressed packet at that offset.
 *
 * @param offsetUnits datagram_offset, 1 to 255
 */
public record SubsequentFragment(int datagramSize, int tag, int offsetUnits, byte[] payload)
    implements Fragment {
  static final int DISPATCH = 0xe0;

  public SubsequentFragment {
    if (datagramSize < 1 || datagramSize > MAX_DATAGRAM_SIZE || tag < 0 || tag > 0xffff) {
      throw new IllegalArgumentException("datagram_size " + datagramSize + ", tag " + tag);
    }
    if (offsetUnits < 1 || offsetUnits > 0xff) {
      throw new IllegalArgumentException("datagram_offset " + offsetUnits);
    }
    if (payload.length < 1 || offsetUnits * 8 + payload.length > datagramSize) {
      throw new IllegalArgumentException(payload.length + " bytes at " + offsetUnits * 8
          + " of a " + datagramSize + "-byte datagram");
    }
    payload = payload.clone();
  }

  @Override
  public int offset() {
    return offsetUnits * 8;
  }

  @Override
  public int extent() {
    return payload.length;
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  @Override
  public int payloadLength() {
    return payload.length;
  }

  byte[] payloadBytes() {
    return payload;
  }

  @Override
  public byte[] encode() {
    byte[] out = new byte[SUBSEQUENT_HEADER + payload.length];
    out[0] = (byte) (DISPATCH | (datagramSize >>> 8));
    out[1] = (byte) datagramSize;
    out[2] = (byte) (tag >>> 8);
    out[3] = (byte) tag;
    out[4] = (byte) offsetUnits;
    System.arraycopy(payload, 0, out, SUBSEQUENT_HEADER, payload.length);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SubsequentFragment f
        && datagramSize == f.datagramSize
        && tag == f.tag
        && offsetUnits == f.offsetUnits
        && Arrays.equals(payload, f.payload);
  }

  @Override
  public int hashCode() {
    return ((datagramSize * 31 + tag) * 31 + offsetUnits) * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "FRAGN[size " + datagramSize + ", tag " + tag + ", offset " + offset() + ", "
        + payload.length + " bytes]";
  }
}

package net.iotgw.protocols.ipv6;

import java.util.Optional;

/**
 * The Fragment header's fields (RFC 8200 §4.5): which part of the original packet's fragmentable
 * part this fragment holds, whether more follow, and the identification shared by all fragments.
 *
 * @param offset in 8-octet units, 0..8191
 * @param more the M flag: more fragments follow
 * @param identification 0..2^32-1
 */
public record FragmentHeader(int offset, boolean more, long identification) {
  public static final int LENGTH = 8;

  public FragmentHeader {
    if (offset < 0 || offset > 0x1fff || (identification >>> 32) != 0) {
      throw new IllegalArgumentException("fragment offset 0..8191, identification 32 bits");
    }
  }

  /** The fields of {@code header}, if it is a Fragment header. The 2 reserved bits are ignored. */
  public static Optional<FragmentHeader> of(ExtensionHeader header) {
    if (header.type() != ExtensionHeaderType.FRAGMENT) {
      return Optional.empty();
    }
    byte[] d = header.data();
    int word = (d[0] & 0xff) << 8 | (d[1] & 0xff);
    long id = (d[2] & 0xffL) << 24 | (d[3] & 0xffL) << 16 | (d[4] & 0xffL) << 8 | (d[5] & 0xffL);
    return Optional.of(new FragmentHeader(word >>> 3, (word & 1) != 0, id));
  }

  /** Octet offset of this fragment's data in the original packet's fragmentable part. */
  public int byteOffset() {
    return offset * 8;
  }

  public ExtensionHeader toExtensionHeader() {
    int word = offset << 3 | (more ? 1 : 0);
    byte[] d = {
      (byte) (word >>> 8), (byte) word,
      (byte) (identification >>> 24), (byte) (identification >>> 16),
      (byte) (identification >>> 8), (byte) identification
    };
    return new ExtensionHeader(ExtensionHeaderType.FRAGMENT, d);
  }
}

package net.iotgw.protocols.ipv6;

import java.util.Arrays;

/**
 * One extension header, kept raw: its type and the octets after its first two (Next Header, and Hdr
 * Ext Len or, for a Fragment header, Reserved). The packet owns the Next Header chain and the
 * length octet follows from {@code data}, so neither is stored.
 *
 * <pre>
 *   Next Header (1) | Hdr Ext Len (1) | data (6 + 8n octets; 2 + 4n for AH; exactly 6 for Fragment)
 * </pre>
 *
 * @param type the header's type
 * @param data the octets after the first two; not copied, callers must not change it
 */
public record ExtensionHeader(ExtensionHeaderType type, byte[] data) {

  public ExtensionHeader {
    int total = 2 + data.length;
    boolean ok =
        switch (type) {
          case FRAGMENT -> total == FragmentHeader.LENGTH;
          case AUTHENTICATION -> total % 4 == 0 && total >= 8 && total <= (255 + 2) * 4;
          default -> total % 8 == 0 && total <= (255 + 1) * 8;
        };
    if (!ok) {
      throw new IllegalArgumentException(type + " header of " + total + " octets");
    }
  }

  /** Octets this header takes in the packet. */
  public int length() {
    return 2 + data.length;
  }

  /** The second octet: Hdr Ext Len (RFC 8200 §4.3, RFC 4302 §2.2), or Reserved (0) for Fragment. */
  int lengthOctet() {
    return switch (type) {
      case FRAGMENT -> 0;
      case AUTHENTICATION -> length() / 4 - 2;
      default -> length() / 8 - 1;
    };
  }

  /** Octets a header of {@code type} takes, given its second octet. */
  static int lengthFrom(ExtensionHeaderType type, int lengthOctet) {
    return switch (type) {
      case FRAGMENT -> FragmentHeader.LENGTH;
      case AUTHENTICATION -> (lengthOctet + 2) * 4;
      default -> (lengthOctet + 1) * 8;
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExtensionHeader h && h.type == type && Arrays.equals(h.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * type.hashCode() + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return type + "[" + length() + " octets]";
  }
}

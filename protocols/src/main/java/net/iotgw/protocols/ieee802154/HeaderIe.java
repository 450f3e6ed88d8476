package net.iotgw.protocols.ieee802154;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A header Information Element (IEEE 802.15.4-2015 §7.4.2), kept as its element ID and raw content:
 * the gateway does not interpret any, it only has to find where they end. The 2-octet descriptor is
 * little-endian: b0-6 Length, b7-14 Element ID, b15 Type (0 for header IEs).
 *
 * <p>Header Termination 1 ({@link #HT1}) ends the header IEs when payload IEs follow, Header
 * Termination 2 ({@link #HT2}) when the MAC payload follows directly (§7.4.1); both are empty.
 *
 * @param elementId 0..255
 * @param content 0..127 octets; not copied, callers must not change it
 */
public record HeaderIe(int elementId, byte[] content) {
  public static final int HT1 = 0x7e;
  public static final int HT2 = 0x7f;
  public static final int MAX_CONTENT_LENGTH = 0x7f;
  static final int DESCRIPTOR_LENGTH = 2;

  public HeaderIe {
    if (elementId < 0 || elementId > 0xff) {
      throw new IllegalArgumentException("element ID must be 0..255, got " + elementId);
    }
    if (content.length > MAX_CONTENT_LENGTH) {
      throw new IllegalArgumentException("header IE content of " + content.length + " octets");
    }
    if ((elementId == HT1 || elementId == HT2) && content.length != 0) {
      throw new IllegalArgumentException("a header termination IE has no content");
    }
  }

  public static HeaderIe termination1() {
    return new HeaderIe(HT1, new byte[0]);
  }

  public static HeaderIe termination2() {
    return new HeaderIe(HT2, new byte[0]);
  }

  public boolean isTermination() {
    return elementId == HT1 || elementId == HT2;
  }

  /** Descriptor plus content. */
  public int length() {
    return DESCRIPTOR_LENGTH + content.length;
  }

  /** The descriptor as a 16-bit number (sent least significant octet first). */
  int descriptor() {
    return content.length | elementId << 7;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HeaderIe ie
        && ie.elementId == elementId
        && Arrays.equals(ie.content, content);
  }

  @Override
  public int hashCode() {
    return 31 * elementId + Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return String.format("HeaderIe[0x%02x: %s]", elementId, HexFormat.of().formatHex(content));
  }
}

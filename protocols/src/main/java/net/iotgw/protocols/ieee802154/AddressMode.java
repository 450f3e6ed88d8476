package net.iotgw.protocols.ieee802154;

import java.util.Optional;

/**
 * Destination / Source Addressing Mode subfields (IEEE 802.15.4-2015 §7.2.1). Value 1 is reserved
 * for the general frame format.
 */
public enum AddressMode {
  NONE(0, 0),
  SHORT(2, 2),
  EXTENDED(3, 8);

  private final int id;
  private final int length;

  AddressMode(int id, int length) {
    this.id = id;
    this.length = length;
  }

  /** The 2-bit value on the wire. */
  public int id() {
    return id;
  }

  /** Octets the address takes in the MAC header (without its PAN ID). */
  public int length() {
    return length;
  }

  public static Optional<AddressMode> of(int id) {
    for (AddressMode m : values()) {
      if (m.id == id) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}

package net.iotgw.protocols.ieee802154;

import java.util.Optional;

/**
 * The Key Identifier Mode subfield (IEEE 802.15.4-2015 §9.4.2): how the key is named in the
 * auxiliary security header, and so how long the Key Identifier field is.
 */
public enum KeyIdMode {
  /** The key follows from the originator and recipient; no Key Identifier field. */
  IMPLICIT(0, 0),
  /** A 1-octet Key Index with the default key source. */
  INDEX(1, 0),
  /** A 4-octet Key Source and a Key Index. */
  SOURCE_4_INDEX(2, 4),
  /** An 8-octet Key Source and a Key Index. */
  SOURCE_8_INDEX(3, 8);

  private final int id;
  private final int keySourceLength;

  KeyIdMode(int id, int keySourceLength) {
    this.id = id;
    this.keySourceLength = keySourceLength;
  }

  /** The 2-bit value on the wire. */
  public int id() {
    return id;
  }

  /** Octets of Key Source: 0, 0, 4 or 8. */
  public int keySourceLength() {
    return keySourceLength;
  }

  /** Octets of the whole Key Identifier field (Key Source and Key Index): 0, 1, 5 or 9. */
  public int keyIdentifierLength() {
    return this == IMPLICIT ? 0 : keySourceLength + 1;
  }

  public static Optional<KeyIdMode> of(int id) {
    for (KeyIdMode m : values()) {
      if (m.id == id) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}

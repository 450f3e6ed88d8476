package net.iotgw.protocols.ieee802154;

import java.util.Optional;

/**
 * The Security Level subfield of the security control field (IEEE 802.15.4-2015 §9.4.2): whether
 * the payload is encrypted and how long the MIC after it is. Level 4 (encryption without a MIC)
 * exists in 2006 and is discouraged since; it is kept so that such frames decode, and link security
 * decides whether to accept them.
 */
public enum SecurityLevel {
  NONE(0, false, 0),
  MIC_32(1, false, 4),
  MIC_64(2, false, 8),
  MIC_128(3, false, 16),
  ENC(4, true, 0),
  ENC_MIC_32(5, true, 4),
  ENC_MIC_64(6, true, 8),
  ENC_MIC_128(7, true, 16);

  private final int id;
  private final boolean encrypts;
  private final int micLength;

  SecurityLevel(int id, boolean encrypts, int micLength) {
    this.id = id;
    this.encrypts = encrypts;
    this.micLength = micLength;
  }

  /** The 3-bit value on the wire. */
  public int id() {
    return id;
  }

  /** Whether the payload is encrypted (data confidentiality). */
  public boolean encrypts() {
    return encrypts;
  }

  /** Octets of MIC at the end of the MAC payload: 0, 4, 8 or 16. */
  public int micLength() {
    return micLength;
  }

  public static Optional<SecurityLevel> of(int id) {
    for (SecurityLevel l : values()) {
      if (l.id == id) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }
}

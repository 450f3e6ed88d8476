package net.iotgw.protocols.pana;

import java.util.Optional;

/** PANA AVP Codes (RFC 5191 §8, RFC 6786 §4, IANA "PANA Parameters" AVP Codes). */
public enum AvpCode {
  AUTH(1),
  EAP_PAYLOAD(2),
  INTEGRITY_ALGORITHM(3),
  KEY_ID(4),
  NONCE(5),
  PRF_ALGORITHM(6),
  RESULT_CODE(7),
  SESSION_LIFETIME(8),
  TERMINATION_CAUSE(9),
  /** RFC 6786: 12 in the IANA registry (10 and 11 are RFC 6345's relay AVPs). */
  ENCR_ENCAP(12),
  /** RFC 6786: 13 in the IANA registry. */
  ENCRYPTION_ALGORITHM(13);

  private final int id;

  AvpCode(int id) {
    this.id = id;
  }

  public int id() {
    return id;
  }

  public static Optional<AvpCode> of(int id) {
    for (AvpCode c : values()) {
      if (c.id == id) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}

package net.iotgw.protocols.ike.codec;

import java.util.Optional;

/** Authentication methods (RFC 7296 §3.8, IANA "IKEv2 Authentication Method"). */
public enum AuthMethod {
  RSA_DIGITAL_SIGNATURE(1),
  SHARED_KEY_MIC(2),
  DSS_DIGITAL_SIGNATURE(3),
  /** RFC 4754. */
  ECDSA_SHA256_P256(9),
  /** RFC 4754. */
  ECDSA_SHA384_P384(10),
  /** RFC 4754. */
  ECDSA_SHA512_P521(11),
  /** RFC 6467. */
  GENERIC_SECURE_PASSWORD(12),
  /** RFC 7619. */
  NULL_AUTHENTICATION(13),
  /** RFC 7427: the AUTH data starts with an AlgorithmIdentifier. */
  DIGITAL_SIGNATURE(14);

  private final int id;

  AuthMethod(int id) {
    this.id = id;
  }

  /** The IANA number on the wire. */
  public int id() {
    return id;
  }

  /** The known value for a wire number; empty for other numbers (kept as raw ints). */
  public static Optional<AuthMethod> of(int id) {
    for (AuthMethod v : values()) {
      if (v.id == id) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}

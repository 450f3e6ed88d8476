package net.iotgw.protocols.ike;

import java.util.Optional;

/** Transform type 3 IDs (RFC 7296, RFC 4868). NONE is what AEAD proposals carry or omit. */
public enum IntegrityAlgorithm {
  NONE(0),
  AUTH_HMAC_SHA1_96(2),
  AUTH_HMAC_SHA2_256_128(12),
  AUTH_HMAC_SHA2_384_192(13),
  AUTH_HMAC_SHA2_512_256(14);

  private final int id;

  IntegrityAlgorithm(int id) {
    this.id = id;
  }

  /** The IANA number on the wire. */
  public int id() {
    return id;
  }

  /** The known value for a wire number; empty for numbers we do not implement (kept as raw ints). */
  public static Optional<IntegrityAlgorithm> of(int id) {
    for (IntegrityAlgorithm v : values()) {
      if (v.id == id) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}

package net.iotgw.protocols.ike;

import java.util.Optional;

/** Transform type 2 IDs (RFC 7296, RFC 4868). */
public enum PrfAlgorithm {
  PRF_HMAC_SHA1(2),
  PRF_HMAC_SHA2_256(5),
  PRF_HMAC_SHA2_384(6),
  PRF_HMAC_SHA2_512(7);

  private final int id;

  PrfAlgorithm(int id) {
    this.id = id;
  }

  /** The IANA number on the wire. */
  public int id() {
    return id;
  }

  /** The known value for a wire number; empty for numbers we do not implement (kept as raw ints). */
  public static Optional<PrfAlgorithm> of(int id) {
    for (PrfAlgorithm v : values()) {
      if (v.id == id) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}

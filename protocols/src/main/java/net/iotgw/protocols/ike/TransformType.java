package net.iotgw.protocols.ike;

import java.util.Optional;

/** IKEv2 transform types (RFC 7296 §3.3.2, IANA "Transform Type Values"). */
public enum TransformType {
  ENCR(1),
  PRF(2),
  INTEG(3),
  DH(4),
  ESN(5);

  private final int id;

  TransformType(int id) {
    this.id = id;
  }

  /** The IANA number on the wire. */
  public int id() {
    return id;
  }

  /** The known value for a wire number; empty for numbers we do not implement (kept as raw ints). */
  public static Optional<TransformType> of(int id) {
    for (TransformType v : values()) {
      if (v.id == id) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}

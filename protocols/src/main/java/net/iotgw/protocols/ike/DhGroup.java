package net.iotgw.protocols.ike;

import java.util.Optional;

/** Transform type 4 IDs: key exchange groups (RFC 3526, RFC 5903, RFC 8031). */
public enum DhGroup {
  NONE(0),
  MODP_2048(14),
  ECP_256(19),
  ECP_384(20),
  CURVE25519(31);

  private final int id;

  DhGroup(int id) {
    this.id = id;
  }

  /** The IANA number on the wire. */
  public int id() {
    return id;
  }

  /** The known value for a wire number; empty for numbers we do not implement (kept as raw ints). */
  public static Optional<DhGroup> of(int id) {
    for (DhGroup v : values()) {
      if (v.id == id) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}

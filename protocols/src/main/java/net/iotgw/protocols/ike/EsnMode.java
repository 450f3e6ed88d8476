package net.iotgw.protocols.ike;

import java.util.Optional;

/** Transform type 5 IDs: extended sequence numbers (RFC 7296 §3.3.2). */
public enum EsnMode {
  NO_ESN(0),
  ESN(1);

  private final int id;

  EsnMode(int id) {
    this.id = id;
  }

  /** The IANA number on the wire. */
  public int id() {
    return id;
  }

  /** The known value for a wire number; empty for numbers we do not implement (kept as raw ints). */
  public static Optional<EsnMode> of(int id) {
    for (EsnMode v : values()) {
      if (v.id == id) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}

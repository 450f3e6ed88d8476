package net.iotgw.protocols.ike.codec;

import java.util.Optional;

/**
 * Security protocol identifiers of proposals, notifies and deletes (RFC 7296 §3.3.1). A notify
 * without SPI carries 0, which is no protocol.
 */
public enum ProtocolId {
  IKE(1),
  AH(2),
  ESP(3);

  private final int id;

  ProtocolId(int id) {
    this.id = id;
  }

  /** The IANA number on the wire. */
  public int id() {
    return id;
  }

  /** The known value for a wire number; empty for other numbers (kept as raw ints). */
  public static Optional<ProtocolId> of(int id) {
    for (ProtocolId v : values()) {
      if (v.id == id) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}

package net.iotgw.protocols.ike.codec;

import java.util.Optional;

/** Configuration payload CFG types (RFC 7296 §3.15). */
public enum ConfigType {
  CFG_REQUEST(1),
  CFG_REPLY(2),
  CFG_SET(3),
  CFG_ACK(4);

  private final int id;

  ConfigType(int id) {
    this.id = id;
  }

  /** The IANA number on the wire. */
  public int id() {
    return id;
  }

  /** The known value for a wire number; empty for other numbers (kept as raw ints). */
  public static Optional<ConfigType> of(int id) {
    for (ConfigType v : values()) {
      if (v.id == id) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}

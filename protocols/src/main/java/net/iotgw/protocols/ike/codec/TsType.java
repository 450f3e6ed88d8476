package net.iotgw.protocols.ike.codec;

import java.util.Optional;

/** Traffic selector types (RFC 7296 §3.13.1, IANA "IKEv2 Traffic Selector Types"). */
public enum TsType {
  TS_IPV4_ADDR_RANGE(7),
  TS_IPV6_ADDR_RANGE(8),
  /** RFC 4595. */
  TS_FC_ADDR_RANGE(9),
  /** RFC 9478. */
  TS_SECLABEL(10);

  private final int id;

  TsType(int id) {
    this.id = id;
  }

  /** The IANA number on the wire. */
  public int id() {
    return id;
  }

  /** The known value for a wire number; empty for other numbers (kept as raw ints). */
  public static Optional<TsType> of(int id) {
    for (TsType v : values()) {
      if (v.id == id) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}

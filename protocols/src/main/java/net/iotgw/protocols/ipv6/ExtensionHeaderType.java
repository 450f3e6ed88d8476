package net.iotgw.protocols.ipv6;

import java.util.Optional;

/**
 * The Next Header values that introduce an IPv6 extension header (IANA "IPv6 Extension Header
 * Types", RFC 8200 §4, RFC 7045). ESP (50) is deliberately absent: what follows it is encrypted, so
 * for this codec it ends the chain like an upper-layer protocol, and the data plane forwards it as
 * such.
 */
public enum ExtensionHeaderType {
  HOP_BY_HOP_OPTIONS(0),
  ROUTING(43),
  FRAGMENT(44),
  /** RFC 4302: its Payload Len counts 4-octet units, minus 2. */
  AUTHENTICATION(51),
  DESTINATION_OPTIONS(60),
  MOBILITY(135),
  HOST_IDENTITY_PROTOCOL(139),
  SHIM6(140),
  EXPERIMENT_253(253),
  EXPERIMENT_254(254);

  private final int id;

  ExtensionHeaderType(int id) {
    this.id = id;
  }

  /** The Next Header value on the wire. */
  public int id() {
    return id;
  }

  public static Optional<ExtensionHeaderType> of(int id) {
    for (ExtensionHeaderType t : values()) {
      if (t.id == id) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}

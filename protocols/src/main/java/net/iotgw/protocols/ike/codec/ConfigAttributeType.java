package net.iotgw.protocols.ike.codec;

import java.util.Optional;

/**
 * Configuration payload attribute types (RFC 7296 §3.15.1, IANA "IKEv2 Configuration Payload
 * Attribute Types").
 */
public enum ConfigAttributeType {
  INTERNAL_IP4_ADDRESS(1),
  INTERNAL_IP4_NETMASK(2),
  INTERNAL_IP4_DNS(3),
  INTERNAL_IP4_NBNS(4),
  INTERNAL_IP4_DHCP(6),
  APPLICATION_VERSION(7),
  INTERNAL_IP6_ADDRESS(8),
  INTERNAL_IP6_DNS(10),
  INTERNAL_IP6_DHCP(12),
  INTERNAL_IP4_SUBNET(13),
  SUPPORTED_ATTRIBUTES(14),
  INTERNAL_IP6_SUBNET(15),
  /** RFC 5026. */
  MIP6_HOME_PREFIX(16),
  /** RFC 5739. */
  INTERNAL_IP6_LINK(17),
  /** RFC 5739. */
  INTERNAL_IP6_PREFIX(18),
  /** RFC 5026. */
  HOME_AGENT_ADDRESS(19),
  /** RFC 7651. */
  P_CSCF_IP4_ADDRESS(20),
  /** RFC 7651. */
  P_CSCF_IP6_ADDRESS(21),
  /** RFC 8598. */
  INTERNAL_DNS_DOMAIN(25),
  /** RFC 8598. */
  INTERNAL_DNSSEC_TA(26);

  private final int id;

  ConfigAttributeType(int id) {
    this.id = id;
  }

  /** The IANA number on the wire. */
  public int id() {
    return id;
  }

  /** The known value for a wire number; empty for other numbers (kept as raw ints). */
  public static Optional<ConfigAttributeType> of(int id) {
    for (ConfigAttributeType v : values()) {
      if (v.id == id) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}

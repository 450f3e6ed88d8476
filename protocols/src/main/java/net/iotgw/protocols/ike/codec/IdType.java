package net.iotgw.protocols.ike.codec;

import java.util.Optional;

/**
 * Identification payload ID types (RFC 7296 §3.5, IANA "IKEv2 Identification Payload ID Types").
 */
public enum IdType {
  ID_IPV4_ADDR(1),
  ID_FQDN(2),
  ID_RFC822_ADDR(3),
  ID_IPV6_ADDR(5),
  ID_DER_ASN1_DN(9),
  ID_DER_ASN1_GN(10),
  ID_KEY_ID(11),
  /** RFC 4595. */
  ID_FC_NAME(12),
  /** RFC 7619. */
  ID_NULL(13);

  private final int id;

  IdType(int id) {
    this.id = id;
  }

  /** The IANA number on the wire. */
  public int id() {
    return id;
  }

  /** The known value for a wire number; empty for other numbers (kept as raw ints). */
  public static Optional<IdType> of(int id) {
    for (IdType v : values()) {
      if (v.id == id) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}

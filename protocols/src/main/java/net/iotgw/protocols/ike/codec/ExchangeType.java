package net.iotgw.protocols.ike.codec;

import java.util.Optional;

/** IKEv2 exchange types (RFC 7296 §3.1, IANA "IKEv2 Exchange Types"). */
public enum ExchangeType {
  IKE_SA_INIT(34),
  IKE_AUTH(35),
  CREATE_CHILD_SA(36),
  INFORMATIONAL(37),
  /** RFC 5723. */
  IKE_SESSION_RESUME(38),
  /** RFC 9242. */
  IKE_INTERMEDIATE(43),
  /** RFC 9370. */
  IKE_FOLLOWUP_KE(44);

  private final int id;

  ExchangeType(int id) {
    this.id = id;
  }

  /** The IANA number on the wire. */
  public int id() {
    return id;
  }

  /** The known value for a wire number; empty for other numbers (kept as raw ints). */
  public static Optional<ExchangeType> of(int id) {
    for (ExchangeType v : values()) {
      if (v.id == id) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}

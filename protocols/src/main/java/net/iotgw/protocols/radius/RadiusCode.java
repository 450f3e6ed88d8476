package net.iotgw.protocols.radius;

import java.util.Optional;

/** RADIUS packet codes we speak (RFC 2865 §3, RFC 2866 §3 for accounting). */
public enum RadiusCode {
  ACCESS_REQUEST(1),
  ACCESS_ACCEPT(2),
  ACCESS_REJECT(3),
  ACCOUNTING_REQUEST(4),
  ACCOUNTING_RESPONSE(5),
  ACCESS_CHALLENGE(11);

  private final int id;

  RadiusCode(int id) {
    this.id = id;
  }

  public int id() {
    return id;
  }

  /** Whether a client receives this code in answer to a request (RFC 2865 §3). */
  public boolean isResponse() {
    return this == ACCESS_ACCEPT
        || this == ACCESS_REJECT
        || this == ACCESS_CHALLENGE
        || this == ACCOUNTING_RESPONSE;
  }

  public static Optional<RadiusCode> of(int id) {
    for (RadiusCode c : values()) {
      if (c.id == id) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}

package net.iotgw.protocols.eap;

import java.util.Optional;

/** EAP packet codes (RFC 3748 §4). */
public enum EapCode {
  REQUEST(1),
  RESPONSE(2),
  SUCCESS(3),
  FAILURE(4);

  private final int id;

  EapCode(int id) {
    this.id = id;
  }

  public int id() {
    return id;
  }

  public static Optional<EapCode> of(int id) {
    for (EapCode c : values()) {
      if (c.id == id) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}

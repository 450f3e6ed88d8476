package net.iotgw.protocols.eap.psk;

import java.util.Optional;

/** The R flag carried in the protected channel (RFC 4764 §5.3): the two high bits of its first octet. */
public enum PskResult {
  CONT(1),
  DONE_SUCCESS(2),
  DONE_FAILURE(3);

  private final int id;

  PskResult(int id) {
    this.id = id;
  }

  public int id() {
    return id;
  }

  /** R = 0 is reserved (§5.3), so it has no constant. */
  public static Optional<PskResult> of(int id) {
    for (PskResult r : values()) {
      if (r.id == id) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}

package net.iotgw.protocols.eap;

import java.util.Optional;

/**
 * The EAP method types this gateway knows (RFC 3748 §5, §5.7; RFC 4764 §7 for EAP-PSK). Packets
 * carry the type as an int, so an unknown type is kept, not refused.
 */
public enum EapType {
  IDENTITY(1),
  NOTIFICATION(2),
  NAK(3),
  PSK(47),
  EXPANDED(254);

  private final int id;

  EapType(int id) {
    this.id = id;
  }

  public int id() {
    return id;
  }

  public static Optional<EapType> of(int id) {
    for (EapType t : values()) {
      if (t.id == id) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}

package net.iotgw.protocols.pana;

import java.util.Optional;

/**
 * PANA Message Types (RFC 5191 §7, IANA "PANA Parameters"). Request and answer share a type and
 * differ by the R flag; PCI has no answer.
 */
public enum PanaMessageType {
  /** PCI (§7.1): sent by the PaC to solicit a PAR; R flag clear. */
  CLIENT_INITIATION(1),
  /** PAR/PAN (§7.2, §7.3). */
  AUTH(2),
  /** PTR/PTA (§7.4, §7.5). */
  TERMINATION(3),
  /** PNR/PNA (§7.6, §7.7): re-authentication (A flag) and ping (P flag). */
  NOTIFICATION(4);

  private final int id;

  PanaMessageType(int id) {
    this.id = id;
  }

  /** The number on the wire. */
  public int id() {
    return id;
  }

  /** The known type for a wire number; empty for others (PANA-Relay, experimental). */
  public static Optional<PanaMessageType> of(int id) {
    for (PanaMessageType t : values()) {
      if (t.id == id) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}

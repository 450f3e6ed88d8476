package net.iotgw.protocols.offload;

import java.util.Optional;

/**
 * The CD's negative acknowledgement of a key delivery: carried in the PNA that answers the
 * delivery's PNR instead of an empty one ({@link DeliveryRefusalCodec}), so that the gateway
 * fails that CHILD_SA rather than route ESP the CD cannot open.
 *
 * @param reason why
 * @param cdInboundSpi the SA pair's inbound SPI if the delivery decoded that far, else 0
 */
public record DeliveryRefusal(Reason reason, int cdInboundSpi) {

  public DeliveryRefusal {
    if (reason == null) {
      throw new IllegalArgumentException("a reason");
    }
  }

  @Override
  public String toString() {
    return "DeliveryRefusal[" + reason + ", " + String.format("%08x", cdInboundSpi) + "]";
  }

  /** Why, with its number on the wire. */
  public enum Reason {
    /** The AVP does not decode (a wrong length, an out-of-range value). */
    MALFORMED(1),
    /** Another version or kind, or a transform the CD does not implement. */
    UNSUPPORTED(2),
    /** Decoded, but the CD cannot use it (an IPv4 UD on an IPv6-only network, say). */
    UNUSABLE(3),
    /** The CD has no room for another SA pair. */
    NO_RESOURCES(4);

    private final int id;

    Reason(int id) {
      this.id = id;
    }

    public int id() {
      return id;
    }

    public static Optional<Reason> of(int id) {
      for (Reason r : values()) {
        if (r.id == id) {
          return Optional.of(r);
        }
      }
      return Optional.empty();
    }
  }
}

package net.iotgw.protocols.ieee802154;

import java.util.Optional;

/**
 * The Frame Type subfield of the frame control field (IEEE 802.15.4-2015 §7.2.1). Only the four
 * types whose MAC header follows the general frame format are here; 2015's multipurpose, fragment
 * and extended types (5, 6, 7) have different headers and are refused by the codec as {@code
 * UNSUPPORTED} with the type number as the error code.
 */
public enum FrameType {
  BEACON(0),
  DATA(1),
  ACK(2),
  COMMAND(3);

  private final int id;

  FrameType(int id) {
    this.id = id;
  }

  /** The 3-bit value on the wire. */
  public int id() {
    return id;
  }

  public static Optional<FrameType> of(int id) {
    for (FrameType t : values()) {
      if (t.id == id) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}

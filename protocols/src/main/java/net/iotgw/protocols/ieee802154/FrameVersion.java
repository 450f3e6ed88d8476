package net.iotgw.protocols.ieee802154;

import java.util.Optional;

/**
 * The Frame Version subfield (IEEE 802.15.4-2015 §7.2.1). It decides how the PAN ID Compression bit
 * is read ({@link PanIdCompression}) and whether the 2015 fields (sequence number suppression, IEs,
 * frame counter suppression) may be used. Value 3 is reserved.
 */
public enum FrameVersion {
  /** 802.15.4-2003. Its security format is not the auxiliary security header, so not supported. */
  IEEE_2003(0),
  /** 802.15.4-2006 (and 2011 without 2015 features): what 6LoWPAN nodes usually send. */
  IEEE_2006(1),
  /** 802.15.4-2015 (and 802.15.4e-2012). */
  IEEE_2015(2);

  private final int id;

  FrameVersion(int id) {
    this.id = id;
  }

  /** The 2-bit value on the wire. */
  public int id() {
    return id;
  }

  public static Optional<FrameVersion> of(int id) {
    for (FrameVersion v : values()) {
      if (v.id == id) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}

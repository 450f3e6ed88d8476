package net.iotgw.radio.spinel;

import java.util.Optional;

/**
 * The properties a raw-radio host uses (spinel.h, enum {@code SPINEL_PROP_*}), with the datatype
 * signature spinel.h gives each. Property numbers not listed are carried as plain integers.
 */
public enum SpinelProperty {
  /** {@code i} status code; also the reply to most requests, and the reset reason at startup. */
  LAST_STATUS(0),
  /** {@code ii} major, minor (this spinel.h: 4.3). */
  PROTOCOL_VERSION(1),
  /** {@code U} firmware description. */
  NCP_VERSION(2),
  /** {@code i} SPINEL_PROTOCOL_TYPE_* (3 = Thread, also for an RCP). */
  INTERFACE_TYPE(3),
  /** {@code A(i)} SPINEL_CAP_* list. */
  CAPS(5),
  /** {@code E} the factory EUI-64. */
  HWADDR(8),
  /** {@code b} radio on/off (SPINEL_PROP_PHY__BEGIN + 0). */
  PHY_ENABLED(0x20),
  /** {@code C} channel (PHY + 1). */
  PHY_CHAN(0x21),
  /** {@code c} dBm (PHY + 5). */
  PHY_TX_POWER(0x25),
  /** {@code c} dBm (PHY + 7). */
  PHY_RX_SENSITIVITY(0x27),
  /** {@code E} extended address (SPINEL_PROP_MAC__BEGIN + 4). */
  MAC_15_4_LADDR(0x34),
  /** {@code S} short address (MAC + 5). */
  MAC_15_4_SADDR(0x35),
  /** {@code S} PAN ID (MAC + 6). */
  MAC_15_4_PANID(0x36),
  /** {@code b} emit received frames on STREAM_RAW (MAC + 7). */
  MAC_RAW_STREAM_ENABLED(0x37),
  /** {@code C} SPINEL_MAC_PROMISCUOUS_MODE_* (MAC + 8). */
  MAC_PROMISCUOUS_MODE(0x38),
  /** {@code dD} raw 802.15.4 frames, both directions (SPINEL_PROP_STREAM__BEGIN + 1). */
  STREAM_RAW(0x71),
  /** {@code i} RCP API version (SPINEL_PROP_RCP__BEGIN + 0). */
  RCP_API_VERSION(0xB0),
  /** {@code i} oldest host RCP API version the RCP works with (RCP + 1). */
  RCP_MIN_HOST_API_VERSION(0xB1);

  private final int id;

  SpinelProperty(int id) {
    this.id = id;
  }

  public int id() {
    return id;
  }

  public static Optional<SpinelProperty> of(int id) {
    for (SpinelProperty p : values()) {
      if (p.id == id) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}

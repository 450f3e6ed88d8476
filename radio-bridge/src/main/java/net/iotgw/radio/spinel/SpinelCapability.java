package net.iotgw.radio.spinel;

import java.util.Optional;

/**
 * Entries of {@code PROP_CAPS} that matter to a raw-radio host (spinel.h, enum {@code
 * SPINEL_CAP_*}). The caps list keeps every number, listed here or not.
 */
public enum SpinelCapability {
  WRITABLE_RAW_STREAM(8),
  /** SPINEL_CAP_802_15_4__BEGIN + 0. */
  IEEE_802_15_4_2003(16),
  IEEE_802_15_4_2006(17),
  IEEE_802_15_4_2011(18),
  IEEE_802_15_4_PIB(21),
  /** The 2.4 GHz O-QPSK PHY (250 kbit/s), SPINEL_CAP_802_15_4__BEGIN + 8. */
  IEEE_802_15_4_2450MHZ_OQPSK(24),
  CONFIG_FTD(32),
  CONFIG_MTD(33),
  /** SPINEL_CAP_CONFIG__BEGIN + 2: the co-processor is an RCP, a radio only. */
  CONFIG_RADIO(34),
  /** SPINEL_CAP_RCP__BEGIN + 0: PROP_RCP_API_VERSION is readable. */
  RCP_API_VERSION(64),
  RCP_MIN_HOST_API_VERSION(65),
  RCP_RESET_TO_BOOTLOADER(66),
  RCP_LOG_CRASH_DUMP(67),
  /** SPINEL_CAP_OPENTHREAD__BEGIN + 1: raw MAC access on an NCP. */
  MAC_RAW(513);

  private final int id;

  SpinelCapability(int id) {
    this.id = id;
  }

  public int id() {
    return id;
  }

  public static Optional<SpinelCapability> of(int id) {
    for (SpinelCapability c : values()) {
      if (c.id == id) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}

package net.iotgw.radio.rcp;

/**
 * What the host sets on the RCP after every reset: the radio's channel and the MAC addresses its
 * hardware filter accepts (frames to other addresses, except broadcast, never reach the host).
 *
 * @param channel 11..26, the 2.4 GHz O-QPSK channels (IEEE 802.15.4-2020 §10.1.3.3)
 * @param panId the PAN identifier, 0x0000..0xFFFE (0xFFFF is the broadcast PAN)
 * @param extendedAddress the EUI-64 in canonical order (first octet most significant)
 * @param shortAddress 0x0000..0xFFFD, or 0xFFFE for "extended address only"
 */
public record RcpConfig(int channel, int panId, long extendedAddress, int shortAddress) {
  public static final int MIN_CHANNEL = 11;
  public static final int MAX_CHANNEL = 26;

  /** macShortAddress value meaning the device has none (IEEE 802.15.4-2020 §8.4.3.1). */
  public static final int NO_SHORT_ADDRESS = 0xFFFE;

  public RcpConfig {
    if (channel < MIN_CHANNEL || channel > MAX_CHANNEL) {
      throw new IllegalArgumentException("channel not in 11..26: " + channel);
    }
    if (panId < 0 || panId > 0xFFFE) {
      throw new IllegalArgumentException("PAN ID not in 0..0xFFFE: " + panId);
    }
    if (shortAddress < 0 || shortAddress > NO_SHORT_ADDRESS) {
      throw new IllegalArgumentException("short address not in 0..0xFFFE: " + shortAddress);
    }
  }
}

package net.iotgw.radio.emulator;

/**
 * How long a frame occupies the channel: the synchronization header (preamble 4 octets, SFD 1) and
 * the PHY header (1 octet, the frame length) precede the PSDU (IEEE 802.15.4-2020 §12.1, O-QPSK
 * PPDU format), all at the PHY's bit rate.
 */
final class AirTime {
  /** Preamble 4 + SFD 1 + PHR 1. */
  static final int PHY_OVERHEAD_OCTETS = 6;

  private AirTime() {}

  static long bits(int psduLength) {
    return 8L * (PHY_OVERHEAD_OCTETS + psduLength);
  }

  static long nanos(int psduLength, int bitRate) {
    return bits(psduLength) * 1_000_000_000L / bitRate;
  }
}

package net.iotgw.radio.emulator;

/**
 * The FCS an 802.15.4 radio appends to every frame (IEEE 802.15.4-2020 §7.2.11): the ITU-T CRC-16
 * (x^16 + x^12 + x^5 + 1), register initialized to zero, bits processed least significant first, no
 * final inversion (the CRC catalogue's CRC-16/KERMIT), sent least significant byte first. Not
 * HDLC's FCS-16, which starts at 0xFFFF and is inverted.
 *
 * <p>The emulated radios compute it on transmit, as radio hardware does, so that every frame a node
 * or the host receives carries a valid FCS (and a pcap tap of DLT 195 shows no bad-FCS frames).
 */
public final class MacFcs {
  private static final int POLY_REFLECTED = 0x8408;

  private MacFcs() {}

  public static int compute(byte[] data, int offset, int length) {
    int crc = 0;
    for (int i = offset; i < offset + length; i++) {
      crc ^= data[i] & 0xFF;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY_REFLECTED : crc >>> 1;
      }
    }
    return crc;
  }

  /** Overwrites the last two bytes of {@code psdu} with the FCS of the bytes before them. */
  public static void fill(byte[] psdu) {
    int fcs = compute(psdu, 0, psdu.length - 2);
    psdu[psdu.length - 2] = (byte) fcs;
    psdu[psdu.length - 1] = (byte) (fcs >>> 8);
  }

  /** True if the last two bytes of {@code psdu} are the FCS of the rest. */
  public static boolean check(byte[] psdu) {
    if (psdu.length < 2) {
      return false;
    }
    int fcs = compute(psdu, 0, psdu.length - 2);
    return (psdu[psdu.length - 2] & 0xFF) == (fcs & 0xFF)
        && (psdu[psdu.length - 1] & 0xFF) == (fcs >>> 8);
  }
}

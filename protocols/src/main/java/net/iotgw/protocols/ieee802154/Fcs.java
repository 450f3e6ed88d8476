package net.iotgw.protocols.ieee802154;

/**
 * The 16-bit frame check sequence (IEEE 802.15.4-2015 §7.2.10): the ITU-T CRC with generator x^16 +
 * x^12 + x^5 + 1, register initialised to 0, computed over the MHR and MAC payload as they go on
 * the air, least significant bit of each octet first, no final inversion. Bit-reflected, that is
 * CRC-16/KERMIT (polynomial 0x1021 reflected to 0x8408); the 16-bit result is sent least
 * significant octet first.
 */
public final class Fcs {
  public static final int LENGTH = 2;
  private static final int[] TABLE = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int crc = i;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
      }
      TABLE[i] = crc;
    }
  }

  private Fcs() {}

  /** The FCS of {@code len} octets of {@code data} from {@code off}, as a 16-bit number. */
  public static int compute(byte[] data, int off, int len) {
    int crc = 0;
    for (int i = off; i < off + len; i++) {
      crc = (crc >>> 8) ^ TABLE[(crc ^ data[i]) & 0xff];
    }
    return crc;
  }

  /** The FCS carried by the last two octets of {@code psdu} (least significant first). */
  public static int received(byte[] psdu) {
    int n = psdu.length;
    return (psdu[n - 2] & 0xff) | (psdu[n - 1] & 0xff) << 8;
  }

  /**
   * Overwrites the last two octets of {@code psdu} with the FCS of the octets before them, least
   * significant first: what a radio appends on transmit.
   */
  public static void fill(byte[] psdu) {
    int n = psdu.length;
    int fcs = compute(psdu, 0, n - LENGTH);
    psdu[n - 2] = (byte) fcs;
    psdu[n - 1] = (byte) (fcs >>> 8);
  }

  /** Whether {@code psdu} (MPDU including its trailing FCS) carries a correct FCS. */
  public static boolean isValid(byte[] psdu) {
    return psdu.length >= LENGTH && compute(psdu, 0, psdu.length - LENGTH) == received(psdu);
  }
}

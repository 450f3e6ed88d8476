package net.iotgw.radio.emulator;

/** Test frames: 802.15.4-2003 data frames with PAN ID compression, FCS bytes left zero. */
public final class Frames {
  public static final int PAN = 0xABCD;

  private Frames() {}

  /** Short destination and source; {@code size} pads the payload up to that PSDU length. */
  public static byte[] shortToShort(int seq, int dst, int src, int size) {
    byte[] f = new byte[Math.max(size, 11)];
    f[0] = 0x41;
    f[1] = (byte) 0x88;
    f[2] = (byte) seq;
    f[3] = (byte) PAN;
    f[4] = (byte) (PAN >>> 8);
    f[5] = (byte) dst;
    f[6] = (byte) (dst >>> 8);
    f[7] = (byte) src;
    f[8] = (byte) (src >>> 8);
    for (int i = 9; i < f.length - 2; i++) {
      f[i] = (byte) (seq + i);
    }
    return f;
  }

  /** Extended destination, short source. */
  public static byte[] shortToExtended(int seq, long dst, int src) {
    byte[] f = new byte[3 + 2 + 8 + 2 + 4 + 2];
    f[0] = 0x41;
    f[1] = (byte) 0x8C;
    f[2] = (byte) seq;
    f[3] = (byte) PAN;
    f[4] = (byte) (PAN >>> 8);
    for (int i = 0; i < 8; i++) {
      f[5 + i] = (byte) (dst >>> (8 * i));
    }
    f[13] = (byte) src;
    f[14] = (byte) (src >>> 8);
    f[15] = 'p';
    f[16] = 'i';
    f[17] = 'n';
    f[18] = 'g';
    return f;
  }

  /** The MAC frame without its FCS. */
  public static byte[] withoutFcs(byte[] psdu) {
    return java.util.Arrays.copyOf(psdu, psdu.length - 2);
  }
}

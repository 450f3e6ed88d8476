package net.iotgw.radio.hdlc;

/**
 * The 16-bit frame check sequence of RFC 1662 §C.2 (CRC-CCITT, reflected polynomial 0x8408,
 * initial value 0xFFFF), as HDLC-Lite uses it.
 *
 * <p>The sender complements the register at the end and appends it least significant byte first
 * (RFC 1662 §C.2 "tryfcs16"). The receiver runs the same register over payload and FCS together;
 * an undamaged frame leaves {@link #GOOD}, the magic residue 0xF0B8, whatever the payload was.
 */
public final class Fcs16 {
  /** Register value before the first byte (RFC 1662 §C.2 PPPINITFCS16). */
  public static final int INIT = 0xFFFF;

  /** Register value after payload plus FCS of an undamaged frame (RFC 1662 §C.2 PPPGOODFCS16). */
  public static final int GOOD = 0xF0B8;

  private static final int POLY_REFLECTED = 0x8408;
  private static final int[] TABLE = table();

  private Fcs16() {}

  private static int[] table() {
    int[] t = new int[256];
    for (int i = 0; i < 256; i++) {
      int v = i;
      for (int bit = 0; bit < 8; bit++) {
        v = (v & 1) != 0 ? (v >>> 1) ^ POLY_REFLECTED : v >>> 1;
      }
      t[i] = v;
    }
    return t;
  }

  /** The register after one more byte. */
  public static int update(int fcs, int b) {
    return (fcs >>> 8) ^ TABLE[(fcs ^ b) & 0xff];
  }

  /** The register after a run of bytes. */
  public static int update(int fcs, byte[] data, int offset, int length) {
    int r = fcs;
    for (int i = offset; i < offset + length; i++) {
      r = update(r, data[i]);
    }
    return r;
  }

  /**
   * The FCS to transmit for {@code data}: the complemented register. Its low byte goes on the wire
   * first.
   */
  public static int compute(byte[] data, int offset, int length) {
    return update(INIT, data, offset, length) ^ 0xFFFF;
  }

  public static int compute(byte[] data) {
    return compute(data, 0, data.length);
  }
}

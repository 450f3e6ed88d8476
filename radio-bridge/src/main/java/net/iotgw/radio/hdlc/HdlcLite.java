package net.iotgw.radio.hdlc;

/**
 * The octets HDLC-Lite reserves (RFC 1662 §4.2, as OpenThread's {@code hdlc.cpp} applies it).
 *
 * <p>OpenThread escapes more than RFC 1662's minimum of flag and escape: also XON and XOFF, so a
 * UART with software flow control never sees them as data, and 0xF8, which OpenThread lists as a
 * "special" flag. The decoder un-escapes whatever follows an escape byte, so a peer that escapes
 * less (or more) still decodes.
 */
public final class HdlcLite {
  /** Frame delimiter (RFC 1662 §4.1 Flag Sequence). */
  public static final int FLAG = 0x7E;

  /** Control escape (RFC 1662 §4.2): the next byte is XORed with {@link #ESCAPE_XOR}. */
  public static final int ESCAPE = 0x7D;

  public static final int ESCAPE_XOR = 0x20;

  /** DC1, software flow control resume. */
  public static final int XON = 0x11;

  /** DC3, software flow control pause. */
  public static final int XOFF = 0x13;

  /** OpenThread's {@code kFlagSpecial}, escaped by its encoder. */
  public static final int SPECIAL = 0xF8;

  /** Bytes of FCS-16 after the payload, least significant byte first. */
  public static final int FCS_SIZE = 2;

  private HdlcLite() {}

  /** True for the five byte values OpenThread's encoder ({@code HdlcByteNeedsEscape}) escapes. */
  public static boolean needsEscape(int b) {
    return switch (b & 0xff) {
      case FLAG, ESCAPE, XON, XOFF, SPECIAL -> true;
      default -> false;
    };
  }
}

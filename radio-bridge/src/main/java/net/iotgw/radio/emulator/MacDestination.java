package net.iotgw.radio.emulator;

/**
 * Who a frame is for, read from its MAC header the way a radio's address filter reads it (IEEE
 * 802.15.4-2020 §7.2.2 frame control, §7.2.3-7.2.5 sequence number, PAN ID and addresses): only the
 * destination fields, nothing else is decoded. Addresses in the frame are little-endian; {@link
 * #address()} is the numeric value, an EUI-64 in canonical order.
 *
 * @param mode which kind of destination
 * @param address the short address (0..0xFFFF) or the extended address; 0 for the other modes
 */
public record MacDestination(Mode mode, long address) {

  public enum Mode {
    /** No destination address: a frame to the PAN coordinator, or a beacon; every node hears it. */
    NONE,
    /** The broadcast short address 0xFFFF. */
    BROADCAST,
    SHORT,
    EXTENDED,
    /** Too short for the header its frame control announces: no radio would accept it. */
    MALFORMED
  }

  public static final int BROADCAST_SHORT = 0xFFFF;

  private static final int ADDR_NONE = 0;
  private static final int ADDR_SHORT = 2;
  private static final int ADDR_EXTENDED = 3;
  private static final int VERSION_2015 = 2;
  private static final int TYPE_MULTIPURPOSE = 5;

  /** Reads the destination of {@code psdu} (FCS included or not: it is never reached). */
  public static MacDestination of(byte[] psdu) {
    if (psdu.length < 2) {
      return new MacDestination(Mode.MALFORMED, 0);
    }
    int fcf = (psdu[0] & 0xFF) | (psdu[1] & 0xFF) << 8;
    int type = fcf & 0x7;
    if (type >= TYPE_MULTIPURPOSE) {
      // Multipurpose, fragment and extended frames have another frame control layout (§7.3.5);
      // leave the decision to the receivers.
      return new MacDestination(Mode.NONE, 0);
    }
    boolean panIdCompression = (fcf & 0x40) != 0;
    boolean seqSuppressed = (fcf & 0x100) != 0;
    int dstMode = (fcf >>> 10) & 0x3;
    int version = (fcf >>> 12) & 0x3;
    int srcMode = (fcf >>> 14) & 0x3;
    if (dstMode == ADDR_NONE) {
      return new MacDestination(Mode.NONE, 0);
    }
    if (dstMode != ADDR_SHORT && dstMode != ADDR_EXTENDED) {
      return new MacDestination(Mode.MALFORMED, 0);
    }
    int offset = 2;
    if (!(version == VERSION_2015 && seqSuppressed)) {
      offset += 1;
    }
    if (hasDestinationPanId(version, dstMode, srcMode, panIdCompression)) {
      offset += 2;
    }
    int length = dstMode == ADDR_SHORT ? 2 : 8;
    if (psdu.length < offset + length) {
      return new MacDestination(Mode.MALFORMED, 0);
    }
    long value = 0;
    for (int i = length - 1; i >= 0; i--) {
      value = value << 8 | (psdu[offset + i] & 0xFF);
    }
    if (dstMode == ADDR_SHORT) {
      return value == BROADCAST_SHORT
          ? new MacDestination(Mode.BROADCAST, value)
          : new MacDestination(Mode.SHORT, value);
    }
    return new MacDestination(Mode.EXTENDED, value);
  }

  /**
   * 2003/2006 frames: present whenever there is a destination address. 2015 frames: Table 7-2; with
   * a destination address it is omitted only when PAN ID compression is set and either there is no
   * source address or both addresses are extended.
   */
  private static boolean hasDestinationPanId(
      int version, int dstMode, int srcMode, boolean panIdCompression) {
    if (version != VERSION_2015) {
      return true;
    }
    boolean bothExtended = dstMode == ADDR_EXTENDED && srcMode == ADDR_EXTENDED;
    return !(panIdCompression && (srcMode == ADDR_NONE || bothExtended));
  }
}

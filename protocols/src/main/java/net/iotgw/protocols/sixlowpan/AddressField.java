package net.iotgw.protocols.sixlowpan;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * How an IPHC header carries one address (RFC 6282 §3.1.1): the SAC/DAC bit, for a destination the
 * M bit, the two SAM/DAM bits, the context it names (through the CID extension, or 0) and the bits
 * carried in-line.
 *
 * @param contextBased SAC or DAC
 * @param multicast M; always false for a source
 * @param mode SAM or DAM, 0 to 3
 * @param contextId the SCI or DCI; 0 when not context-based
 * @param inline the in-line bytes, as long as {@link #inlineLength} says
 */
record AddressField(
    boolean contextBased, boolean multicast, int mode, int contextId, byte[] inline) {

  /** Marks a reserved combination in {@link #inlineLength}. */
  static final int RESERVED = -1;

  /**
   * In-line bytes of each encoding (RFC 6282 §3.1.1), or {@link #RESERVED}: DAC=1 DAM=00 without M,
   * and M=1 DAC=1 with DAM other than 00.
   */
  static int inlineLength(boolean contextBased, boolean multicast, int mode, boolean source) {
    if (multicast) {
      if (contextBased) {
        return mode == 0 ? 6 : RESERVED;
      }
      return switch (mode) {
        case 0 -> 16;
        case 1 -> 6;
        case 2 -> 4;
        default -> 1;
      };
    }
    return switch (mode) {
      case 0 -> contextBased ? (source ? 0 : RESERVED) : 16;
      case 1 -> 8;
      case 2 -> 2;
      default -> 0;
    };
  }

  /** SAC=1 SAM=00: the unspecified address, which needs no context (RFC 6282 §3.1.1). */
  boolean isUnspecifiedSource() {
    return contextBased && !multicast && mode == 0;
  }

  /** Whether decompressing this field needs an entry of the context table. */
  boolean usesContext() {
    return contextBased && !isUnspecifiedSource();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AddressField f
        && contextBased == f.contextBased
        && multicast == f.multicast
        && mode == f.mode
        && contextId == f.contextId
        && Arrays.equals(inline, f.inline);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(inline) * 31 + mode * 7 + contextId + (contextBased ? 64 : 0)
        + (multicast ? 128 : 0);
  }

  @Override
  public String toString() {
    return (multicast ? "M " : "")
        + (contextBased ? "ctx" + contextId : "stateless")
        + " mode "
        + mode
        + " inline "
        + HexFormat.of().formatHex(inline);
  }
}

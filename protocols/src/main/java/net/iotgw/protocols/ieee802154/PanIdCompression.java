package net.iotgw.protocols.ieee802154;

import java.util.Optional;

/**
 * Which PAN identifier fields are present, from the addressing modes and the PAN ID Compression
 * bit. The two frame-version families read the bit differently:
 *
 * <ul>
 *   <li>2003/2006 (802.15.4-2006 §7.2.1.1.5): each present address carries its PAN ID, except that
 *       with both addresses present and the bit set the source PAN ID is omitted (it equals the
 *       destination's). The bit set without both addresses is invalid.
 *   <li>2015 (802.15.4-2015 §7.2.1.5, Table 7-2): a table over (dst mode, src mode, bit); two
 *       extended addresses never carry a source PAN ID, and without addresses the bit alone says
 *       whether a destination PAN ID is present.
 * </ul>
 *
 * The decoder and the header factories both go through {@link #presence}, so the rules live here
 * only.
 */
public final class PanIdCompression {

  /** Which PAN ID fields the MAC header carries. */
  public record Presence(boolean destinationPanId, boolean sourcePanId) {}

  private static final Presence NEITHER = new Presence(false, false);
  private static final Presence DESTINATION = new Presence(true, false);
  private static final Presence SOURCE = new Presence(false, true);
  private static final Presence BOTH = new Presence(true, true);

  private PanIdCompression() {}

  /** The PAN ID fields present for this combination, or empty if the combination is invalid. */
  public static Optional<Presence> presence(
      FrameVersion version, AddressMode dst, AddressMode src, boolean compression) {
    boolean hasDst = dst != AddressMode.NONE;
    boolean hasSrc = src != AddressMode.NONE;
    if (version != FrameVersion.IEEE_2015) {
      if (hasDst && hasSrc) {
        return Optional.of(compression ? DESTINATION : BOTH);
      }
      if (compression) {
        return Optional.empty();
      }
      return Optional.of(hasDst ? DESTINATION : hasSrc ? SOURCE : NEITHER);
    }
    Presence p;
    if (!hasDst && !hasSrc) {
      p = compression ? DESTINATION : NEITHER; // Table 7-2 rows 1, 2
    } else if (!hasSrc) {
      p = compression ? NEITHER : DESTINATION; // rows 3, 4
    } else if (!hasDst) {
      p = compression ? NEITHER : SOURCE; // rows 5, 6
    } else if (dst == AddressMode.EXTENDED && src == AddressMode.EXTENDED) {
      p = compression ? NEITHER : DESTINATION; // rows 7, 8
    } else {
      p = compression ? DESTINATION : BOTH; // rows 9 to 14
    }
    return Optional.of(p);
  }

  /**
   * The PAN ID Compression bit that yields {@code wanted}, or empty if no value of the bit does
   * (for example a source PAN ID between two extended addresses in 2015).
   */
  public static Optional<Boolean> bitFor(
      FrameVersion version, AddressMode dst, AddressMode src, Presence wanted) {
    for (boolean bit : new boolean[] {false, true}) {
      if (presence(version, dst, src, bit).filter(wanted::equals).isPresent()) {
        return Optional.of(bit);
      }
    }
    return Optional.empty();
  }
}

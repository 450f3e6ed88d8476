package net.iotgw.protocols.ieee802154.security;

import java.util.OptionalLong;

/**
 * What a receiver remembers about one sending device under one key (IEEE 802.15.4-2006 §7.5.8.2.3
 * and §7.6.1, the DeviceDescriptor's FrameCounter): the highest frame counter it accepted. A frame
 * is fresh only if its counter is strictly greater, so a replayed or reordered frame is refused.
 * Immutable; the owner of the device's state stores the value {@link #accept} returns, and only
 * after the MIC has verified.
 *
 * @param highestAccepted empty until a frame under this key has been accepted
 */
public record ReplayState(OptionalLong highestAccepted) {

  public ReplayState {
    highestAccepted.ifPresent(
        v -> {
          if (v < 0 || v > OutgoingFrameCounter.EXHAUSTED) {
            throw new IllegalArgumentException("frame counter must be 0..0xffffffff, got " + v);
          }
        });
  }

  /** The state of a newly installed key: any counter is fresh. */
  public static ReplayState fresh() {
    return new ReplayState(OptionalLong.empty());
  }

  /** Whether a frame carrying {@code frameCounter} would be fresh. */
  public boolean isFresh(long frameCounter) {
    return highestAccepted.isEmpty() || frameCounter > highestAccepted.getAsLong();
  }

  /**
   * The state after accepting {@code frameCounter}.
   *
   * @throws IllegalArgumentException if it is not {@link #isFresh fresh}
   */
  public ReplayState accept(long frameCounter) {
    if (!isFresh(frameCounter)) {
      throw new IllegalArgumentException("frame counter " + frameCounter + " is not fresh");
    }
    return new ReplayState(OptionalLong.of(frameCounter));
  }
}

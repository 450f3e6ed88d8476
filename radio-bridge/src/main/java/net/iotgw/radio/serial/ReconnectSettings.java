package net.iotgw.radio.serial;

import java.time.Duration;
import java.util.Objects;

/**
 * Backoff between attempts to reopen a lost link: starts at {@code minBackoff}, doubles up to
 * {@code maxBackoff}, each delay stretched by up to {@code randomFactor} so that many gateways
 * behind one failed hub do not retry in lockstep. There is no limit on attempts: a border router
 * waits for its dongle as long as it takes.
 */
public record ReconnectSettings(Duration minBackoff, Duration maxBackoff, double randomFactor) {

  public ReconnectSettings {
    Objects.requireNonNull(minBackoff);
    Objects.requireNonNull(maxBackoff);
    if (minBackoff.isNegative() || minBackoff.isZero() || maxBackoff.compareTo(minBackoff) < 0) {
      throw new IllegalArgumentException(
          "need 0 < minBackoff <= maxBackoff: " + minBackoff + ", " + maxBackoff);
    }
    if (randomFactor < 0 || randomFactor > 1) {
      throw new IllegalArgumentException("randomFactor out of [0, 1]: " + randomFactor);
    }
  }

  /** 200 ms to 5 s: a replugged USB dongle is found within seconds. */
  public static ReconnectSettings defaults() {
    return new ReconnectSettings(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2);
  }
}

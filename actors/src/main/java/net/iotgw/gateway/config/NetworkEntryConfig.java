package net.iotgw.gateway.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;

/**
 * How the gateway admits CDs (the {@code iotgw.network-entry} section).
 *
 * @param sessionLifetime the Session-Lifetime granted to a PANA session (RFC 5191 §8.9): access
 *     ends then unless the CD re-authenticates
 * @param maxJoining network entries in progress at once: the radio and the AAA are never asked
 *     for more than this
 * @param maxWaiting PCIs that wait for a free join (one per CD); beyond it they are ignored
 * @param maxDevices devices the gateway keeps state for; PANA from more is dropped
 */
public record NetworkEntryConfig(
    Duration sessionLifetime, int maxJoining, int maxWaiting, int maxDevices) {

  public static NetworkEntryConfig from(Config iotgw) {
    Config c = iotgw.getConfig("network-entry");
    Duration lifetime = c.getDuration("session-lifetime");
    if (lifetime.toSeconds() < 60 || lifetime.toSeconds() > 0xffff_ffffL) {
      throw new ConfigException.BadValue(c.origin(), "iotgw.network-entry.session-lifetime",
          "must be between 60 s and 2^32-1 s");
    }
    return new NetworkEntryConfig(lifetime,
        positive(c, "max-joining"), positive(c, "max-waiting"), positive(c, "max-devices"));
  }

  private static int positive(Config c, String key) {
    int v = c.getInt(key);
    if (v < 1) {
      throw new ConfigException.BadValue(c.origin(), "iotgw.network-entry." + key,
          v + " is not positive");
    }
    return v;
  }
}

package net.iotgw.sim.cd;

import net.iotgw.protocols.ieee802154.SecurityLevel;

/**
 * How a CD with credentials enters the network and secures its link.
 *
 * @param level the 802.15.4 security level of data frames once admitted: 5 (ENC-MIC-32) or 6
 *     (ENC-MIC-64, the contract's default); the gateway must require the same
 * @param stallTimeoutMillis how long a join may go without progress (a PANA message that moves
 *     it on) before it is abandoned ({@link SessionEnd#JOIN_STALLED})
 * @param forgery whether, and how, this CD sends data while not admitted (tests only)
 * @param forgeEveryMillis for a forging CD: the interval of the echo requests it sends on its own
 *     to the gateway's link-local address while not admitted; 0 sends none
 */
public record JoinSettings(
    SecurityLevel level, long stallTimeoutMillis, Forgery forgery, long forgeEveryMillis) {

  /** Level 6, a minute without progress, no forgery. */
  public static final JoinSettings DEFAULTS =
      new JoinSettings(SecurityLevel.ENC_MIC_64, 60_000, Forgery.NONE, 0);

  public JoinSettings {
    if (level != SecurityLevel.ENC_MIC_32 && level != SecurityLevel.ENC_MIC_64) {
      throw new IllegalArgumentException("security level 5 or 6, not " + level);
    }
    if (stallTimeoutMillis <= 0 || forgeEveryMillis < 0) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }

  public JoinSettings withLevel(SecurityLevel l) {
    return new JoinSettings(l, stallTimeoutMillis, forgery, forgeEveryMillis);
  }

  public JoinSettings withStallTimeout(long millis) {
    return new JoinSettings(level, millis, forgery, forgeEveryMillis);
  }

  /** A misbehaving CD: {@code f} while not admitted, with echo requests every {@code every} ms. */
  public JoinSettings withForgery(Forgery f, long everyMillis) {
    return new JoinSettings(level, stallTimeoutMillis, f, everyMillis);
  }
}

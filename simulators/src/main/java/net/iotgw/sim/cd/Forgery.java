package net.iotgw.sim.cd;

/**
 * How a deliberately misbehaving CD sends data while it is not admitted (before admission or
 * after rejection), so that tests can show the gateway's enforcement point dropping it. A
 * well-behaved CD ({@link #NONE}) withholds such data.
 */
public enum Forgery {
  /** Withhold data until admitted (what a real CD does). */
  NONE,
  /** Send data in unsecured frames, as if link security did not exist; accept them too. */
  UNSECURED,
  /** Send data in frames secured with a key of the CD's own making, unknown to the gateway. */
  WRONG_KEY
}

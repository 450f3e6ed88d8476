package net.iotgw.protocols.ike.engine;

/**
 * The owner's word on cookies for one incoming IKE_SA_INIT (RFC 7296 §2.6): {@code required} when
 * its half-open SA count is above its threshold; then only a request carrying a valid cookie
 * creates state, others are answered with N(COOKIE).
 */
public record CookieGate(boolean required, CookieSecrets secrets) {

  public CookieGate {
    if (required && secrets == null) {
      throw new IllegalArgumentException("cookies need secrets");
    }
  }

  /** No cookie asked for. */
  public static CookieGate open() {
    return new CookieGate(false, null);
  }

  public static CookieGate require(CookieSecrets secrets) {
    return new CookieGate(true, secrets);
  }
}

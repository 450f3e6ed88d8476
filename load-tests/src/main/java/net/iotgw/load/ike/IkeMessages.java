package net.iotgw.load.ike;

/** What the generator reads in the target's messages without decoding them (RFC 7296 §3). */
final class IkeMessages {
  /** Exchange type IKE_SA_INIT (§3.1). */
  private static final int IKE_SA_INIT = 34;
  /** Payload type Notify (§3.10). */
  private static final int NOTIFY = 41;
  /** Notify message type COOKIE (§3.10.1). */
  private static final int COOKIE = 16390;
  private static final int RESPONSE_FLAG = 0x20;
  private static final int HEADER = 28;

  private IkeMessages() {}

  /**
   * An IKE_SA_INIT response whose first payload is N(COOKIE) (§2.6): the responder asks for a
   * cookie before it keeps state.
   */
  static boolean isCookieChallenge(byte[] m) {
    return m.length >= HEADER + 8
        && (m[18] & 0xff) == IKE_SA_INIT
        && (m[19] & RESPONSE_FLAG) != 0
        && (m[16] & 0xff) == NOTIFY
        && (((m[HEADER + 6] & 0xff) << 8) | (m[HEADER + 7] & 0xff)) == COOKIE;
  }
}

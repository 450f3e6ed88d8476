package net.iotgw.protocols.ike.engine;

/**
 * The initiator's retransmission schedule (RFC 7296 §2.1, §2.4): a request is sent, then resent
 * each time its timeout passes, the n-th timeout being {@code initial * base^n}, and the exchange
 * fails once the last retransmission's timeout has passed too. strongSwan's defaults are 4 s, 1.8
 * and 5 retransmissions (165 s in all).
 *
 * @param initialMillis the timeout after the first transmission
 * @param base the growth factor of each next timeout
 * @param maxRetransmissions how many times a request is resent before the exchange fails
 */
public record RetransmitPolicy(long initialMillis, double base, int maxRetransmissions) {

  public static final RetransmitPolicy STRONGSWAN = new RetransmitPolicy(4_000, 1.8, 5);

  public RetransmitPolicy {
    if (initialMillis <= 0 || base < 1.0 || maxRetransmissions < 0) {
      throw new IllegalArgumentException("initial > 0, base >= 1, retransmissions >= 0");
    }
  }

  /** How long to wait after transmission number {@code sent} (0 = the original). */
  public long timeoutMillis(int sent) {
    return Math.round(initialMillis * Math.pow(base, sent));
  }

  /** Whether the timeout after transmission number {@code sent} ends the exchange. */
  public boolean exhausted(int sent) {
    return sent >= maxRetransmissions;
  }
}

package net.iotgw.protocols.esp;

/**
 * The sender has used the last sequence number of an SA: RFC 4303 §3.3.3 forbids cycling the
 * counter, so the SA must be rekeyed (a new CHILD_SA) before anything more is sent. Checked, so
 * that no sender can forget it; no stack trace, it is an expected end of life.
 */
public final class SequenceExhausted extends Exception {
  private final long lastSent;

  public SequenceExhausted(long lastSent) {
    super("ESP sequence numbers exhausted after " + Long.toUnsignedString(lastSent), null, false,
        false);
    this.lastSent = lastSent;
  }

  /** The last sequence number that was handed out (unsigned). */
  public long lastSent() {
    return lastSent;
  }
}

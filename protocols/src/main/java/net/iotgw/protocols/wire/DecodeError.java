package net.iotgw.protocols.wire;

/**
 * Why untrusted bytes were refused. {@code kind} is what a protocol engine acts on (for IKE:
 * answer INVALID_SYNTAX, UNSUPPORTED_CRITICAL_PAYLOAD, or drop); {@code detail} is for logs and
 * never contains key material.
 *
 * @param kind the class of error
 * @param offset byte offset in the input where the problem was found
 * @param detail a human-readable explanation
 * @param code a protocol-specific number attached to the error (e.g. the critical payload type),
 *     or -1
 */
public record DecodeError(Kind kind, int offset, String detail, int code) {

  public enum Kind {
    /** Fewer bytes than a header or length field requires. */
    TRUNCATED,
    /** A length field that is impossible (too small, too large, beyond a limit). */
    BAD_LENGTH,
    /** Well-sized but invalid content (reserved bits, bad counts, wrong version). */
    INVALID_SYNTAX,
    /** An unknown payload that the sender marked critical (RFC 7296 §2.5). */
    UNSUPPORTED_CRITICAL_PAYLOAD,
    /** Integrity check failed (ICV, MAC, FCS). */
    AUTHENTICATION_FAILED,
    /** Valid syntax we deliberately do not support. */
    UNSUPPORTED
  }

  public DecodeError(Kind kind, int offset, String detail) {
    this(kind, offset, detail, -1);
  }

  @Override
  public String toString() {
    return kind + " at " + offset + ": " + detail + (code >= 0 ? " (" + code + ")" : "");
  }
}

package net.iotgw.protocols.pana;

/**
 * The 16-octet PANA header (RFC 5191 §6.2) without its Reserved and Message Length fields, which
 * the codec writes and checks. {@code flags} holds all 16 flag bits as received, so that a message
 * round-trips exactly; the named bits are the IANA "Message Flags" registry.
 *
 * @param flags the Flags field
 * @param messageType the Message Type field, a {@link PanaMessageType} id or any other number
 * @param sessionId the Session Identifier, an unsigned 32-bit value (0 in a PCI and the first PAR)
 * @param sequenceNumber the Sequence Number, an unsigned 32-bit value
 */
public record PanaHeader(int flags, int messageType, long sessionId, long sequenceNumber) {
  /** Request. */
  public static final int FLAG_R = 0x8000;
  /** Start: the first PAR/PAN of a session (§4.1). */
  public static final int FLAG_S = 0x4000;
  /** Complete: the last PAR/PAN of authentication (§4.1). */
  public static final int FLAG_C = 0x2000;
  /** re-Authentication, in PNR/PNA (§4.3). */
  public static final int FLAG_A = 0x1000;
  /** Ping, in PNR/PNA (§4.2). */
  public static final int FLAG_P = 0x0800;
  /** IP Reconfiguration (§4.1). */
  public static final int FLAG_I = 0x0400;

  /** Reserved, Message Length, Flags, Message Type, Session Identifier, Sequence Number. */
  public static final int LENGTH = 16;

  public PanaHeader {
    if ((flags & ~0xffff) != 0 || (messageType & ~0xffff) != 0) {
      throw new IllegalArgumentException("flags and message type are 16-bit fields");
    }
    if ((sessionId & ~0xffffffffL) != 0 || (sequenceNumber & ~0xffffffffL) != 0) {
      throw new IllegalArgumentException("session id and sequence number are unsigned 32-bit");
    }
  }

  public PanaHeader(int flags, PanaMessageType type, long sessionId, long sequenceNumber) {
    this(flags, type.id(), sessionId, sequenceNumber);
  }

  public boolean has(int flag) {
    return (flags & flag) == flag;
  }

  public boolean isRequest() {
    return has(FLAG_R);
  }
}

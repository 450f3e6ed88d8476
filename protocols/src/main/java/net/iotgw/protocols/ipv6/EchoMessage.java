package net.iotgw.protocols.ipv6;

import java.util.Arrays;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.DecodeError.Kind;
import net.iotgw.protocols.wire.Decoded;

/**
 * An Echo Request or Echo Reply (RFC 4443 §4.1, §4.2): type 128 or 129, code 0.
 *
 * <pre>
 *   Identifier (16) | Sequence Number (16) | Data
 * </pre>
 *
 * @param reply false for Echo Request, true for Echo Reply
 * @param identifier 0..65535
 * @param sequenceNumber 0..65535
 * @param data the data; not copied, callers must not change it
 */
public record EchoMessage(boolean reply, int identifier, int sequenceNumber, byte[] data) {

  public EchoMessage {
    if (identifier < 0 || identifier > 0xffff || sequenceNumber < 0 || sequenceNumber > 0xffff) {
      throw new IllegalArgumentException("identifier and sequence number are 0..65535");
    }
  }

  /** The echo fields of {@code m}; {@code INVALID_SYNTAX} if it is not an echo message. */
  public static Decoded<EchoMessage> from(IcmpV6Message m) {
    boolean request = m.type() == IcmpV6Type.ECHO_REQUEST.id();
    if ((!request && m.type() != IcmpV6Type.ECHO_REPLY.id()) || m.code() != 0) {
      return Decoded.failed(
          new DecodeError(
              Kind.INVALID_SYNTAX,
              0,
              "type " + m.type() + " code " + m.code() + " is not an echo message",
              m.type()));
    }
    byte[] b = m.body();
    if (b.length < 4) {
      return Decoded.failed(
          new DecodeError(Kind.TRUNCATED, 4 + b.length, "echo without identifier"));
    }
    return Decoded.ok(
        new EchoMessage(
            !request, UdpCodec.u16(b, 0), UdpCodec.u16(b, 2), Arrays.copyOfRange(b, 4, b.length)));
  }

  public IcmpV6Message toMessage() {
    byte[] body = new byte[4 + data.length];
    UdpCodec.put16(body, 0, identifier);
    UdpCodec.put16(body, 2, sequenceNumber);
    System.arraycopy(data, 0, body, 4, data.length);
    return new IcmpV6Message(reply ? IcmpV6Type.ECHO_REPLY : IcmpV6Type.ECHO_REQUEST, 0, body);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EchoMessage e
        && e.reply == reply
        && e.identifier == identifier
        && e.sequenceNumber == sequenceNumber
        && Arrays.equals(e.data, data);
  }

  @Override
  public int hashCode() {
    return ((reply ? 1 : 0) * 31 + identifier) * 31 + sequenceNumber + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return (reply ? "EchoReply[" : "EchoRequest[")
        + "id "
        + identifier
        + ", seq "
        + sequenceNumber
        + ", "
        + data.length
        + " octets]";
  }
}

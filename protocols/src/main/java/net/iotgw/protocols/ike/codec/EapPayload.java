package net.iotgw.protocols.ike.codec;

import java.util.Arrays;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * EAP payload (RFC 7296 §3.16): exactly one EAP packet, left to the EAP codec to interpret. Only
 * the framing is checked here: the EAP Length field must equal the payload's content length, and
 * the code must fit it (RFC 3748 §4: Success and Failure are 4 bytes, Request and Response carry a
 * Type).
 *
 * @param message the whole EAP packet, from its Code octet
 */
public record EapPayload(byte[] message) implements Payload {

  private static final int HEADER = 4;
  private static final int CODE_REQUEST = 1;
  private static final int CODE_RESPONSE = 2;
  private static final int CODE_SUCCESS = 3;
  private static final int CODE_FAILURE = 4;

  public EapPayload {
    String problem = framingProblem(message);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    message = message.clone();
  }

  @Override
  public byte[] message() {
    return message.clone();
  }

  /** The EAP Code (RFC 3748 §4). */
  public int code() {
    return message[0] & 0xff;
  }

  @Override
  public int type() {
    return PayloadType.EAP.id();
  }

  @Override
  public void writeBody(WireWriter out) {
    out.bytes(message);
  }

  static EapPayload read(WireReader body) throws Malformed {
    byte[] message = body.rest();
    String problem = framingProblem(message);
    if (problem != null) {
      throw Slice.syntax(body, problem);
    }
    return new EapPayload(message);
  }

  private static String framingProblem(byte[] m) {
    if (m.length < HEADER) {
      return "EAP packet of " + m.length + " bytes";
    }
    int length = ((m[2] & 0xff) << 8) | (m[3] & 0xff);
    if (length != m.length) {
      return "EAP Length " + length + " in a payload of " + m.length + " bytes";
    }
    int code = m[0] & 0xff;
    if ((code == CODE_SUCCESS || code == CODE_FAILURE) && m.length != HEADER) {
      return "EAP Success/Failure with data";
    }
    if ((code == CODE_REQUEST || code == CODE_RESPONSE) && m.length == HEADER) {
      return "EAP Request/Response without a Type";
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EapPayload p && Arrays.equals(message, p.message);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(message);
  }

  @Override
  public String toString() {
    return "EAP[" + Octets.brief(message) + "]";
  }
}

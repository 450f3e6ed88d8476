package net.iotgw.protocols.ike.codec;

import java.util.Arrays;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * A payload of a type this codec does not know. RFC 7296 §2.5: without the critical bit it is
 * skipped by the protocol, but kept here so that a message re-encodes byte for byte; with the
 * critical bit the decoder refuses the whole message (UNSUPPORTED_CRITICAL_PAYLOAD), so decoded
 * ones always have {@code critical} false.
 *
 * @param type a number that {@link PayloadType} does not know
 * @param critical the C bit to send
 * @param content what follows the generic payload header
 */
public record UnknownPayload(int type, boolean critical, byte[] content) implements Payload {

  public UnknownPayload {
    FieldRange.u8(type, "payload type");
    if (PayloadType.known(type) != null) {
      throw new IllegalArgumentException("payload type " + type + " has its own record");
    }
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  @Override
  public void writeBody(WireWriter out) {
    out.bytes(content);
  }

  static UnknownPayload read(int type, WireReader body) {
    return new UnknownPayload(type, false, body.rest());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UnknownPayload p
        && type == p.type
        && critical == p.critical
        && Arrays.equals(content, p.content);
  }

  @Override
  public int hashCode() {
    return (31 * type + Boolean.hashCode(critical)) * 31 + Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return "Unknown[type="
        + type
        + (critical ? ", critical, " : ", ")
        + Octets.brief(content)
        + "]";
  }
}

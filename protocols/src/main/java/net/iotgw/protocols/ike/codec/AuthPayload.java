package net.iotgw.protocols.ike.codec;

import java.util.Arrays;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * Authentication payload (RFC 7296 §3.8).
 *
 * @param method an {@link AuthMethod} number
 * @param data the MAC or signature over the signed octets of §2.15
 */
public record AuthPayload(int method, byte[] data) implements Payload {

  public AuthPayload {
    FieldRange.u8(method, "auth method");
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public int type() {
    return PayloadType.AUTH.id();
  }

  @Override
  public void writeBody(WireWriter out) {
    out.u8(method).u24(0).bytes(data);
  }

  static AuthPayload read(WireReader body) throws Malformed {
    int method = body.u8("AUTH method");
    body.u24("AUTH reserved");
    return new AuthPayload(method, body.rest());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuthPayload p && method == p.method && Arrays.equals(data, p.data);
  }

  @Override
  public int hashCode() {
    return 31 * method + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "AUTH[method=" + method + ", " + Octets.brief(data) + "]";
  }
}

package net.iotgw.protocols.ike.codec;

import java.util.Arrays;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * Key Exchange payload (RFC 7296 §3.4): the sender's public (EC)DH value for one group.
 *
 * @param dhGroup a transform type 4 ID ({@link net.iotgw.protocols.ike.DhGroup})
 * @param keyData the public value, encoded as the group's RFC specifies
 */
public record KePayload(int dhGroup, byte[] keyData) implements Payload {

  public KePayload {
    FieldRange.u16(dhGroup, "DH group");
    keyData = keyData.clone();
  }

  @Override
  public byte[] keyData() {
    return keyData.clone();
  }

  @Override
  public int type() {
    return PayloadType.KE.id();
  }

  @Override
  public void writeBody(WireWriter out) {
    out.u16(dhGroup).u16(0).bytes(keyData);
  }

  static KePayload read(WireReader body) throws Malformed {
    int group = body.u16("KE DH group");
    body.u16("KE reserved");
    return new KePayload(group, body.rest());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KePayload p && dhGroup == p.dhGroup && Arrays.equals(keyData, p.keyData);
  }

  @Override
  public int hashCode() {
    return 31 * dhGroup + Arrays.hashCode(keyData);
  }

  @Override
  public String toString() {
    return "KE[group=" + dhGroup + ", " + Octets.brief(keyData) + "]";
  }
}

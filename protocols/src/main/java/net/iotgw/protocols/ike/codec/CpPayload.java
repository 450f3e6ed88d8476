package net.iotgw.protocols.ike.codec;

import java.util.ArrayList;
import java.util.List;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * Configuration payload (RFC 7296 §3.15).
 *
 * @param configType a {@link ConfigType} number
 * @param attributes in wire order
 */
public record CpPayload(int configType, List<ConfigAttribute> attributes) implements Payload {

  public CpPayload {
    FieldRange.u8(configType, "CFG type");
    attributes = List.copyOf(attributes);
  }

  @Override
  public int type() {
    return PayloadType.CP.id();
  }

  @Override
  public void writeBody(WireWriter out) {
    out.u8(configType).u24(0);
    for (ConfigAttribute a : attributes) {
      byte[] value = a.value();
      out.u16(a.attributeType()).u16(value.length).bytes(value);
    }
  }

  static CpPayload read(WireReader body) throws Malformed {
    int configType = body.u8("CFG type");
    body.u24("CP reserved");
    List<ConfigAttribute> attributes = new ArrayList<>();
    while (body.hasRemaining()) {
      // The top bit is reserved: ignored on receipt (RFC 7296 §3.15.1).
      int type = body.u16("CP attribute type") & 0x7fff;
      int length = body.u16("CP attribute length");
      if (length > body.remaining()) {
        throw Slice.badLength(body, "attribute length " + length + " exceeds the payload");
      }
      attributes.add(new ConfigAttribute(type, body.bytes(length, "CP attribute value")));
    }
    return new CpPayload(configType, attributes);
  }
}

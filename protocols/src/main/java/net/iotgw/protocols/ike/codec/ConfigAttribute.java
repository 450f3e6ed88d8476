package net.iotgw.protocols.ike.codec;

import java.util.Arrays;

/**
 * A configuration attribute of a CP payload (RFC 7296 §3.15.1). A request usually carries empty
 * values ("send me one"), a reply the assigned ones.
 *
 * @param attributeType a {@link ConfigAttributeType} number, 15 bits
 * @param value in the format of that type
 */
public record ConfigAttribute(int attributeType, byte[] value) {

  public ConfigAttribute {
    FieldRange.u15(attributeType, "attribute type");
    value = FieldRange.copy(value, 0xffff, "attribute value");
  }

  public ConfigAttribute(ConfigAttributeType type, byte[] value) {
    this(type.id(), value);
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfigAttribute a
        && attributeType == a.attributeType
        && Arrays.equals(value, a.value);
  }

  @Override
  public int hashCode() {
    return 31 * attributeType + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    String name =
        ConfigAttributeType.of(attributeType)
            .map(Enum::name)
            .orElse(Integer.toString(attributeType));
    return name + "=" + Octets.brief(value);
  }
}

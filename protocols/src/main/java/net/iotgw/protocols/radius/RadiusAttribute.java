package net.iotgw.protocols.radius;

import java.util.Arrays;

/**
 * One attribute as it is on the wire (RFC 2865 §5): a type and 0..253 value octets. Unknown types
 * are kept as they are; typed views live in {@link Attributes}, {@link VendorSpecific}.
 */
public record RadiusAttribute(int type, byte[] value) {

  /** Largest value: the length octet counts type and length too (RFC 2865 §5). */
  public static final int MAX_VALUE = 253;

  public RadiusAttribute {
    if (type < 0 || type > 255) {
      throw new IllegalArgumentException("attribute type " + type);
    }
    if (value.length > MAX_VALUE) {
      throw new IllegalArgumentException("attribute value of " + value.length + " bytes");
    }
    value = value.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  int wireLength() {
    return 2 + value.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RadiusAttribute a && a.type == type && Arrays.equals(a.value, value);
  }

  @Override
  public int hashCode() {
    return 31 * type + Arrays.hashCode(value);
  }

  /** Values may be hidden passwords or wrapped keys: only their length is shown. */
  @Override
  public String toString() {
    return "RadiusAttribute[type=" + type + ", " + value.length + " bytes]";
  }
}

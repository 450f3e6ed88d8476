package net.iotgw.protocols.ike.codec;

import java.util.Arrays;

/**
 * A transform attribute (RFC 7296 §3.3.5) in one of its two forms, chosen by the AF bit: TV, a
 * 2-byte value in the header itself, or TLV, a value with its own length. The only attribute IKEv2
 * defines is Key Length, in TV form.
 */
public sealed interface TransformAttribute {

  /** Attribute type 14: key length in bits, for ciphers with a variable key (AES). */
  int KEY_LENGTH = 14;

  /** The Attribute Type, without the AF bit. */
  int attributeType();

  /** A key length attribute in the form RFC 7296 §3.3.5 requires. */
  static TransformAttribute keyLength(int bits) {
    return new Tv(KEY_LENGTH, bits);
  }

  /** Type/Value form (AF = 1). */
  record Tv(int attributeType, int value) implements TransformAttribute {
    public Tv {
      FieldRange.u15(attributeType, "attribute type");
      FieldRange.u16(value, "attribute value");
    }
  }

  /** Type/Length/Value form (AF = 0). */
  record Tlv(int attributeType, byte[] value) implements TransformAttribute {
    public Tlv {
      FieldRange.u15(attributeType, "attribute type");
      value = FieldRange.copy(value, 0xffff, "attribute value");
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Tlv t
          && attributeType == t.attributeType
          && Arrays.equals(value, t.value);
    }

    @Override
    public int hashCode() {
      return 31 * attributeType + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Tlv[type=" + attributeType + ", " + Octets.brief(value) + "]";
    }
  }
}

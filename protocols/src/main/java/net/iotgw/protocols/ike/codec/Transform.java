package net.iotgw.protocols.ike.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import net.iotgw.protocols.ike.TransformType;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * A transform substructure (RFC 7296 §3.3.2).
 *
 * @param transformType a {@link TransformType} number
 * @param transformId the algorithm within that type
 * @param attributes in wire order
 */
public record Transform(int transformType, int transformId, List<TransformAttribute> attributes) {

  /** Last Substruc, Reserved and Transform Length: what precedes {@link #read}'s part. */
  static final int HEADER_LENGTH = 4;

  /** Last Substruc, Reserved, Transform Length, Transform Type, Reserved, Transform ID. */
  static final int FIXED_LENGTH = 8;

  /** RFC 7296 §3.3.2: the Last Substruc value announcing another transform. */
  static final int MORE = 3;

  /** RFC 7296 §3.3.5: the Attribute Format bit, set for the TV form. */
  private static final int AF_TV = 0x8000;

  public Transform {
    FieldRange.u8(transformType, "transform type");
    FieldRange.u16(transformId, "transform ID");
    attributes = List.copyOf(attributes);
  }

  public Transform(TransformType type, int transformId) {
    this(type.id(), transformId, List.of());
  }

  /** An ENCR transform with a Key Length attribute, as AES needs (RFC 7296 §3.3.5). */
  public static Transform withKeyLength(TransformType type, int transformId, int keyBits) {
    return new Transform(type.id(), transformId, List.of(TransformAttribute.keyLength(keyBits)));
  }

  /** The Key Length attribute, if present. */
  public OptionalInt keyLength() {
    for (TransformAttribute a : attributes) {
      if (a instanceof TransformAttribute.Tv tv
          && tv.attributeType() == TransformAttribute.KEY_LENGTH) {
        return OptionalInt.of(tv.value());
      }
    }
    return OptionalInt.empty();
  }

  void write(WireWriter out, boolean last) {
    int start = out.position();
    out.u8(last ? 0 : MORE).u8(0).u16(0).u8(transformType).u8(0).u16(transformId);
    for (TransformAttribute a : attributes) {
      writeAttribute(out, a);
    }
    out.putU16At(start + 2, FieldRange.u16(out.position() - start, "transform length"));
  }

  /** Reads what follows the transform's Transform Length field. */
  static Transform read(WireReader r) throws Malformed {
    int type = r.u8("transform type");
    r.u8("transform reserved");
    int id = r.u16("transform ID");
    List<TransformAttribute> attributes = new ArrayList<>();
    while (r.hasRemaining()) {
      attributes.add(readAttribute(r));
    }
    return new Transform(type, id, attributes);
  }

  private static void writeAttribute(WireWriter out, TransformAttribute a) {
    if (a instanceof TransformAttribute.Tv tv) {
      out.u16(AF_TV | tv.attributeType()).u16(tv.value());
    } else {
      TransformAttribute.Tlv tlv = (TransformAttribute.Tlv) a;
      byte[] value = tlv.value();
      out.u16(tlv.attributeType()).u16(value.length).bytes(value);
    }
  }

  private static TransformAttribute readAttribute(WireReader r) throws Malformed {
    int word = r.u16("attribute type");
    int type = word & ~AF_TV;
    if ((word & AF_TV) != 0) {
      return new TransformAttribute.Tv(type, r.u16("attribute value"));
    }
    int length = r.u16("attribute length");
    if (length > r.remaining()) {
      throw Slice.badLength(r, "attribute length " + length + " exceeds the transform");
    }
    return new TransformAttribute.Tlv(type, r.bytes(length, "attribute value"));
  }
}

package net.iotgw.protocols.radius;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * A Vendor-Specific attribute (RFC 2865 §5.26) in the recommended layout: a 32-bit vendor id,
 * then sub-attributes of one-octet type and one-octet length (which counts both). Vendors that
 * do not follow that layout fail {@link #decode} and remain readable as raw attributes.
 */
public record VendorSpecific(long vendorId, List<SubAttribute> subAttributes) {

  public static final long MICROSOFT = 311;

  /** One vendor sub-attribute. {@code toString} hides the value: it may be a wrapped key. */
  public record SubAttribute(int type, byte[] value) {
    public SubAttribute {
      if (type < 0 || type > 255 || value.length > 247) {
        throw new IllegalArgumentException("sub-attribute type " + type + ", " + value.length);
      }
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SubAttribute s
          && s.type == type
          && java.util.Arrays.equals(s.value, value);
    }

    @Override
    public int hashCode() {
      return 31 * type + java.util.Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "SubAttribute[type=" + type + ", " + value.length + " bytes]";
    }
  }

  public VendorSpecific {
    subAttributes = List.copyOf(subAttributes);
  }

  public Optional<SubAttribute> first(int type) {
    return subAttributes.stream().filter(s -> s.type() == type).findFirst();
  }

  public RadiusAttribute toAttribute() {
    WireWriter w = new WireWriter().u32(vendorId);
    for (SubAttribute s : subAttributes) {
      w.u8(s.type()).u8(2 + s.value.length).bytes(s.value);
    }
    return new RadiusAttribute(AttributeType.VENDOR_SPECIFIC, w.toByteArray());
  }

  /** Decodes the value of a type-26 attribute. */
  public static Decoded<VendorSpecific> decode(RadiusAttribute attribute) {
    if (attribute.type() != AttributeType.VENDOR_SPECIFIC) {
      return Decoded.failed(
          new DecodeError(
              DecodeError.Kind.INVALID_SYNTAX, 0, "not Vendor-Specific", attribute.type()));
    }
    WireReader r = new WireReader(attribute.value());
    try {
      long vendor = r.u32("vendor id");
      List<SubAttribute> subs = new ArrayList<>();
      while (r.hasRemaining()) {
        int at = r.position();
        int type = r.u8("vendor type");
        int length = r.u8("vendor length");
        if (length < 2 || length - 2 > r.remaining()) {
          throw new Malformed(
              new DecodeError(DecodeError.Kind.BAD_LENGTH, at + 1, "vendor length", length));
        }
        subs.add(new SubAttribute(type, r.bytes(length - 2, "vendor value")));
      }
      return Decoded.ok(new VendorSpecific(vendor, subs));
    } catch (Malformed m) {
      return Decoded.failed(m.error());
    }
  }

  /** All well-formed Vendor-Specific attributes of {@code vendorId} in a packet, in order. */
  public static List<VendorSpecific> of(RadiusPacket packet, long vendorId) {
    List<VendorSpecific> out = new ArrayList<>();
    for (RadiusAttribute a : packet.all(AttributeType.VENDOR_SPECIFIC)) {
      if (VendorSpecific.decode(a) instanceof Decoded.Ok<VendorSpecific> ok
          && ok.value().vendorId() == vendorId) {
        out.add(ok.value());
      }
    }
    return out;
  }
}

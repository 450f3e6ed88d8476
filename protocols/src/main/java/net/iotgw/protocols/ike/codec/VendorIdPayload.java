package net.iotgw.protocols.ike.codec;

import java.util.Arrays;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * Vendor ID payload (RFC 7296 §3.12): an opaque constant naming an implementation or extension.
 *
 * @param vendorId the constant, usually a hash
 */
public record VendorIdPayload(byte[] vendorId) implements Payload {

  public VendorIdPayload {
    vendorId = vendorId.clone();
  }

  @Override
  public byte[] vendorId() {
    return vendorId.clone();
  }

  @Override
  public int type() {
    return PayloadType.VENDOR_ID.id();
  }

  @Override
  public void writeBody(WireWriter out) {
    out.bytes(vendorId);
  }

  static VendorIdPayload read(WireReader body) {
    return new VendorIdPayload(body.rest());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VendorIdPayload p && Arrays.equals(vendorId, p.vendorId);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(vendorId);
  }

  @Override
  public String toString() {
    return "V[" + Octets.brief(vendorId) + "]";
  }
}

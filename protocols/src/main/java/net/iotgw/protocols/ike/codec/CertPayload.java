package net.iotgw.protocols.ike.codec;

import java.util.Arrays;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * Certificate payload (RFC 7296 §3.6).
 *
 * @param encoding a {@link CertEncoding} number
 * @param data the certificate or related data in that encoding
 */
public record CertPayload(int encoding, byte[] data) implements Payload {

  public CertPayload {
    FieldRange.u8(encoding, "certificate encoding");
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public int type() {
    return PayloadType.CERT.id();
  }

  @Override
  public void writeBody(WireWriter out) {
    out.u8(encoding).bytes(data);
  }

  static CertPayload read(WireReader body) throws Malformed {
    int encoding = body.u8("CERT encoding");
    return new CertPayload(encoding, body.rest());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CertPayload p && encoding == p.encoding && Arrays.equals(data, p.data);
  }

  @Override
  public int hashCode() {
    return 31 * encoding + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "CERT[encoding=" + encoding + ", " + Octets.brief(data) + "]";
  }
}

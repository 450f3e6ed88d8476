package net.iotgw.protocols.ike.codec;

import java.util.Arrays;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * Certificate Request payload (RFC 7296 §3.7).
 *
 * @param encoding a {@link CertEncoding} number
 * @param authorities for X.509, concatenated 20-byte SHA-1 hashes of trusted CA public keys
 */
public record CertReqPayload(int encoding, byte[] authorities) implements Payload {

  public CertReqPayload {
    FieldRange.u8(encoding, "certificate encoding");
    authorities = authorities.clone();
  }

  @Override
  public byte[] authorities() {
    return authorities.clone();
  }

  @Override
  public int type() {
    return PayloadType.CERTREQ.id();
  }

  @Override
  public void writeBody(WireWriter out) {
    out.u8(encoding).bytes(authorities);
  }

  static CertReqPayload read(WireReader body) throws Malformed {
    int encoding = body.u8("CERTREQ encoding");
    return new CertReqPayload(encoding, body.rest());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CertReqPayload p
        && encoding == p.encoding
        && Arrays.equals(authorities, p.authorities);
  }

  @Override
  public int hashCode() {
    return 31 * encoding + Arrays.hashCode(authorities);
  }

  @Override
  public String toString() {
    return "CERTREQ[encoding=" + encoding + ", " + Octets.brief(authorities) + "]";
  }
}

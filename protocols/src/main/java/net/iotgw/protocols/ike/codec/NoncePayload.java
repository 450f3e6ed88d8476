package net.iotgw.protocols.ike.codec;

import java.util.Arrays;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * Nonce payload, Ni or Nr (RFC 7296 §3.9). Which one it is follows from the message (request or
 * response) and is not on the wire, so the record does not carry it.
 *
 * @param nonce 16 to 256 random bytes
 */
public record NoncePayload(byte[] nonce) implements Payload {

  /** RFC 7296 §3.9: "between 16 and 256 octets, inclusive". */
  public static final int MIN_LENGTH = 16;

  public static final int MAX_LENGTH = 256;

  public NoncePayload {
    if (nonce.length < MIN_LENGTH || nonce.length > MAX_LENGTH) {
      throw new IllegalArgumentException("nonce of " + nonce.length + " bytes, RFC 7296 §3.9");
    }
    nonce = nonce.clone();
  }

  @Override
  public byte[] nonce() {
    return nonce.clone();
  }

  @Override
  public int type() {
    return PayloadType.NONCE.id();
  }

  @Override
  public void writeBody(WireWriter out) {
    out.bytes(nonce);
  }

  static NoncePayload read(WireReader body) throws Malformed {
    int length = body.remaining();
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      throw Slice.badLength(body, "nonce of " + length + " bytes, must be 16..256");
    }
    return new NoncePayload(body.rest());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoncePayload p && Arrays.equals(nonce, p.nonce);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(nonce);
  }

  @Override
  public String toString() {
    return "Nonce[" + Octets.brief(nonce) + "]";
  }
}

package net.iotgw.protocols.ike.codec;

import java.util.Arrays;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * Encrypted and Authenticated payload, SK (RFC 7296 §3.14), not decrypted here. It is always the
 * last payload of a message, so in a received datagram the body is its last {@code body.length}
 * bytes and everything before them is what AEAD takes as associated data (RFC 5282 §5.1) or, up to
 * the ICV, what the integrity check covers (RFC 7296 §3.14). For sending, {@link
 * IkeEncoder#encodeSkPrefix} gives those bytes before the body exists.
 *
 * @param firstPayloadType the type of the first payload inside (the SK header's Next Payload
 *     field), 0 if it encrypts none
 * @param body Initialization Vector | ciphertext | Integrity Checksum Data
 */
public record EncryptedPayload(int firstPayloadType, byte[] body) implements Payload {

  public EncryptedPayload {
    FieldRange.u8(firstPayloadType, "first inner payload type");
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public int type() {
    return PayloadType.SK.id();
  }

  @Override
  public void writeBody(WireWriter out) {
    out.bytes(body);
  }

  static EncryptedPayload read(int nextPayloadField, WireReader body) {
    return new EncryptedPayload(nextPayloadField, body.rest());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncryptedPayload p
        && firstPayloadType == p.firstPayloadType
        && Arrays.equals(body, p.body);
  }

  @Override
  public int hashCode() {
    return 31 * firstPayloadType + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "SK[first=" + firstPayloadType + ", " + body.length + " bytes]";
  }
}

package net.iotgw.protocols.ike.codec;

import java.util.Arrays;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * Encrypted and Authenticated Fragment payload, SKF (RFC 7383 §2.5): one independently encrypted
 * piece of an SK payload's plaintext. Like SK it is the last payload; its associated data also
 * covers the Fragment Number and Total Fragments fields ({@link IkeEncoder#encodeSkfPrefix}).
 *
 * @param firstPayloadType the type of the first inner payload of the whole message in fragment 1, 0
 *     in the others
 * @param fragmentNumber 1-based
 * @param totalFragments at least {@code fragmentNumber}
 * @param body Initialization Vector | ciphertext | Integrity Checksum Data of this fragment
 */
public record EncryptedFragmentPayload(
    int firstPayloadType, int fragmentNumber, int totalFragments, byte[] body) implements Payload {

  /** Fragment Number and Total Fragments, between the generic header and the body. */
  static final int FIXED_LENGTH = 4;

  public EncryptedFragmentPayload {
    FieldRange.u8(firstPayloadType, "first inner payload type");
    FieldRange.u16(totalFragments, "total fragments");
    if (fragmentNumber < 1 || fragmentNumber > totalFragments) {
      throw new IllegalArgumentException(
          "fragment " + fragmentNumber + " of " + totalFragments + ", RFC 7383 §2.5");
    }
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public int type() {
    return PayloadType.SKF.id();
  }

  @Override
  public void writeBody(WireWriter out) {
    out.u16(fragmentNumber).u16(totalFragments).bytes(body);
  }

  static EncryptedFragmentPayload read(int nextPayloadField, WireReader body) throws Malformed {
    int number = body.u16("SKF fragment number");
    int total = body.u16("SKF total fragments");
    // RFC 7383 §2.6.2: such a fragment is discarded; numbering starts at 1.
    if (number < 1 || number > total) {
      throw Slice.syntax(body, "fragment " + number + " of " + total);
    }
    return new EncryptedFragmentPayload(nextPayloadField, number, total, body.rest());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncryptedFragmentPayload p
        && firstPayloadType == p.firstPayloadType
        && fragmentNumber == p.fragmentNumber
        && totalFragments == p.totalFragments
        && Arrays.equals(body, p.body);
  }

  @Override
  public int hashCode() {
    int h = firstPayloadType;
    h = 31 * h + fragmentNumber;
    h = 31 * h + totalFragments;
    return 31 * h + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "SKF["
        + fragmentNumber
        + "/"
        + totalFragments
        + ", first="
        + firstPayloadType
        + ", "
        + body.length
        + " bytes]";
  }
}

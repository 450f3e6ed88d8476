package net.iotgw.protocols.ike.codec;

import java.util.ArrayList;
import java.util.List;
import net.iotgw.protocols.wire.WireWriter;

/**
 * Encodes IKEv2 messages (RFC 7296 §3). Every Next Payload and length field is computed here from
 * the records; the header's own {@code nextPayload} and {@code length} are ignored. Records
 * guarantee their field ranges, so only a payload or message too large for its length field, or an
 * SK/SKF payload that is not last, is refused (IllegalArgumentException).
 *
 * <p>Sealing: SK protection covers bytes that include lengths computed from the body it protects.
 * With AEAD the associated data is everything from the IKE header through the SK header (RFC 5282
 * §5.1), or through SKF's Total Fragments field (RFC 7383 §2.5); with CBC and an HMAC, the ICV
 * covers everything before it (RFC 7296 §3.14). {@link #encodeSkPrefix} and {@link
 * #encodeSkfPrefix} give those leading bytes for a body of known length, and for every body {@code
 * prefix || body} equals {@link #encode} of the message that ends with that SK payload.
 */
public final class IkeEncoder {
  private static final byte[] NO_BODY = new byte[0];

  private IkeEncoder() {}

  public static byte[] encode(IkeMessage message) {
    return encode(message.header(), message.payloads(), 0);
  }

  /** The plaintext of an SK payload: the chain, without header, SK and SKF excluded. */
  public static byte[] encodePayloads(List<Payload> payloads) {
    for (Payload p : payloads) {
      if (PayloadChainWriter.isEncrypted(p)) {
        throw new IllegalArgumentException(p + " cannot be inside encryption");
      }
    }
    WireWriter out = new WireWriter(256);
    PayloadChainWriter.write(out, payloads, 0);
    return out.toByteArray();
  }

  /** The SK header's Next Payload for {@link #encodePayloads}'s output: the first type, or 0. */
  public static int firstPayloadType(List<Payload> payloads) {
    return PayloadChainWriter.firstType(payloads);
  }

  /**
   * IKE header, {@code unencrypted} payloads and the 4-byte SK header, with both the IKE and the SK
   * length counting a body of {@code bodyLength} bytes (IV | ciphertext | ICV).
   */
  public static byte[] encodeSkPrefix(
      IkeHeader header, List<Payload> unencrypted, int firstInnerType, int bodyLength) {
    return encodePrefix(
        header, unencrypted, new EncryptedPayload(firstInnerType, NO_BODY), bodyLength);
  }

  /**
   * As {@link #encodeSkPrefix} for one fragment: the prefix ends after SKF's Fragment Number and
   * Total Fragments fields, which RFC 7383 §2.5 includes in the associated data. {@code
   * firstInnerType} is sent in fragment 1 only; give 0 for the others.
   */
  public static byte[] encodeSkfPrefix(
      IkeHeader header,
      List<Payload> unencrypted,
      int firstInnerType,
      int fragmentNumber,
      int totalFragments,
      int bodyLength) {
    return encodePrefix(
        header,
        unencrypted,
        new EncryptedFragmentPayload(firstInnerType, fragmentNumber, totalFragments, NO_BODY),
        bodyLength);
  }

  private static byte[] encodePrefix(
      IkeHeader header, List<Payload> unencrypted, Payload encrypted, int bodyLength) {
    if (bodyLength < 0) {
      throw new IllegalArgumentException("body length " + bodyLength);
    }
    List<Payload> payloads = new ArrayList<>(unencrypted);
    payloads.add(encrypted);
    return encode(header, payloads, bodyLength);
  }

  private static byte[] encode(IkeHeader header, List<Payload> payloads, int pendingBodyLength) {
    WireWriter out = new WireWriter(512);
    header.write(out, PayloadChainWriter.firstType(payloads), 0);
    PayloadChainWriter.write(out, payloads, pendingBodyLength);
    out.putU32At(IkeHeader.LENGTH_OFFSET, (long) out.position() + pendingBodyLength);
    return out.toByteArray();
  }
}

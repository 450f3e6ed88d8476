package net.iotgw.protocols.ike.codec;

import java.util.List;
import net.iotgw.protocols.wire.WireWriter;

/**
 * Writes a chain of payloads, computing every Next Payload and Payload Length field (RFC 7296
 * §3.2). Mirror of {@link PayloadChainReader}.
 */
final class PayloadChainWriter {
  private static final int CRITICAL = 0x80;

  private PayloadChainWriter() {}

  /** The Next Payload value that announces {@code payloads}: its first type, or 0. */
  static int firstType(List<Payload> payloads) {
    return payloads.isEmpty() ? PayloadType.NONE.id() : payloads.get(0).type();
  }

  /**
   * @param pendingBodyLength bytes the caller will append after the last payload as part of it (the
   *     SK body when only the prefix is wanted), counted in that payload's length; 0 for a complete
   *     chain
   */
  static void write(WireWriter out, List<Payload> payloads, int pendingBodyLength) {
    for (int i = 0; i < payloads.size(); i++) {
      Payload p = payloads.get(i);
      boolean last = i == payloads.size() - 1;
      if (!last && isEncrypted(p)) {
        // Its Next Payload field is taken by the first inner type (RFC 7296 §3.14).
        throw new IllegalArgumentException(p + " must be the last payload");
      }
      int next;
      if (p instanceof EncryptedPayload sk) {
        next = sk.firstPayloadType();
      } else if (p instanceof EncryptedFragmentPayload skf) {
        next = skf.firstPayloadType();
      } else {
        next = last ? PayloadType.NONE.id() : payloads.get(i + 1).type();
      }
      int start = out.position();
      out.u8(next).u8(p.critical() ? CRITICAL : 0).u16(0);
      p.writeBody(out);
      int length = out.position() - start + (last ? pendingBodyLength : 0);
      out.putU16At(start + 2, FieldRange.u16(length, "payload length"));
    }
  }

  static boolean isEncrypted(Payload p) {
    return p instanceof EncryptedPayload || p instanceof EncryptedFragmentPayload;
  }
}

package net.iotgw.protocols.ike.codec;

import java.util.ArrayList;
import java.util.List;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;

/**
 * Reads a chain of payloads linked by their Next Payload fields (RFC 7296 §3.2), each through the
 * reader of its type. Mirror of {@link PayloadChainWriter}.
 */
final class PayloadChainReader {
  static final int GENERIC_HEADER = 4;

  private static final int CRITICAL = 0x80;

  private PayloadChainReader() {}

  /**
   * @param outer true for the payloads of a datagram, where SK or SKF may end the chain; false for
   *     the plaintext of SK, which cannot nest another one
   */
  static List<Payload> read(WireReader r, int firstType, boolean outer) throws Malformed {
    List<Payload> payloads = new ArrayList<>();
    int type = firstType;
    while (type != PayloadType.NONE.id()) {
      int at = r.position();
      int next = r.u8("next payload");
      // The other 7 bits are reserved: ignored on receipt (RFC 7296 §3.2).
      boolean critical = (r.u8("payload flags") & CRITICAL) != 0;
      int length = r.u16("payload length");
      if (length < GENERIC_HEADER) {
        throw new Malformed(DecodeError.Kind.BAD_LENGTH, at + 2, "payload length " + length);
      }
      if (length - GENERIC_HEADER > r.remaining()) {
        throw new Malformed(
            DecodeError.Kind.BAD_LENGTH,
            at + 2,
            "payload length " + length + ", " + r.remaining() + " bytes remain");
      }
      PayloadType known = PayloadType.known(type);
      if (known == null && critical) {
        throw new Malformed(
            new DecodeError(
                DecodeError.Kind.UNSUPPORTED_CRITICAL_PAYLOAD,
                at,
                "payload type " + type + " is critical and unknown",
                type));
      }
      // Inline rather than Slice.read: this runs once per payload, the densest thing an
      // attacker can send, and should not allocate a closure each time.
      int base = r.position();
      WireReader body = r.slice(length - GENERIC_HEADER, "payload");
      try {
        payloads.add(body(known, type, next, body));
        Slice.requireConsumed(body, "payload");
      } catch (Malformed m) {
        throw Slice.shifted(m, base);
      }
      if (known == PayloadType.SK || known == PayloadType.SKF) {
        // Its Next Payload field names the first payload inside, not a successor (RFC 7296 §3.14).
        if (!outer) {
          throw new Malformed(DecodeError.Kind.INVALID_SYNTAX, at, known + " inside encryption");
        }
        if (r.hasRemaining()) {
          throw new Malformed(
              DecodeError.Kind.INVALID_SYNTAX, r.position(), known + " is not the last payload");
        }
        return payloads;
      }
      type = next;
    }
    if (r.hasRemaining()) {
      throw new Malformed(
          DecodeError.Kind.BAD_LENGTH,
          r.position(),
          r.remaining() + " bytes after the last payload");
    }
    return payloads;
  }

  private static Payload body(PayloadType known, int type, int next, WireReader body)
      throws Malformed {
    if (known == null) {
      return UnknownPayload.read(type, body);
    }
    return switch (known) {
      case SA -> SaPayload.read(body);
      case KE -> KePayload.read(body);
      case IDI -> IdPayload.read(Role.INITIATOR, body);
      case IDR -> IdPayload.read(Role.RESPONDER, body);
      case CERT -> CertPayload.read(body);
      case CERTREQ -> CertReqPayload.read(body);
      case AUTH -> AuthPayload.read(body);
      case NONCE -> NoncePayload.read(body);
      case NOTIFY -> NotifyPayload.read(body);
      case DELETE -> DeletePayload.read(body);
      case VENDOR_ID -> VendorIdPayload.read(body);
      case TSI -> TsPayload.read(Role.INITIATOR, body);
      case TSR -> TsPayload.read(Role.RESPONDER, body);
      case SK -> EncryptedPayload.read(next, body);
      case CP -> CpPayload.read(body);
      case EAP -> EapPayload.read(body);
      case SKF -> EncryptedFragmentPayload.read(next, body);
      case NONE -> throw new IllegalStateException("the chain ends before type 0");
    };
  }
}

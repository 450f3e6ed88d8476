package net.iotgw.gateway.aaa;

import java.nio.charset.StandardCharsets;
import net.iotgw.protocols.eap.EapCodec;
import net.iotgw.protocols.eap.EapPacket;
import net.iotgw.protocols.eap.EapType;
import net.iotgw.protocols.wire.Decoded;

/** Checks on the EAP packets the PAA relays, common to both authenticators. */
final class RelayedEap {

  /**
   * The largest EAP Response relayed. An Access-Request has 4096 octets (RFC 2865 §3); after the
   * header and the other attributes at their largest, about 3200 remain for EAP-Message. A CD's EAP
   * comes in one PANA message over the 1280-octet IPv6 minimum MTU, far below either.
   */
  static final int MAX_LENGTH = 3000;

  /** What the first Relay of a session carries. */
  sealed interface First {
    /** An EAP-Response/Identity: its Identifier and the identity's octets (1..253). */
    record Identity(int identifier, byte[] identity) implements First {}

    /** Anything else: answer with this EAP-Failure and forget the session. */
    record Refused(byte[] eapFailure, String reason) implements First {}
  }

  private RelayedEap() {}

  /**
   * The first Relay must be an EAP-Response/Identity (RFC 3748 §5.1), the identity short enough for
   * User-Name (RFC 2865 §5.1: at least one octet, at most 253).
   */
  static First first(byte[] eap) {
    if (eap.length > MAX_LENGTH) {
      return refused(eap, "EAP response of " + eap.length + " octets");
    }
    if (!(EapCodec.decode(eap) instanceof Decoded.Ok<EapPacket> ok)) {
      return refused(eap, "malformed EAP response");
    }
    if (!(ok.value() instanceof EapPacket.Response r) || r.type() != EapType.IDENTITY.id()) {
      return refused(eap, "the first EAP packet is not an EAP-Response/Identity: " + ok.value());
    }
    byte[] identity = r.typeData();
    if (identity.length < 1 || identity.length > 253) {
      return refused(eap, "EAP identity of " + identity.length + " octets");
    }
    return new First.Identity(r.identifier(), identity);
  }

  /**
   * Whether {@code eap} is a well-formed EAP Response to {@code request}, i.e. carries its
   * Identifier (RFC 3748 §4.1); anything else the authenticator silently discards.
   */
  static boolean answers(byte[] eap, byte[] request) {
    return eap.length <= MAX_LENGTH
        && request.length > 1
        && EapCodec.decode(eap) instanceof Decoded.Ok<EapPacket> ok
        && ok.value() instanceof EapPacket.Response r
        && r.identifier() == (request[1] & 0xff);
  }

  /** The Identifier octet of an EAP packet, 0 if it is too short to have one. */
  static int identifier(byte[] eap) {
    return eap.length > 1 ? eap[1] & 0xff : 0;
  }

  /** RFC 3748 §4.2: Success and Failure carry the Identifier of the Response they answer. */
  static byte[] failure(int identifier) {
    return EapCodec.encode(new EapPacket.Failure(identifier));
  }

  static byte[] success(int identifier) {
    return EapCodec.encode(new EapPacket.Success(identifier));
  }

  /** Whether {@code eap} decodes as an EAP packet of the given class. */
  static boolean is(byte[] eap, Class<? extends EapPacket> kind) {
    return EapCodec.decode(eap) instanceof Decoded.Ok<EapPacket> ok && kind.isInstance(ok.value());
  }

  /** An identity fit for a log line: UTF-8, control characters escaped, at most 64 characters. */
  static String printable(byte[] identity) {
    String s = new String(identity, StandardCharsets.UTF_8);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < 64; i++) {
      char ch = s.charAt(i);
      if (Character.isISOControl(ch)) {
        b.append(String.format("\\x%02x", (int) ch));
      } else {
        b.append(ch);
      }
    }
    return s.length() > 64 ? b + "..." : b.toString();
  }

  private static First refused(byte[] eap, String reason) {
    return new First.Refused(failure(identifier(eap)), reason);
  }
}

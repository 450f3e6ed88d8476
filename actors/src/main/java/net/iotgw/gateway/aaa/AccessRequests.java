package net.iotgw.gateway.aaa;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.radius.AttributeType;
import net.iotgw.protocols.radius.Attributes;
import net.iotgw.protocols.radius.EapMessages;
import net.iotgw.protocols.radius.RadiusAttribute;
import net.iotgw.protocols.radius.RadiusCode;
import net.iotgw.protocols.radius.RadiusPacket;
import net.iotgw.protocols.wire.WireWriter;

/**
 * The Access-Request that carries one EAP Response (RFC 3579 §3, RFC 2865 §5): the identity from
 * the session's EAP-Response/Identity as User-Name (§2.1), the State of the last Access-Challenge
 * echoed (RFC 2865 §5.24), the EAP packet split over EAP-Message attributes, and the attributes
 * that describe the NAS and the CD. The caller signs it (Message-Authenticator, RFC 3579 §3.2).
 */
final class AccessRequests {

  /** NAS-Port-Type Virtual (RFC 2865 §5.41): the CD reaches us over PANA, not a physical port. */
  static final long NAS_PORT_TYPE_VIRTUAL = 5;

  /**
   * Framed-MTU (RFC 3579 §2.2): an EAP packet must fit one PANA message (RFC 5191 §6.2 header, an
   * EAP-Payload AVP header, room for Nonce/AUTH/Key-Id AVPs) in a UDP datagram over the 1280-octet
   * IPv6 minimum MTU that 6LoWPAN guarantees (RFC 4944 §4).
   */
  static final long FRAMED_MTU = 1280 - 40 - 8 - 16 - 8 - 64;

  private AccessRequests() {}

  static RadiusPacket build(
      int identifier,
      byte[] authenticator,
      byte[] userName,
      Optional<byte[]> state,
      long eui64,
      byte[] eap,
      String nasIdentifier) {
    List<RadiusAttribute> attributes = new ArrayList<>();
    attributes.add(new RadiusAttribute(AttributeType.USER_NAME, userName));
    attributes.add(Attributes.nasIdentifier(nasIdentifier));
    attributes.add(
        new RadiusAttribute(
            AttributeType.NAS_PORT_TYPE,
            new WireWriter(4).u32(NAS_PORT_TYPE_VIRTUAL).toByteArray()));
    attributes.add(Attributes.callingStationId(Eui64Text.hyphens(eui64)));
    attributes.add(Attributes.framedMtu(FRAMED_MTU));
    state.ifPresent(s -> attributes.add(Attributes.state(s)));
    attributes.addAll(EapMessages.split(eap));
    return new RadiusPacket(RadiusCode.ACCESS_REQUEST, identifier, authenticator, attributes);
  }
}

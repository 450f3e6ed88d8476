package net.iotgw.protocols.radius;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import net.iotgw.protocols.wire.WireWriter;

/**
 * Builders and readers for the standard attributes a NAS relaying EAP sends (RFC 2865 §5, RFC
 * 3162 §2.1, RFC 3579 §3). Readers return empty for an absent or ill-sized attribute.
 */
public final class Attributes {

  private Attributes() {}

  public static RadiusAttribute userName(String name) {
    return text(AttributeType.USER_NAME, name);
  }

  public static RadiusAttribute nasIdentifier(String id) {
    return text(AttributeType.NAS_IDENTIFIER, id);
  }

  public static RadiusAttribute calledStationId(String id) {
    return text(AttributeType.CALLED_STATION_ID, id);
  }

  public static RadiusAttribute callingStationId(String id) {
    return text(AttributeType.CALLING_STATION_ID, id);
  }

  /** NAS-IP-Address: four octets (RFC 2865 §5.4). */
  public static RadiusAttribute nasIpAddress(byte[] ipv4) {
    if (ipv4.length != 4) {
      throw new IllegalArgumentException("NAS-IP-Address needs 4 bytes");
    }
    return new RadiusAttribute(AttributeType.NAS_IP_ADDRESS, ipv4);
  }

  /** NAS-IPv6-Address: sixteen octets (RFC 3162 §2.1). */
  public static RadiusAttribute nasIpv6Address(byte[] ipv6) {
    if (ipv6.length != 16) {
      throw new IllegalArgumentException("NAS-IPv6-Address needs 16 bytes");
    }
    return new RadiusAttribute(AttributeType.NAS_IPV6_ADDRESS, ipv6);
  }

  /** Framed-MTU: the largest EAP packet the peer's link carries (RFC 3579 §2.2). */
  public static RadiusAttribute framedMtu(long mtu) {
    return new RadiusAttribute(AttributeType.FRAMED_MTU, new WireWriter(4).u32(mtu).toByteArray());
  }

  /** State is opaque: echoed unchanged in the next Access-Request (RFC 2865 §5.24). */
  public static RadiusAttribute state(byte[] opaque) {
    return new RadiusAttribute(AttributeType.STATE, opaque);
  }

  public static Optional<String> text(RadiusPacket p, int type) {
    return p.first(type).map(a -> new String(a.value(), StandardCharsets.UTF_8));
  }

  public static Optional<byte[]> state(RadiusPacket p) {
    return p.first(AttributeType.STATE).map(RadiusAttribute::value);
  }

  public static Optional<Long> u32(RadiusPacket p, int type) {
    return p.first(type)
        .map(RadiusAttribute::value)
        .filter(v -> v.length == 4)
        .map(
            v ->
                ((long) (v[0] & 0xff) << 24)
                    | ((v[1] & 0xff) << 16)
                    | ((v[2] & 0xff) << 8)
                    | (v[3] & 0xff));
  }

  private static RadiusAttribute text(int type, String s) {
    return new RadiusAttribute(type, s.getBytes(StandardCharsets.UTF_8));
  }
}

package net.iotgw.protocols.ike.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import net.iotgw.protocols.ike.codec.IdPayload;
import net.iotgw.protocols.ike.codec.IdType;
import net.iotgw.protocols.ike.codec.Role;

/**
 * An IKE identity as an ID payload carries it (RFC 7296 §3.5): the ID Type number and the
 * Identification Data, compared by content. Unknown type numbers are kept; they simply never match
 * a configured identity.
 *
 * @param type an {@link IdType} number
 * @param data the Identification Data
 */
public record Identity(int type, byte[] data) {

  public Identity {
    if (type < 0 || type > 0xff) {
      throw new IllegalArgumentException("ID type " + type);
    }
    data = data.clone();
  }

  /** ID_RFC822_ADDR, e.g. {@code cd1@example.org} (what strongSwan sends for {@code id = a@b}). */
  public static Identity rfc822(String address) {
    return new Identity(IdType.ID_RFC822_ADDR.id(), address.getBytes(StandardCharsets.US_ASCII));
  }

  public static Identity fqdn(String name) {
    return new Identity(IdType.ID_FQDN.id(), name.getBytes(StandardCharsets.US_ASCII));
  }

  /** ID_IPV6_ADDR: exactly 16 bytes. */
  public static Identity ipv6(byte[] address) {
    if (address.length != 16) {
      throw new IllegalArgumentException("an IPv6 address is 16 bytes");
    }
    return new Identity(IdType.ID_IPV6_ADDR.id(), address);
  }

  /** ID_DER_ASN1_DN: the DER encoding of an X.500 distinguished name. */
  public static Identity derDn(byte[] der) {
    return new Identity(IdType.ID_DER_ASN1_DN.id(), der);
  }

  /** The identity an ID payload carries. */
  public static Identity of(IdPayload id) {
    return new Identity(id.idType(), id.data());
  }

  /** IDi or IDr naming this identity. */
  public IdPayload toPayload(Role role) {
    return new IdPayload(role, type, data);
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Identity i && type == i.type && Arrays.equals(data, i.data);
  }

  @Override
  public int hashCode() {
    return 31 * type + Arrays.hashCode(data);
  }

  /** Text types as text, others in hex: identities are not secret and belong in logs. */
  @Override
  public String toString() {
    boolean text = type == IdType.ID_RFC822_ADDR.id() || type == IdType.ID_FQDN.id();
    String name = IdType.of(type).map(Enum::name).orElse("type " + type);
    return name
        + ":"
        + (text ? new String(data, StandardCharsets.US_ASCII) : HexFormat.of().formatHex(data));
  }
}

package net.iotgw.protocols.ike.codec;

import java.util.Arrays;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * Identification payload, IDi or IDr (RFC 7296 §3.5). {@link #encodeBody()} gives the
 * RestOfInitIDPayload / RestOfRespIDPayload that AUTH signs (§2.15).
 *
 * @param role IDi (35) or IDr (36)
 * @param idType an {@link IdType} number
 * @param data the identity, its format given by {@code idType}
 */
public record IdPayload(Role role, int idType, byte[] data) implements Payload {

  public IdPayload {
    if (role == null) {
      throw new NullPointerException("role");
    }
    FieldRange.u8(idType, "ID type");
    String problem = addressLengthProblem(idType, data.length);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public int type() {
    return role == Role.INITIATOR ? PayloadType.IDI.id() : PayloadType.IDR.id();
  }

  @Override
  public void writeBody(WireWriter out) {
    out.u8(idType).u24(0).bytes(data);
  }

  static IdPayload read(Role role, WireReader body) throws Malformed {
    int idType = body.u8("ID type");
    body.u24("ID reserved");
    byte[] data = body.rest();
    String problem = addressLengthProblem(idType, data.length);
    if (problem != null) {
      throw Slice.syntax(body, problem);
    }
    return new IdPayload(role, idType, data);
  }

  /** RFC 7296 §3.5: an address ID is exactly one address. */
  private static String addressLengthProblem(int idType, int length) {
    if (idType == IdType.ID_IPV4_ADDR.id() && length != 4) {
      return "ID_IPV4_ADDR of " + length + " bytes";
    }
    if (idType == IdType.ID_IPV6_ADDR.id() && length != 16) {
      return "ID_IPV6_ADDR of " + length + " bytes";
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdPayload p
        && role == p.role
        && idType == p.idType
        && Arrays.equals(data, p.data);
  }

  @Override
  public int hashCode() {
    return (role.hashCode() * 31 + idType) * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return (role == Role.INITIATOR ? "IDi" : "IDr")
        + "[type="
        + idType
        + ", "
        + Octets.brief(data)
        + "]";
  }
}

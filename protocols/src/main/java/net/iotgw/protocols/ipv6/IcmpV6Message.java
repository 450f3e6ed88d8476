package net.iotgw.protocols.ipv6;

import java.util.Arrays;

/**
 * An ICMPv6 message (RFC 4443 §2.1) without its checksum, which {@link IcmpV6Codec} derives.
 *
 * <pre>
 *   Type (8) | Code (8) | Checksum (16) | body
 * </pre>
 *
 * @param type 0..255, see {@link IcmpV6Type}
 * @param code 0..255
 * @param body the octets after the checksum; not copied, callers must not change it
 */
public record IcmpV6Message(int type, int code, byte[] body) {
  public static final int HEADER_LENGTH = 4;
  public static final int PROTOCOL = 58;

  public IcmpV6Message {
    if (type < 0 || type > 0xff || code < 0 || code > 0xff) {
      throw new IllegalArgumentException("type and code are 0..255");
    }
    if (body.length > 0xffff - HEADER_LENGTH) {
      throw new IllegalArgumentException("ICMPv6 body of " + body.length + " octets");
    }
  }

  public IcmpV6Message(IcmpV6Type type, int code, byte[] body) {
    this(type.id(), code, body);
  }

  public boolean isError() {
    return IcmpV6Type.isError(type);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IcmpV6Message m
        && m.type == type
        && m.code == code
        && Arrays.equals(m.body, body);
  }

  @Override
  public int hashCode() {
    return (type * 31 + code) * 31 + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "IcmpV6[type " + type + ", code " + code + ", " + body.length + " octets]";
  }
}

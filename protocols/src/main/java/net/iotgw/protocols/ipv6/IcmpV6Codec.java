package net.iotgw.protocols.ipv6;

import java.util.Arrays;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.DecodeError.Kind;
import net.iotgw.protocols.wire.Decoded;

/** ICMPv6 messages with their checksum over the IPv6 pseudo-header (RFC 4443 §2.3). */
public final class IcmpV6Codec {
  private IcmpV6Codec() {}

  /**
   * The ICMPv6 message an unfragmented packet carries.
   *
   * @return {@code INVALID_SYNTAX} if it is not ICMPv6, {@code UNSUPPORTED} for a fragment, else as
   *     {@link #decode(Ipv6Address, Ipv6Address, byte[])}
   */
  public static Decoded<IcmpV6Message> decode(Ipv6Packet packet) {
    if (packet.protocol() != IcmpV6Message.PROTOCOL) {
      return failed(
          Kind.INVALID_SYNTAX,
          0,
          "protocol " + packet.protocol() + ", not ICMPv6",
          packet.protocol());
    }
    if (packet.fragmentHeader().isPresent()) {
      return failed(Kind.UNSUPPORTED, 0, "ICMPv6 in a fragment", -1);
    }
    return decode(packet.source(), packet.destination(), packet.payload());
  }

  /**
   * Decodes and verifies one message.
   *
   * @return the message, or {@code TRUNCATED} under 4 octets, {@code AUTHENTICATION_FAILED} for a
   *     wrong checksum (code: the checksum received)
   */
  public static Decoded<IcmpV6Message> decode(
      Ipv6Address source, Ipv6Address destination, byte[] message) {
    if (message.length < IcmpV6Message.HEADER_LENGTH) {
      return failed(Kind.TRUNCATED, message.length, "ICMPv6 header needs 4 octets", -1);
    }
    if (Checksums.ipv6UpperLayer(source, destination, IcmpV6Message.PROTOCOL, message) != 0) {
      return failed(
          Kind.AUTHENTICATION_FAILED, 2, "ICMPv6 checksum mismatch", UdpCodec.u16(message, 2));
    }
    return Decoded.ok(
        new IcmpV6Message(
            message[0] & 0xff,
            message[1] & 0xff,
            Arrays.copyOfRange(message, IcmpV6Message.HEADER_LENGTH, message.length)));
  }

  public static byte[] encode(Ipv6Address source, Ipv6Address destination, IcmpV6Message m) {
    byte[] out = new byte[IcmpV6Message.HEADER_LENGTH + m.body().length];
    out[0] = (byte) m.type();
    out[1] = (byte) m.code();
    System.arraycopy(m.body(), 0, out, IcmpV6Message.HEADER_LENGTH, m.body().length);
    UdpCodec.put16(
        out, 2, Checksums.ipv6UpperLayer(source, destination, IcmpV6Message.PROTOCOL, out));
    return out;
  }

  private static <T> Decoded<T> failed(Kind kind, int offset, String detail, int code) {
    return Decoded.failed(new DecodeError(kind, offset, detail, code));
  }
}

package net.iotgw.protocols.ipv6;

import java.util.Arrays;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.DecodeError.Kind;
import net.iotgw.protocols.wire.Decoded;

/**
 * UDP over IPv6 (RFC 768; RFC 8200 §8.1): the checksum covers the IPv6 pseudo-header and is
 * mandatory, a zero checksum being invalid (the RFC 6935 tunnel exception does not apply here).
 *
 * <pre>
 *   Source Port (16) | Destination Port (16) | Length (16) | Checksum (16) | data
 * </pre>
 */
public final class UdpCodec {
  private UdpCodec() {}

  /**
   * The UDP datagram an unfragmented packet carries.
   *
   * @return {@code INVALID_SYNTAX} if the packet is not UDP, {@code UNSUPPORTED} if it is a
   *     fragment (its checksum covers the reassembled datagram), else as {@link
   *     #decode(Ipv6Address, Ipv6Address, byte[])}
   */
  public static Decoded<UdpDatagram> decode(Ipv6Packet packet) {
    if (packet.protocol() != UdpDatagram.PROTOCOL) {
      return failed(
          Kind.INVALID_SYNTAX, 0, "protocol " + packet.protocol() + ", not UDP", packet.protocol());
    }
    if (packet.fragmentHeader().isPresent()) {
      return failed(Kind.UNSUPPORTED, 0, "UDP in a fragment", -1);
    }
    return decode(packet.source(), packet.destination(), packet.payload());
  }

  /**
   * Decodes and verifies a UDP segment (header and data) under its pseudo-header.
   *
   * @return the datagram, or {@code TRUNCATED} / {@code BAD_LENGTH} when the Length field and the
   *     segment disagree, {@code INVALID_SYNTAX} for a zero checksum, {@code AUTHENTICATION_FAILED}
   *     for a wrong one (code: the checksum received)
   */
  public static Decoded<UdpDatagram> decode(
      Ipv6Address source, Ipv6Address destination, byte[] segment) {
    if (segment.length < UdpDatagram.HEADER_LENGTH) {
      return failed(Kind.TRUNCATED, segment.length, "UDP header needs 8 octets", -1);
    }
    int length = u16(segment, 4);
    if (length < UdpDatagram.HEADER_LENGTH || length < segment.length) {
      return failed(
          Kind.BAD_LENGTH, 4, "UDP length " + length + " in " + segment.length + " octets", length);
    }
    if (length > segment.length) {
      return failed(
          Kind.TRUNCATED, segment.length, "UDP length " + length + " beyond the packet", length);
    }
    int checksum = u16(segment, 6);
    if (checksum == 0) {
      return failed(Kind.INVALID_SYNTAX, 6, "zero UDP checksum over IPv6 (RFC 8200 §8.1)", 0);
    }
    if (Checksums.ipv6UpperLayer(source, destination, UdpDatagram.PROTOCOL, segment) != 0) {
      return failed(Kind.AUTHENTICATION_FAILED, 6, "UDP checksum mismatch", checksum);
    }
    return Decoded.ok(
        new UdpDatagram(
            u16(segment, 0),
            u16(segment, 2),
            Arrays.copyOfRange(segment, UdpDatagram.HEADER_LENGTH, segment.length)));
  }

  /** The UDP segment for {@code d}, its checksum computed (0 sent as 0xffff, RFC 768). */
  public static byte[] encode(Ipv6Address source, Ipv6Address destination, UdpDatagram d) {
    int length = UdpDatagram.HEADER_LENGTH + d.payload().length;
    byte[] segment = new byte[length];
    put16(segment, 0, d.sourcePort());
    put16(segment, 2, d.destinationPort());
    put16(segment, 4, length);
    System.arraycopy(d.payload(), 0, segment, UdpDatagram.HEADER_LENGTH, d.payload().length);
    put16(segment, 6, Checksums.udp(source, destination, segment, 0, length));
    return segment;
  }

  static int u16(byte[] b, int off) {
    return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
  }

  static void put16(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 8);
    b[off + 1] = (byte) v;
  }

  private static <T> Decoded<T> failed(Kind kind, int offset, String detail, int code) {
    return Decoded.failed(new DecodeError(kind, offset, detail, code));
  }
}

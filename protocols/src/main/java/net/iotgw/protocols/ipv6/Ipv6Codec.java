package net.iotgw.protocols.ipv6;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.DecodeError.Kind;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * Decodes and encodes IPv6 packets (RFC 8200 §3, §4): the fixed header, then the extension header
 * chain walked to the upper-layer protocol. Each header's length is checked against what is left
 * before anything is copied, so a hostile Payload Length or Hdr Ext Len can only produce a {@link
 * Decoded.Failed}.
 *
 * <pre>
 *   Version (4) | Traffic Class (8) | Flow Label (20)
 *   Payload Length (16) | Next Header (8) | Hop Limit (8)
 *   Source Address (128) | Destination Address (128)
 * </pre>
 */
public final class Ipv6Codec {
  private Ipv6Codec() {}

  /**
   * Decodes one packet as read from a TUN device: the buffer holds exactly the packet.
   *
   * @return the packet, or {@code TRUNCATED} (shorter than its lengths say), {@code BAD_LENGTH}
   *     (octets beyond the Payload Length), {@code INVALID_SYNTAX} (version other than 6, code: the
   *     version; a Hop-by-Hop Options header after the first position)
   */
  public static Decoded<Ipv6Packet> decode(byte[] packet) {
    try {
      return Decoded.ok(read(new WireReader(packet)));
    } catch (Malformed m) {
      return Decoded.failed(m.error());
    }
  }

  private static Ipv6Packet read(WireReader r) throws Malformed {
    long first = r.u32("version, traffic class, flow label");
    int version = (int) (first >>> 28);
    if (version != 6) {
      throw new Malformed(
          new DecodeError(Kind.INVALID_SYNTAX, 0, "IP version " + version, version));
    }
    int payloadLength = r.u16("payload length");
    int nextHeader = r.u8("next header");
    int hopLimit = r.u8("hop limit");
    Ipv6Address src = Ipv6Address.fromBytes(r.bytes(16, "source address"), 0);
    Ipv6Address dst = Ipv6Address.fromBytes(r.bytes(16, "destination address"), 0);
    if (r.remaining() > payloadLength) {
      throw new Malformed(
          Kind.BAD_LENGTH,
          Ipv6Packet.HEADER_LENGTH + payloadLength,
          (r.remaining() - payloadLength) + " octets beyond the payload length");
    }
    WireReader body = r.slice(payloadLength, "payload");
    List<ExtensionHeader> headers = new ArrayList<>();
    Optional<ExtensionHeaderType> type;
    while ((type = ExtensionHeaderType.of(nextHeader)).isPresent()) {
      int at = Ipv6Packet.HEADER_LENGTH + body.position();
      if (type.get() == ExtensionHeaderType.HOP_BY_HOP_OPTIONS && !headers.isEmpty()) {
        throw new Malformed(Kind.INVALID_SYNTAX, at, "Hop-by-Hop Options header not first");
      }
      nextHeader = body.u8("extension header next header");
      int length = ExtensionHeader.lengthFrom(type.get(), body.u8("extension header length"));
      headers.add(new ExtensionHeader(type.get(), body.bytes(length - 2, type.get() + " header")));
    }
    return new Ipv6Packet(
        (int) (first >>> 20) & 0xff,
        (int) first & 0xfffff,
        hopLimit,
        src,
        dst,
        headers,
        nextHeader,
        body.rest());
  }

  public static byte[] encode(Ipv6Packet p) {
    WireWriter out = new WireWriter(p.length());
    out.u32(6L << 28 | (long) p.trafficClass() << 20 | p.flowLabel());
    out.u16(p.payloadLength());
    out.u8(p.nextHeader());
    out.u8(p.hopLimit());
    out.bytes(p.source().bytes());
    out.bytes(p.destination().bytes());
    List<ExtensionHeader> headers = p.extensionHeaders();
    for (int i = 0; i < headers.size(); i++) {
      ExtensionHeader h = headers.get(i);
      out.u8(i + 1 < headers.size() ? headers.get(i + 1).type().id() : p.protocol());
      out.u8(h.lengthOctet());
      out.bytes(h.data());
    }
    out.bytes(p.payload());
    return out.toByteArray();
  }
}

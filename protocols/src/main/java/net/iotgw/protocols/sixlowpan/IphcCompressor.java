package net.iotgw.protocols.sixlowpan;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import net.iotgw.protocols.ipv6.UdpDatagram;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireWriter;

/**
 * Compresses an IPv6 packet into a 6LoWPAN datagram with the shortest IPHC header RFC 6282 allows
 * (§3) for the frame's link-layer addresses and the context table, UDP included (§4.3). Lossless:
 * {@link IphcDecompressor#decompress} with the same addresses and table gives the packet back, byte
 * for byte.
 *
 * <p>The packet comes from the unconstrained network, so it is checked like any untrusted input: a
 * packet that is not IPv6 or whose payload length disagrees with its size is refused.
 */
public final class IphcCompressor {
  private IphcCompressor() {}

  /**
   * @param packet a whole IPv6 packet
   * @param source the link-layer source of the frame(s) that will carry it
   * @param destination the link-layer destination of the frame(s)
   * @return the 6LoWPAN datagram: IPHC dispatch and header, then the rest of the packet
   */
  public static Decoded<byte[]> compress(
      byte[] packet, LinkAddress source, LinkAddress destination, ContextTable contexts) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(contexts, "contexts");
    try {
      checkIpv6(packet);
    } catch (Malformed m) {
      return Decoded.failed(m.error());
    }
    int tc = ((packet[0] & 0x0f) << 4) | ((packet[1] & 0xff) >>> 4);
    int fl = ((packet[1] & 0x0f) << 16) | ((packet[2] & 0xff) << 8) | (packet[3] & 0xff);
    int payloadLength = packet.length - IphcHeader.IPV6_HEADER;
    int nextHeader = packet[6] & 0xff;
    int hopLimit = packet[7] & 0xff;
    byte[] src = Arrays.copyOfRange(packet, 8, 24);
    byte[] dst = Arrays.copyOfRange(packet, 24, 40);

    UdpNhc udp = null;
    int rest = IphcHeader.IPV6_HEADER;
    // The NHC elides the UDP length, so it may only be used when that length is the one the
    // decompressor will infer; otherwise the UDP header travels in-line, unchanged.
    if (nextHeader == UdpDatagram.PROTOCOL
        && payloadLength >= IphcHeader.UDP_HEADER
        && u16(packet, 44) == payloadLength) {
      udp = new UdpNhc(u16(packet, 40), u16(packet, 42), u16(packet, 46), false);
      rest += IphcHeader.UDP_HEADER;
    }

    AddressField[] pair = cheapestPair(
        Addresses.sourceChoices(src, source, contexts),
        Addresses.destinationChoices(dst, destination, contexts));
    IphcHeader h = new IphcHeader(tc, fl, nextHeader, hopLimit, pair[0], pair[1], udp);
    WireWriter w = new WireWriter(packet.length);
    h.write(w);
    w.bytes(packet, rest, packet.length - rest);
    return Decoded.ok(w.toByteArray());
  }

  /**
   * The source and destination encodings with the fewest bytes in all, counting the context
   * identifier extension that a context other than 0 on either side costs (RFC 6282 §3.1.1, CID).
   */
  private static AddressField[] cheapestPair(List<AddressField> srcs, List<AddressField> dsts) {
    AddressField[] best = null;
    int bestCost = Integer.MAX_VALUE;
    for (AddressField s : srcs) {
      for (AddressField d : dsts) {
        boolean cid =
            (s.usesContext() && s.contextId() != 0) || (d.usesContext() && d.contextId() != 0);
        int cost = s.inline().length + d.inline().length + (cid ? 1 : 0);
        if (cost < bestCost) {
          best = new AddressField[] {s, d};
          bestCost = cost;
        }
      }
    }
    return best;
  }

  private static void checkIpv6(byte[] packet) throws Malformed {
    if (packet.length < IphcHeader.IPV6_HEADER) {
      throw new Malformed(DecodeError.Kind.TRUNCATED, 0,
          "IPv6 header needs 40 bytes, " + packet.length + " given");
    }
    if ((packet[0] & 0xf0) != 0x60) {
      throw new Malformed(DecodeError.Kind.INVALID_SYNTAX, 0,
          "IPv6 version " + ((packet[0] & 0xff) >>> 4));
    }
    int payloadLength = u16(packet, 4);
    if (payloadLength != packet.length - IphcHeader.IPV6_HEADER) {
      // Also refuses jumbograms (payload length 0, RFC 2675): no 6LoWPAN link carries them.
      throw new Malformed(DecodeError.Kind.BAD_LENGTH, 4,
          "IPv6 payload length " + payloadLength + " in a packet of " + packet.length);
    }
  }

  private static int u16(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }
}

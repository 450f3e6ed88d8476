package net.iotgw.protocols.sixlowpan;

import net.iotgw.protocols.ipv6.Checksums;
import net.iotgw.protocols.ipv6.Ipv6Address;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * Turns an unfragmented or reassembled 6LoWPAN datagram into the IPv6 packet it carries: the IPHC
 * header of RFC 6282 in every encoding, with UDP next header compression, or the uncompressed
 * IPv6 dispatch of RFC 4944 §5.1. Total: hostile input gives {@link Decoded.Failed}.
 */
public final class IphcDecompressor {
  /** RFC 4944 §5.1: an uncompressed IPv6 header follows. */
  public static final int IPV6_DISPATCH = 0x41;

  private IphcDecompressor() {}

  /**
   * @param datagram the frame payload after any fragmentation header, or a reassembled datagram
   * @param source the link-layer source of the frame(s), for IIDs the header elides
   * @param destination the link-layer destination of the frame(s)
   * @return the IPv6 packet, its payload length and any elided UDP length and checksum filled in
   */
  public static Decoded<byte[]> decompress(
      byte[] datagram, LinkAddress source, LinkAddress destination, ContextTable contexts) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(contexts, "contexts");
    try {
      if (datagram.length == 0) {
        throw new Malformed(DecodeError.Kind.TRUNCATED, 0, "empty 6LoWPAN datagram");
      }
      int dispatch = datagram[0] & 0xff;
      if (dispatch == IPV6_DISPATCH) {
        return Decoded.ok(uncompressed(datagram));
      }
      if ((dispatch & IphcHeader.DISPATCH_MASK) != IphcHeader.DISPATCH) {
        throw unsupportedDispatch(dispatch);
      }
      WireReader r = new WireReader(datagram);
      IphcHeader h = IphcHeader.read(r);
      byte[] src = Addresses.expand(h.source(), context(h.source(), contexts, 1), source);
      byte[] dst =
          Addresses.expand(h.destination(), context(h.destination(), contexts, 2), destination);
      int payloadLength = h.uncompressedLength() - IphcHeader.IPV6_HEADER + r.remaining();
      if (payloadLength > 0xffff) {
        throw new Malformed(DecodeError.Kind.BAD_LENGTH, r.position(), "payload over 65535");
      }
      WireWriter w = new WireWriter(IphcHeader.IPV6_HEADER + payloadLength);
      w.u32((6L << 28) | ((long) h.trafficClass() << 20) | h.flowLabel());
      w.u16(payloadLength).u8(h.nextHeader()).u8(h.hopLimit()).bytes(src).bytes(dst);
      if (h.udp() != null) {
        UdpNhc u = h.udp();
        w.u16(u.sourcePort()).u16(u.destinationPort()).u16(payloadLength).u16(u.checksum());
      }
      w.bytes(datagram, r.position(), r.remaining());
      byte[] packet = w.toByteArray();
      if (h.udp() != null && h.udp().checksumElided()) {
        int sum = elidedUdpChecksum(src, dst, packet, payloadLength);
        packet[IphcHeader.IPV6_HEADER + 6] = (byte) (sum >>> 8);
        packet[IphcHeader.IPV6_HEADER + 7] = (byte) sum;
      }
      return Decoded.ok(packet);
    } catch (Malformed m) {
      return Decoded.failed(m.error());
    }
  }

  /**
   * RFC 6282 §4.3.2: the checksum the sender elided, over the pseudo-header and the rebuilt UDP
   * header (its checksum field still zero) and data; 0 is sent as 0xffff (RFC 768).
   */
  private static int elidedUdpChecksum(byte[] src, byte[] dst, byte[] packet, int udpLength) {
    return Checksums.udp(
        Ipv6Address.fromBytes(src),
        Ipv6Address.fromBytes(dst),
        packet,
        IphcHeader.IPV6_HEADER,
        udpLength);
  }

  /**
   * The sizes of the header at the start of {@code buf[off, off + len)}, compressed and not; the
   * whole header must be there, as RFC 6282 §2 requires of a first fragment.
   */
  public static Decoded<HeaderSizes> measure(byte[] buf, int off, int len) {
    try {
      if (len == 0) {
        throw new Malformed(DecodeError.Kind.TRUNCATED, 0, "empty 6LoWPAN datagram");
      }
      int dispatch = buf[off] & 0xff;
      if (dispatch == IPV6_DISPATCH) {
        return Decoded.ok(new HeaderSizes(1, 0));
      }
      if ((dispatch & IphcHeader.DISPATCH_MASK) != IphcHeader.DISPATCH) {
        throw unsupportedDispatch(dispatch);
      }
      WireReader r = new WireReader(buf, off, len);
      IphcHeader h = IphcHeader.read(r);
      return Decoded.ok(new HeaderSizes(r.position(), h.uncompressedLength()));
    } catch (Malformed m) {
      return Decoded.failed(m.error());
    }
  }

  private static Context context(AddressField f, ContextTable contexts, int which)
      throws Malformed {
    if (!f.usesContext()) {
      return null;
    }
    Optional<Context> c = contexts.get(f.contextId());
    if (c.isEmpty()) {
      // RFC 6282 §3.1.2 / RFC 6775 §7.2: a header naming an unknown context is dropped.
      throw new Malformed(new DecodeError(DecodeError.Kind.INVALID_SYNTAX, 1,
          (which == 1 ? "source" : "destination") + " names an unknown context", f.contextId()));
    }
    if (f.multicast() && c.get().prefixLength() > 64) {
      throw new Malformed(new DecodeError(DecodeError.Kind.INVALID_SYNTAX, 1,
          "multicast names a context longer than 64 bits", f.contextId()));
    }
    return c.get();
  }

  private static byte[] uncompressed(byte[] datagram) throws Malformed {
    WireReader r = new WireReader(datagram, 1, datagram.length - 1);
    int first = r.u8("IPv6 version");
    if ((first >>> 4) != 6) {
      throw new Malformed(DecodeError.Kind.INVALID_SYNTAX, 1, "IPv6 version " + (first >>> 4));
    }
    r.skip(3, "IPv6 header");
    int payloadLength = r.u16("IPv6 payload length");
    r.skip(IphcHeader.IPV6_HEADER - 6, "IPv6 header");
    if (r.remaining() != payloadLength) {
      throw new Malformed(DecodeError.Kind.BAD_LENGTH, 5,
          "IPv6 payload length " + payloadLength + ", " + r.remaining() + " bytes follow");
    }
    return Arrays.copyOfRange(datagram, 1, datagram.length);
  }

  private static Malformed unsupportedDispatch(int dispatch) {
    // Mesh, broadcast, HC1, NALP and paging dispatches: valid 6LoWPAN this single-hop border
    // router does not take (RFC 4944 §5.1, RFC 8025); fragments go to the Reassembler first.
    return new Malformed(new DecodeError(
        DecodeError.Kind.UNSUPPORTED, 0, "6LoWPAN dispatch not decompressed here", dispatch));
  }
}

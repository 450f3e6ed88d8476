package net.iotgw.protocols.sixlowpan;

import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.UdpDatagram;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * An IPHC header as it is on the wire (RFC 6282 §3.1), before the context table and link-layer
 * addresses give its addresses their meaning: the IPv6 fields it encodes and, when the next header
 * is compressed, the UDP NHC that follows.
 *
 * <p>{@link #write} picks the shortest TF, HLIM and port forms the values allow; {@link #read}
 * accepts every form.
 *
 * @param trafficClass the IPv6 Traffic Class octet (DSCP in the high six bits, ECN in the low two)
 * @param flowLabel 20 bits
 * @param nextHeader the IPv6 Next Header; 17 when {@code udp} is present
 * @param udp the compressed UDP header, or null when the next header is carried in-line
 */
record IphcHeader(
    int trafficClass,
    int flowLabel,
    int nextHeader,
    int hopLimit,
    AddressField source,
    AddressField destination,
    UdpNhc udp) {

  static final int DISPATCH_MASK = 0xe0;
  static final int DISPATCH = 0x60;
  static final int IPV6_HEADER = Ipv6Packet.HEADER_LENGTH;
  static final int UDP_HEADER = UdpDatagram.HEADER_LENGTH;

  /** Bytes of uncompressed IPv6 (and UDP) header this header stands for. */
  int uncompressedLength() {
    return IPV6_HEADER + (udp != null ? UDP_HEADER : 0);
  }

  void write(WireWriter w) {
    int ecn = trafficClass & 3;
    int dscp = trafficClass >>> 2;
    int tf;
    if (flowLabel == 0) {
      tf = trafficClass == 0 ? 3 : 2;
    } else {
      tf = dscp == 0 ? 1 : 0;
    }
    int hlim = switch (hopLimit) {
      case 1 -> 1;
      case 64 -> 2;
      case 255 -> 3;
      default -> 0;
    };
    boolean cid =
        (source.usesContext() && source.contextId() != 0)
            || (destination.usesContext() && destination.contextId() != 0);
    w.u8(DISPATCH | (tf << 3) | (udp != null ? 4 : 0) | hlim);
    w.u8((cid ? 0x80 : 0)
        | (source.contextBased() ? 0x40 : 0)
        | (source.mode() << 4)
        | (destination.multicast() ? 0x08 : 0)
        | (destination.contextBased() ? 0x04 : 0)
        | destination.mode());
    if (cid) {
      int sci = source.usesContext() ? source.contextId() : 0;
      int dci = destination.usesContext() ? destination.contextId() : 0;
      w.u8((sci << 4) | dci);
    }
    // RFC 6282 §3.2.1: the in-line fields put ECN before DSCP.
    switch (tf) {
      case 0 -> w.u8((ecn << 6) | dscp).u24(flowLabel);
      case 1 -> w.u24((ecn << 22) | flowLabel);
      case 2 -> w.u8((ecn << 6) | dscp);
      default -> { }
    }
    if (udp == null) {
      w.u8(nextHeader);
    }
    if (hlim == 0) {
      w.u8(hopLimit);
    }
    w.bytes(source.inline()).bytes(destination.inline());
    if (udp != null) {
      udp.write(w);
    }
  }

  static IphcHeader read(WireReader r) throws Malformed {
    int at = r.position();
    int b0 = r.u8("IPHC");
    int b1 = r.u8("IPHC");
    if ((b0 & DISPATCH_MASK) != DISPATCH) {
      throw new Malformed(DecodeError.Kind.INVALID_SYNTAX, at, "not an IPHC dispatch: " + b0);
    }
    int sci = 0;
    int dci = 0;
    if ((b1 & 0x80) != 0) {
      int ids = r.u8("IPHC context identifier extension");
      sci = ids >>> 4;
      dci = ids & 0xf;
    }
    int tc = 0;
    int fl = 0;
    switch ((b0 >>> 3) & 3) {
      case 0 -> {
        int v = r.u8("IPHC traffic class");
        tc = swapEcnDscp(v);
        fl = r.u24("IPHC flow label") & 0xfffff;
      }
      case 1 -> {
        int v = r.u24("IPHC flow label");
        tc = v >>> 22;
        fl = v & 0xfffff;
      }
      case 2 -> tc = swapEcnDscp(r.u8("IPHC traffic class"));
      default -> { }
    }
    boolean nhc = (b0 & 4) != 0;
    int nextHeader = nhc ? 0 : r.u8("IPHC next header");
    int hopLimit = switch (b0 & 3) {
      case 0 -> r.u8("IPHC hop limit");
      case 1 -> 1;
      case 2 -> 64;
      default -> 255;
    };
    AddressField src = readAddress(r, (b1 & 0x40) != 0, false, (b1 >>> 4) & 3, sci, true);
    AddressField dst = readAddress(r, (b1 & 0x04) != 0, (b1 & 0x08) != 0, b1 & 3, dci, false);
    UdpNhc udp = null;
    if (nhc) {
      udp = UdpNhc.read(r);
      nextHeader = UdpDatagram.PROTOCOL;
    }
    return new IphcHeader(tc, fl, nextHeader, hopLimit, src, dst, udp);
  }

  private static int swapEcnDscp(int v) {
    return ((v & 0x3f) << 2) | (v >>> 6);
  }

  private static AddressField readAddress(
      WireReader r, boolean ctx, boolean multicast, int mode, int id, boolean source)
      throws Malformed {
    int at = r.position();
    int n = AddressField.inlineLength(ctx, multicast, mode, source);
    if (n == AddressField.RESERVED) {
      throw new Malformed(DecodeError.Kind.INVALID_SYNTAX, at,
          "reserved destination address mode M=" + (multicast ? 1 : 0) + " DAC=1 DAM=" + mode);
    }
    byte[] inline = r.bytes(n, source ? "IPHC source address" : "IPHC destination address");
    return new AddressField(ctx, multicast, mode, ctx ? id : 0, inline);
  }
}

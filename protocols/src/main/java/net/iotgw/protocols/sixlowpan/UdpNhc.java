package net.iotgw.protocols.sixlowpan;

import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * The UDP header as IPHC's next header compression carries it (RFC 6282 §4.3): {@code 11110CPP},
 * the ports in one of four forms, the checksum unless C is set. The length is always elided: it
 * follows from the IPv6 payload length.
 *
 * @param checksumElided C; the compressor never sets it (RFC 6282 §4.3.2 allows it only when an
 *     upper layer authorizes it, which no layer here does), the decompressor then recomputes the
 *     checksum
 */
record UdpNhc(int sourcePort, int destinationPort, int checksum, boolean checksumElided) {
  static final int ID_MASK = 0xf8;
  static final int ID = 0xf0;
  private static final int C = 0x04;

  /** The ports' form: 0xF0Bx for both in 4 bits each, else 0xF0xx for one in 8 bits. */
  void write(WireWriter w) {
    int c = checksumElided ? C : 0;
    if ((sourcePort & 0xfff0) == 0xf0b0 && (destinationPort & 0xfff0) == 0xf0b0) {
      w.u8(ID | c | 3).u8(((sourcePort & 0xf) << 4) | (destinationPort & 0xf));
    } else if ((destinationPort & 0xff00) == 0xf000) {
      w.u8(ID | c | 1).u16(sourcePort).u8(destinationPort & 0xff);
    } else if ((sourcePort & 0xff00) == 0xf000) {
      w.u8(ID | c | 2).u8(sourcePort & 0xff).u16(destinationPort);
    } else {
      w.u8(ID | c).u16(sourcePort).u16(destinationPort);
    }
    if (!checksumElided) {
      w.u16(checksum);
    }
  }

  static UdpNhc read(WireReader r) throws Malformed {
    int at = r.position();
    int b = r.u8("UDP NHC");
    if ((b & ID_MASK) != ID) {
      // RFC 6282 §4.2's extension header NHC and anything else: a valid encoding this gateway
      // does not decompress, since its CDs send UDP and ICMPv6 only.
      throw new Malformed(new DecodeError(
          DecodeError.Kind.UNSUPPORTED, at, "next header compression other than UDP", b));
    }
    int src;
    int dst;
    switch (b & 3) {
      case 0 -> {
        src = r.u16("UDP source port");
        dst = r.u16("UDP destination port");
      }
      case 1 -> {
        src = r.u16("UDP source port");
        dst = 0xf000 | r.u8("UDP destination port");
      }
      case 2 -> {
        src = 0xf000 | r.u8("UDP source port");
        dst = r.u16("UDP destination port");
      }
      default -> {
        int ports = r.u8("UDP ports");
        src = 0xf0b0 | (ports >>> 4);
        dst = 0xf0b0 | (ports & 0xf);
      }
    }
    boolean elided = (b & C) != 0;
    int checksum = elided ? 0 : r.u16("UDP checksum");
    return new UdpNhc(src, dst, checksum, elided);
  }
}

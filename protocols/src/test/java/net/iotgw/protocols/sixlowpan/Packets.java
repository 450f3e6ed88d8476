package net.iotgw.protocols.sixlowpan;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/** IPv6 packets and addresses for the tests, built field by field. */
final class Packets {
  static final LinkAddress.Extended NODE_A = LinkAddress.extended(0x00124b0001020304L);
  static final LinkAddress.Extended NODE_B = LinkAddress.extended(0x00124b0005060708L);
  static final LinkAddress.Short SHORT_1 = LinkAddress.shortAddress(0xabcd, 0x0001);
  static final LinkAddress.Short SHORT_2 = LinkAddress.shortAddress(0xabcd, 0x0002);

  private Packets() {}

  /** An IPv6 address literal; never a name lookup, since it is a literal. */
  static byte[] addr(String literal) {
    try {
      byte[] a = InetAddress.getByName(literal).getAddress();
      if (a.length != 16) {
        throw new IllegalArgumentException(literal);
      }
      return a;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }

  static byte[] hex(String h) {
    return HexFormat.of().parseHex(h.replaceAll("[\\s:]", ""));
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  static byte[] ipv6(
      int trafficClass, int flowLabel, int nextHeader, int hopLimit, byte[] src, byte[] dst,
      byte[] payload) {
    byte[] p = new byte[40 + payload.length];
    int first = (6 << 28) | (trafficClass << 20) | flowLabel;
    p[0] = (byte) (first >>> 24);
    p[1] = (byte) (first >>> 16);
    p[2] = (byte) (first >>> 8);
    p[3] = (byte) first;
    p[4] = (byte) (payload.length >>> 8);
    p[5] = (byte) payload.length;
    p[6] = (byte) nextHeader;
    p[7] = (byte) hopLimit;
    System.arraycopy(src, 0, p, 8, 16);
    System.arraycopy(dst, 0, p, 24, 16);
    System.arraycopy(payload, 0, p, 40, payload.length);
    return p;
  }

  /** A UDP header (length from the data) with the given checksum field, then the data. */
  static byte[] udp(int srcPort, int dstPort, int checksum, byte[] data) {
    byte[] u = new byte[8 + data.length];
    u[0] = (byte) (srcPort >>> 8);
    u[1] = (byte) srcPort;
    u[2] = (byte) (dstPort >>> 8);
    u[3] = (byte) dstPort;
    u[4] = (byte) (u.length >>> 8);
    u[5] = (byte) u.length;
    u[6] = (byte) (checksum >>> 8);
    u[7] = (byte) checksum;
    System.arraycopy(data, 0, u, 8, data.length);
    return u;
  }

  /** An ICMPv6 echo request (RFC 4443 §4.1) with a checksum field left as given. */
  static byte[] echoRequest(int checksum, int id, int seq, byte[] data) {
    byte[] m = new byte[8 + data.length];
    m[0] = (byte) 128;
    m[2] = (byte) (checksum >>> 8);
    m[3] = (byte) checksum;
    m[4] = (byte) (id >>> 8);
    m[5] = (byte) id;
    m[6] = (byte) (seq >>> 8);
    m[7] = (byte) seq;
    System.arraycopy(data, 0, m, 8, data.length);
    return m;
  }
}

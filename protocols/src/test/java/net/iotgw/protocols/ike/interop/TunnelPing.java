package net.iotgw.protocols.ike.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The inner packet of a tunnel-mode ESP payload in the strongSwan captures: an IPv6 packet (RFC
 * 8200 §3) carrying an ICMPv6 echo request or reply (RFC 4443 §4). Read by hand, field by field,
 * because it is the oracle for what our ESP code decrypted; the ICMPv6 checksum over the
 * pseudo-header (RFC 8200 §8.1) proves every byte.
 *
 * @param source IPv6 source address, 16 bytes
 * @param destination IPv6 destination address, 16 bytes
 * @param type 128 echo request, 129 echo reply
 * @param identifier echo Identifier
 * @param sequence echo Sequence Number
 * @param data echo Data
 */
record TunnelPing(
    byte[] source, byte[] destination, int type, int identifier, int sequence, byte[] data) {

  static final int ECHO_REQUEST = 128;
  static final int ECHO_REPLY = 129;

  private static final int IPV6_HEADER = 40;
  private static final int NEXT_HEADER_ICMPV6 = 58;
  private static final int ICMPV6_ECHO_HEADER = 8;

  /** Parses and checks an inner packet; any deviation is an assertion failure. */
  static TunnelPing parse(byte[] packet) {
    ByteBuffer b = ByteBuffer.wrap(packet);
    assertEquals(6, (b.get(0) & 0xf0) >>> 4, "inner IP version");
    int payloadLength = b.getShort(4) & 0xffff;
    assertEquals(packet.length, IPV6_HEADER + payloadLength, "IPv6 Payload Length");
    assertEquals(NEXT_HEADER_ICMPV6, b.get(6) & 0xff, "IPv6 Next Header: ICMPv6 directly");
    byte[] source = Arrays.copyOfRange(packet, 8, 24);
    byte[] destination = Arrays.copyOfRange(packet, 24, 40);
    byte[] icmp = Arrays.copyOfRange(packet, IPV6_HEADER, packet.length);
    assertEquals(0, checksum(source, destination, icmp), "ICMPv6 checksum (RFC 4443 §2.3)");
    ByteBuffer m = ByteBuffer.wrap(icmp);
    int type = m.get(0) & 0xff;
    assertEquals(0, m.get(1), "echo Code");
    return new TunnelPing(
        source,
        destination,
        type,
        m.getShort(4) & 0xffff,
        m.getShort(6) & 0xffff,
        Arrays.copyOfRange(icmp, ICMPV6_ECHO_HEADER, icmp.length));
  }

  /** The one's-complement sum over pseudo-header and message; 0 when the checksum is right. */
  private static int checksum(byte[] source, byte[] destination, byte[] icmp) {
    ByteBuffer pseudo = ByteBuffer.allocate(40 + icmp.length + 1);
    pseudo.put(source).put(destination).putInt(icmp.length).put(new byte[3]);
    pseudo.put((byte) NEXT_HEADER_ICMPV6).put(icmp);
    long sum = 0;
    byte[] all = pseudo.array();
    for (int i = 0; i + 1 < 40 + icmp.length + 1; i += 2) {
      sum += ((all[i] & 0xff) << 8) | (all[i + 1] & 0xff);
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) (~sum & 0xffff);
  }

  @Override
  public String toString() {
    return "TunnelPing[type=" + type + ", id=" + identifier + ", seq=" + sequence + ", "
        + data.length + " data bytes]";
  }
}

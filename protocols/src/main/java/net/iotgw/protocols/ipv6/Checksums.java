package net.iotgw.protocols.ipv6;

/**
 * The Internet checksum (RFC 1071) as IPv6 upper layers use it: the 16-bit one's complement of the
 * one's complement sum over the IPv6 pseudo-header (RFC 8200 §8.1: source, destination, upper-layer
 * packet length, zeros, next header) and the upper-layer packet. UDP and ICMPv6 both go through
 * {@link #ipv6UpperLayer}.
 */
public final class Checksums {
  private Checksums() {}

  /**
   * The one's complement sum of 16-bit words of {@code data[off..off+len)}, added to {@code
   * partial} and folded to 16 bits (not complemented). An odd last octet is padded with zero.
   */
  public static int sum(int partial, byte[] data, int off, int len) {
    long acc = partial;
    int end = off + len;
    int i = off;
    for (; i + 1 < end; i += 2) {
      acc += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
    }
    if (i < end) {
      acc += (data[i] & 0xff) << 8;
    }
    return fold(acc);
  }

  /** RFC 1071: the complement of the folded sum, the value a checksum field carries. */
  public static int internetChecksum(byte[] data, int off, int len) {
    return ~sum(0, data, off, len) & 0xffff;
  }

  /**
   * The folded (not complemented) sum of the IPv6 pseudo-header of RFC 8200 §8.1. Linux stores
   * exactly this in the checksum field of packets whose checksum it leaves to the NIC.
   *
   * @param upperLayerLength the upper-layer packet length (UDP length, ICMPv6 message length)
   * @param nextHeader the upper-layer protocol number (17, 58), not that of an extension header
   */
  public static int ipv6PseudoHeader(
      Ipv6Address source, Ipv6Address destination, long upperLayerLength, int nextHeader) {
    long acc = halfSum(source.high()) + halfSum(source.low());
    acc += halfSum(destination.high()) + halfSum(destination.low());
    acc += (upperLayerLength >>> 16) + (upperLayerLength & 0xffff) + nextHeader;
    return fold(acc);
  }

  /**
   * The checksum of {@code segment} under its pseudo-header. With the segment's checksum field
   * zeroed this is the value to send; over a received segment it is 0 exactly when the checksum it
   * carries is right.
   */
  public static int ipv6UpperLayer(
      Ipv6Address source, Ipv6Address destination, int nextHeader, byte[] segment) {
    int pseudo = ipv6PseudoHeader(source, destination, segment.length, nextHeader);
    return ~sum(pseudo, segment, 0, segment.length) & 0xffff;
  }

  /**
   * The value a UDP header's checksum field carries for the {@code len}-octet segment at {@code
   * data[off..]} whose checksum field is zero: {@link #ipv6UpperLayer}'s checksum, except that 0 is
   * sent as 0xffff (RFC 768), 0 meaning "no checksum", which IPv6 forbids (RFC 8200 §8.1).
   */
  public static int udp(
      Ipv6Address source, Ipv6Address destination, byte[] data, int off, int len) {
    int pseudo = ipv6PseudoHeader(source, destination, len, UdpDatagram.PROTOCOL);
    int checksum = ~sum(pseudo, data, off, len) & 0xffff;
    return checksum == 0 ? 0xffff : checksum;
  }

  private static long halfSum(long v) {
    return (v >>> 48) + ((v >>> 32) & 0xffff) + ((v >>> 16) & 0xffff) + (v & 0xffff);
  }

  private static int fold(long acc) {
    while ((acc >>> 16) != 0) {
      acc = (acc & 0xffff) + (acc >>> 16);
    }
    return (int) acc;
  }
}

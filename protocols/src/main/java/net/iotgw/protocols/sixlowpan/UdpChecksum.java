package net.iotgw.protocols.sixlowpan;

/**
 * The UDP checksum over the IPv6 pseudo-header (RFC 8200 §8.1), for the UDP header whose checksum
 * IPHC elided (RFC 6282 §4.3.2). Package-private: the ipv6 package owns the general helper.
 */
final class UdpChecksum {
  private UdpChecksum() {}

  /**
   * @param udp a UDP header and its data at {@code off}, {@code len} bytes; its checksum field is
   *     read as zero whatever it holds
   * @return the checksum to put in the header: never 0, which means "none" (RFC 768), hence 0xffff
   */
  static int compute(byte[] source, byte[] destination, byte[] udp, int off, int len) {
    long sum = 0;
    for (int i = 0; i < 16; i += 2) {
      sum += word(source, i) + word(destination, i);
    }
    sum += (len >>> 16) + (len & 0xffff) + 17;
    for (int i = 0; i + 1 < len; i += 2) {
      if (i != 6) {
        sum += word(udp, off + i);
      }
    }
    if ((len & 1) != 0) {
      sum += (udp[off + len - 1] & 0xff) << 8;
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    int result = (int) (~sum & 0xffff);
    return result == 0 ? 0xffff : result;
  }

  private static int word(byte[] b, int i) {
    return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
  }
}

package net.iotgw.streams.ucn;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Hand-made IPv6 packets for tests: ICMPv6 echo request and reply (RFC 4443 §4.1, §4.2) with the
 * checksum over the pseudo-header of RFC 8200 §8.1. Written here rather than taken from
 * protocols/ipv6 so the port and tap tests stand on their own.
 */
public final class TestPackets {
  public static final int ICMPV6 = 58;
  public static final int ECHO_REQUEST = 128;
  public static final int ECHO_REPLY = 129;

  private TestPackets() {}

  public static byte[] address(String literal) {
    try {
      return InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }

  /** An IPv6 packet carrying an ICMPv6 echo message with a correct checksum. */
  public static byte[] echo(
      int type, byte[] source, byte[] destination, int identifier, int sequence, byte[] data) {
    ByteBuffer icmp = ByteBuffer.allocate(8 + data.length);
    icmp.put((byte) type).put((byte) 0).putShort((short) 0);
    icmp.putShort((short) identifier).putShort((short) sequence).put(data);
    return ipv6(ICMPV6, 64, source, destination, withChecksum(icmp.array(), source, destination));
  }

  /** The echo reply a host at the request's destination would send back. */
  public static byte[] replyTo(byte[] request) {
    byte[] source = Arrays.copyOfRange(request, 24, 40);
    byte[] destination = Arrays.copyOfRange(request, 8, 24);
    byte[] icmp = Arrays.copyOfRange(request, 40, request.length);
    icmp[0] = (byte) ECHO_REPLY;
    icmp[2] = 0;
    icmp[3] = 0;
    return ipv6(ICMPV6, 64, source, destination, withChecksum(icmp, source, destination));
  }

  /** True for an ICMPv6 echo request (no extension headers) to {@code destination}. */
  public static boolean isEchoRequestTo(byte[] packet, byte[] destination) {
    return packet.length >= 48
        && (packet[0] & 0xf0) == 0x60
        && packet[6] == ICMPV6
        && (packet[40] & 0xff) == ECHO_REQUEST
        && Arrays.equals(packet, 24, 40, destination, 0, 16);
  }

  public static byte[] ipv6(
      int nextHeader, int hopLimit, byte[] source, byte[] destination, byte[] payload) {
    ByteBuffer p = ByteBuffer.allocate(40 + payload.length);
    p.putInt(0x6000_0000).putShort((short) payload.length);
    p.put((byte) nextHeader).put((byte) hopLimit).put(source).put(destination).put(payload);
    return p.array();
  }

  private static byte[] withChecksum(byte[] icmp, byte[] source, byte[] destination) {
    long sum = 0;
    ByteBuffer pseudo = ByteBuffer.allocate(40);
    pseudo.put(source).put(destination).putInt(icmp.length).putInt(ICMPV6);
    sum = add(sum, pseudo.array());
    sum = add(sum, icmp);
    while ((sum >> 16) != 0) {
      sum = (sum & 0xffff) + (sum >> 16);
    }
    int checksum = (int) (~sum & 0xffff);
    byte[] out = icmp.clone();
    out[2] = (byte) (checksum >> 8);
    out[3] = (byte) checksum;
    return out;
  }

  private static long add(long sum, byte[] bytes) {
    for (int i = 0; i < bytes.length; i += 2) {
      int hi = bytes[i] & 0xff;
      int lo = i + 1 < bytes.length ? bytes[i + 1] & 0xff : 0;
      sum += (hi << 8) | lo;
    }
    return sum;
  }
}

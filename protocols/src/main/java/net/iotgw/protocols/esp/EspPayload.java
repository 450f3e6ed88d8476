package net.iotgw.protocols.esp;

/**
 * What ESP protects: the Payload Data and the Next Header value that says what it is (RFC 4303
 * §2.3, §2.6). Tunnel or transport mode is a property of this payload, not of the ESP packet
 * format: a tunnel-mode payload is a whole inner IP packet (Next Header 4 or 41), a
 * transport-mode payload is an upper-layer segment (17 UDP, 58 ICMPv6, ...).
 *
 * <p>The array is not copied (the data plane hands packets along without copying them); callers
 * must not change it afterwards.
 *
 * @param nextHeader the IANA protocol number, 0..255
 * @param data the payload bytes
 */
public record EspPayload(int nextHeader, byte[] data) {

  public EspPayload {
    if (nextHeader < 0 || nextHeader > 255) {
      throw new IllegalArgumentException("next header must be 0..255, got " + nextHeader);
    }
  }

  /** Which mode a payload belongs to, as far as its Next Header tells. */
  public enum Mode {
    /** An inner IPv4 or IPv6 packet (RFC 4301 §4.1 tunnel mode). */
    TUNNEL,
    /** An upper-layer protocol directly (RFC 4301 §4.1 transport mode). */
    TRANSPORT,
    /** Next Header 59: a traffic-flow-confidentiality dummy that the receiver discards (§2.6). */
    DUMMY
  }

  /**
   * A tunnel-mode payload: the Next Header follows the inner packet's IP version nibble.
   *
   * @throws IllegalArgumentException if {@code innerPacket} is not an IPv4 or IPv6 packet
   */
  public static EspPayload tunnel(byte[] innerPacket) {
    if (innerPacket.length == 0) {
      throw new IllegalArgumentException("empty inner packet");
    }
    return switch ((innerPacket[0] & 0xf0) >>> 4) {
      case 4 -> new EspPayload(NextHeader.IPV4.id(), innerPacket);
      case 6 -> new EspPayload(NextHeader.IPV6.id(), innerPacket);
      default -> throw new IllegalArgumentException("inner packet is neither IPv4 nor IPv6");
    };
  }

  /** A transport-mode payload: {@code protocol}'s header and data, e.g. a UDP datagram. */
  public static EspPayload transport(NextHeader protocol, byte[] segment) {
    if (protocol == NextHeader.IPV4 || protocol == NextHeader.IPV6) {
      throw new IllegalArgumentException(protocol + " is a tunnel-mode payload");
    }
    return new EspPayload(protocol.id(), segment);
  }

  /** A dummy packet of {@code length} zero bytes (RFC 4303 §2.6); receivers drop it. */
  public static EspPayload dummy(int length) {
    return new EspPayload(NextHeader.NO_NEXT_HEADER.id(), new byte[length]);
  }

  public Mode mode() {
    if (nextHeader == NextHeader.IPV4.id() || nextHeader == NextHeader.IPV6.id()) {
      return Mode.TUNNEL;
    }
    return nextHeader == NextHeader.NO_NEXT_HEADER.id() ? Mode.DUMMY : Mode.TRANSPORT;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EspPayload p
        && p.nextHeader == nextHeader
        && java.util.Arrays.equals(p.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * nextHeader + java.util.Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "EspPayload[nextHeader=" + nextHeader + ", " + data.length + " bytes]";
  }
}

package net.iotgw.protocols.ipv6;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An IPv6 packet (RFC 8200 §3) with its extension headers walked: the fixed header's fields, the
 * extension headers in order, and what follows them. The Next Header chain, the first Next Header
 * and the Payload Length are derived, so they cannot disagree with the contents.
 *
 * @param trafficClass 0..255 (DSCP and ECN)
 * @param flowLabel 0..0xfffff
 * @param hopLimit 0..255
 * @param source source address
 * @param destination destination address
 * @param extensionHeaders in packet order; a Hop-by-Hop Options header only first (§4.1)
 * @param protocol the Next Header value after the last extension header: the upper-layer protocol
 *     (17 UDP, 58 ICMPv6, 50 ESP, 59 no next header); for a non-first fragment, that of the
 *     fragmented packet, whose header is in another fragment
 * @param payload the octets after the last extension header; not copied, callers must not change it
 */
public record Ipv6Packet(
    int trafficClass,
    int flowLabel,
    int hopLimit,
    Ipv6Address source,
    Ipv6Address destination,
    List<ExtensionHeader> extensionHeaders,
    int protocol,
    byte[] payload) {

  public static final int HEADER_LENGTH = 40;

  /** Without a Jumbo Payload option (RFC 2675), which no link here needs. */
  public static final int MAX_PAYLOAD_LENGTH = 0xffff;

  /** RFC 8200 §5: the MTU every IPv6 link must carry. */
  public static final int MINIMUM_MTU = 1280;

  public Ipv6Packet {
    extensionHeaders = List.copyOf(extensionHeaders);
    check(trafficClass >= 0 && trafficClass <= 0xff, "traffic class 0..255");
    check(flowLabel >= 0 && flowLabel <= 0xfffff, "flow label 0..0xfffff");
    check(hopLimit >= 0 && hopLimit <= 0xff, "hop limit 0..255");
    check(protocol >= 0 && protocol <= 0xff, "protocol 0..255");
    check(
        ExtensionHeaderType.of(protocol).isEmpty(),
        "protocol " + protocol + " is an extension header");
    for (int i = 1; i < extensionHeaders.size(); i++) {
      check(
          extensionHeaders.get(i).type() != ExtensionHeaderType.HOP_BY_HOP_OPTIONS,
          "Hop-by-Hop Options header not first (RFC 8200 §4.1)");
    }
    int length = payload.length;
    for (ExtensionHeader h : extensionHeaders) {
      length += h.length();
    }
    check(length <= MAX_PAYLOAD_LENGTH, "payload of " + length + " octets");
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException("invalid IPv6 packet: " + what);
    }
  }

  /** A packet without extension headers. */
  public static Ipv6Packet of(
      Ipv6Address source, Ipv6Address destination, int protocol, int hopLimit, byte[] payload) {
    return new Ipv6Packet(0, 0, hopLimit, source, destination, List.of(), protocol, payload);
  }

  /** The Next Header field of the fixed header. */
  public int nextHeader() {
    return extensionHeaders.isEmpty() ? protocol : extensionHeaders.get(0).type().id();
  }

  /** The Payload Length field: extension headers and payload. */
  public int payloadLength() {
    int length = payload.length;
    for (ExtensionHeader h : extensionHeaders) {
      length += h.length();
    }
    return length;
  }

  /** Octets of the whole packet. */
  public int length() {
    return HEADER_LENGTH + payloadLength();
  }

  /** The Fragment header, if this packet is a fragment (RFC 8200 §4.5). */
  public Optional<FragmentHeader> fragmentHeader() {
    for (ExtensionHeader h : extensionHeaders) {
      if (h.type() == ExtensionHeaderType.FRAGMENT) {
        return FragmentHeader.of(h);
      }
    }
    return Optional.empty();
  }

  /** This packet with another flow label (RFC 6437 lets each source choose its own). */
  public Ipv6Packet withFlowLabel(int label) {
    return new Ipv6Packet(
        trafficClass, label, hopLimit, source, destination, extensionHeaders, protocol, payload);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ipv6Packet p
        && p.trafficClass == trafficClass
        && p.flowLabel == flowLabel
        && p.hopLimit == hopLimit
        && p.protocol == protocol
        && p.source.equals(source)
        && p.destination.equals(destination)
        && p.extensionHeaders.equals(extensionHeaders)
        && Arrays.equals(p.payload, payload);
  }

  @Override
  public int hashCode() {
    return ((source.hashCode() * 31 + destination.hashCode()) * 31 + protocol) * 31
        + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "Ipv6Packet["
        + source
        + " -> "
        + destination
        + ", hop limit "
        + hopLimit
        + (extensionHeaders.isEmpty() ? "" : ", " + extensionHeaders)
        + ", protocol "
        + protocol
        + ", "
        + payload.length
        + " octets]";
  }
}

package net.iotgw.streams.lowpan;

/**
 * Why the adaptation dropped something. Hostile or unwanted input never fails the stream: it is
 * counted here under one of these and dropped.
 */
public enum LowpanDrop {
  // Inbound, per PSDU or frame.
  /** The FCS did not match (802.15.4-2015 §7.2.10). */
  BAD_FCS,
  /** Not a decodable 802.15.4 frame: over 127 octets, truncated, reserved values. */
  MALFORMED_FRAME,
  /** For another PAN or another node (third-level filtering, 802.15.4-2006 §7.5.6.2). */
  NOT_FOR_US,
  /** Cannot carry 6LoWPAN: not a data frame, no source or destination address, empty payload. */
  NOT_LOWPAN_FRAME,
  /** Security Enabled, and no link-security layer in the stack cleared it. */
  SECURED_FRAME,
  /** A FRAG1/FRAGN header that does not decode or lies outside its datagram (RFC 4944 §5.3). */
  MALFORMED_FRAGMENT,
  /** A fragment already held: a retransmission. */
  DUPLICATE_FRAGMENT,
  /** A fragment that overlapped another one: the datagram held so far was discarded. */
  FRAGMENT_OVERLAP,
  /** A fragment beyond maxReassemblies or maxReassemblyBytes. */
  REASSEMBLY_LIMIT,
  /** A datagram whose fragments did not all come within the reassembly timeout. */
  REASSEMBLY_TIMEOUT,
  /** A datagram that does not decompress: bad IPHC, unknown context, unsupported dispatch. */
  MALFORMED_DATAGRAM,

  // Outbound, per IPv6 packet.
  /** Not an IPv6 packet whose payload length matches its size. */
  NOT_IPV6,
  /** Larger than the 1280-byte link MTU (RFC 4944 §4); the router answers Packet Too Big. */
  OVER_MTU,
  /** The {@link LinkResolver} has no link address for the destination. */
  NO_LINK_ADDRESS,
}

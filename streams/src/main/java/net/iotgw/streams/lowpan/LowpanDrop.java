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
  /** Security Enabled while link security is off ({@link EnforcementMode#OPEN}). */
  SECURED_FRAME,

  // Inbound, link security (802.15.4-2006 §7.5.8.2.3 names in brackets).
  /** A secured frame from a source without an installed key, or not an extended address. */
  UNKNOWN_DEVICE,
  /** A secured frame at another security level, or in a form refused (level 4, TSCH). */
  IMPROPER_SECURITY_LEVEL,
  /** A frame counter not above the highest accepted from its sender under its key, or 2^32-1. */
  REPLAYED,
  /** The MIC did not verify: a wrong key, a changed bit, a forged sender [SECURITY_ERROR]. */
  BAD_MIC,
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

  // Inbound, per IPv6 packet: the enforcement point's admission rule (contract-netentry).
  /** Not PANA, and not every frame of it was secured and verified. */
  UNSECURED_DATA,
  /** A link-local or CD-prefix source whose IID is not that of the frame's link source. */
  SOURCE_MISMATCH,

  // Outbound, per IPv6 packet.
  /** Not an IPv6 packet whose payload length matches its size. */
  NOT_IPV6,
  /** Larger than the 1280-byte link MTU (RFC 4944 §4); the router answers Packet Too Big. */
  OVER_MTU,
  /** The {@link LinkResolver} has no link address for the destination. */
  NO_LINK_ADDRESS,
  /** Not PANA, to a CD without an installed key: it may not go in clear. */
  NOT_ADMITTED,
  /** Not PANA, to the broadcast address: the keys here are per device, none is shared. */
  NO_GROUP_KEY,
  /** The frame counter under the CD's key is spent: the key must be replaced (new PANA key). */
  COUNTER_EXHAUSTED,
}

package net.iotgw.sim.cd;

/**
 * Why a simulated CD discarded what it heard, layer by layer from the radio up, or withheld what
 * it would have sent (the last two).
 */
public enum DropReason {
  /** The frame check sequence did not match (802.15.4-2015 §7.2.10). */
  BAD_FCS,
  /** Not a decodable 802.15.4 frame, or a data frame without a source address. */
  MALFORMED_FRAME,
  /** A beacon, acknowledgment or MAC command: nothing for 6LoWPAN. */
  NOT_DATA_FRAME,
  /**
   * A secured frame the CD holds no key for: link security comes with network entry (PANA), and
   * a CD without credentials never has one.
   */
  SECURED_FRAME,
  /**
   * A secured frame that did not verify under the CD's key: not from the gateway's extended
   * address, another security level, or a MIC that does not match (802.15.4-2006 §7.5.8.2.3).
   */
  UNVERIFIED_FRAME,
  /** A secured frame whose counter is not above the last one accepted from the gateway. */
  REPLAYED_FRAME,
  /** Addressed to another PAN. */
  OTHER_PAN,
  /** Addressed to another node's extended or short address. */
  OTHER_DESTINATION,
  /** A 6LoWPAN payload that would not decompress or fragment header that would not decode. */
  MALFORMED_6LOWPAN,
  /** A fragment the reassembler refused: a duplicate, or beyond its bounds (RFC 4944 §5.3). */
  FRAGMENT_REFUSED,
  /** A datagram whose fragments did not all arrive within the reassembly timeout. */
  REASSEMBLY_TIMEOUT,
  /** Not a valid IPv6 packet after decompression. */
  MALFORMED_IPV6,
  /** An IPv6 destination that is none of the CD's addresses (multicast included). */
  OTHER_IPV6_DESTINATION,
  /**
   * A datagram other than PANA in unsecured frames, to a CD with credentials: only PANA travels
   * unsecured (network-entry contract).
   */
  UNSECURED_DATA,
  /** A UDP or ICMPv6 checksum that did not verify, or another malformed upper-layer header. */
  BAD_UPPER_LAYER,
  /** Valid but not served here: IPv6 fragments, other protocols, ICMPv6 other than echo. */
  UNSUPPORTED,
  /** A UDP datagram to a closed port; answered with a rate-limited port unreachable. */
  CLOSED_PORT,
  /** A CoAP message that could not be parsed and could not be rejected either. */
  MALFORMED_COAP,
  /** A CoAP acknowledgment, reset or response: the CD is a server with nothing outstanding. */
  UNEXPECTED_COAP,
  /**
   * An offload AVP delivered over PANA that the CD refused: it does not decode ({@code
   * KeyDeliveryCodec}) or names an SA the CD cannot use. The PaC's PNA carries the refusal (a
   * negative acknowledgement, {@code DeliveryRefusalCodec}), so the gateway fails that SA.
   */
  KEY_DELIVERY_REFUSED,
  /**
   * An ESP packet whose SPI names no SA the CD holds: never delivered, removed, or past its
   * lifetime (RFC 4303 §3.4.2). What "lost for lack of keys" counts.
   */
  ESP_NO_SA,
  /** An ESP packet shorter than its header, misaligned, or with bad padding (RFC 4303 §2.4). */
  ESP_MALFORMED,
  /** An ESP sequence number already received or left of the window (RFC 4303 §3.4.3). */
  ESP_REPLAYED,
  /** An ESP packet whose ICV did not verify (RFC 4303 §3.4.4). */
  ESP_AUTHENTICATION_FAILED,
  /** A dummy ESP packet (Next Header 59), discarded as RFC 4303 §2.6 says. */
  ESP_DUMMY,
  /**
   * A packet the SA may not carry: an inner packet outside its traffic selectors, or a tunnel
   * payload on a transport SA and vice versa (RFC 4301 §5.2), either way.
   */
  ESP_POLICY,
  /** Outbound: data other than PANA the CD did not send because it is not admitted (no key). */
  NOT_ADMITTED,
  /** Outbound: data not sent because the key's frame counter would run out (a new key first). */
  COUNTER_EXHAUSTED,
  /** Outbound: a reply not sent because its SA has used every sequence number (RFC 4303 §3.3.3). */
  ESP_SEQUENCE_EXHAUSTED
}

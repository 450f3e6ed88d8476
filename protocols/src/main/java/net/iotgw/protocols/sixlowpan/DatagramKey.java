package net.iotgw.protocols.sixlowpan;

/**
 * What tells the fragments of one datagram from another's (RFC 4944 §5.3): the link-layer sender
 * and receiver, datagram_size and datagram_tag.
 */
public record DatagramKey(
    LinkAddress source, LinkAddress destination, int datagramSize, int tag) {}

package net.iotgw.protocols.sixlowpan;

/**
 * What the header at the start of a 6LoWPAN datagram takes on the link and what it stands for
 * uncompressed. Fragmentation needs both: datagram_size and datagram_offset count uncompressed
 * bytes, while the first fragment carries the compressed header (RFC 4944 §5.3, RFC 6282 §2).
 *
 * @param compressed bytes of dispatch and header in the 6LoWPAN datagram
 * @param uncompressed bytes of IPv6 (and UDP) header they stand for
 */
public record HeaderSizes(int compressed, int uncompressed) {}

package net.iotgw.streams.ucn;

/**
 * What a {@link UcnPort} has carried since it was opened.
 *
 * @param received IPv6 packets from the UCN emitted downstream
 * @param receiveDropped packets from the UCN the port refused: not IPv6, shorter than a header,
 *     larger than the MTU, or (in-memory port) offered while its queue was full. A TUN port does
 *     not read while downstream does not demand, so packets the kernel queued and dropped in the
 *     meantime are not here but in the interface's own counters ({@code ip -s link}, TX dropped)
 * @param sent IPv6 packets handed to the UCN
 * @param sendDropped packets for the UCN the port refused (same rules) or the kernel rejected, or
 *     (in-memory port) that found the host-side queue full
 */
public record UcnCounters(long received, long receiveDropped, long sent, long sendDropped) {}

package net.iotgw.sim.cd;

import java.util.Optional;
import net.iotgw.protocols.ipv6.Ipv6Address;

/**
 * The replies to the last few confirmable requests, so that a retransmission gets the same reply
 * instead of being served twice (RFC 7252 §4.5): keyed by the source endpoint and Message ID, kept
 * for EXCHANGE_LIFETIME (§4.8.2). Bounded at {@value #CAPACITY} entries, the oldest overwritten: a
 * CD's RAM, and a client retransmits within MAX_TRANSMIT_SPAN, long before eight other requests.
 */
final class CoapDuplicates {
  static final int CAPACITY = 8;

  /** EXCHANGE_LIFETIME with the default transmission parameters (RFC 7252 §4.8.2). */
  static final long EXCHANGE_LIFETIME_MILLIS = 247_000;

  private final Ipv6Address[] peers = new Ipv6Address[CAPACITY];
  private final int[] ports = new int[CAPACITY];
  private final int[] messageIds = new int[CAPACITY];
  private final long[] storedAt = new long[CAPACITY];
  private final byte[][] replies = new byte[CAPACITY][];
  private int next;

  /** The reply already sent to this request, if it is a duplicate still within its lifetime. */
  Optional<byte[]> replyTo(Ipv6Address peer, int port, int messageId, long nowMillis) {
    for (int i = 0; i < CAPACITY; i++) {
      if (replies[i] != null
          && messageIds[i] == messageId
          && ports[i] == port
          && peers[i].equals(peer)
          && nowMillis - storedAt[i] < EXCHANGE_LIFETIME_MILLIS) {
        return Optional.of(replies[i]);
      }
    }
    return Optional.empty();
  }

  void remember(Ipv6Address peer, int port, int messageId, long nowMillis, byte[] reply) {
    peers[next] = peer;
    ports[next] = port;
    messageIds[next] = messageId;
    storedAt[next] = nowMillis;
    replies[next] = reply;
    next = (next + 1) % CAPACITY;
  }
}

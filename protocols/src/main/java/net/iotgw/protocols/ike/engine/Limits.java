package net.iotgw.protocols.ike.engine;

/**
 * The bounds an IKE SA lives within. Every wait has an end, and every buffer a size.
 *
 * @param retransmit our requests' retransmission schedule
 * @param halfOpenMillis how long a responder waits for IKE_AUTH after IKE_SA_INIT (strongSwan: 30
 *     s)
 * @param keyDeliveryMillis how long the engine waits for the owner's {@code KeysDelivered} before it
 *     gives up as on {@code KeyDeliveryFailed}
 * @param ikeSaLifetimeMillis hard lifetime of the IKE SA (rekeying is a later exchange's job)
 * @param childSaLifetimeMillis hard lifetime of a CHILD_SA, told to the CD with its keys
 * @param maxMessageBytes the largest IKE message sent whole (without IP, UDP and the non-ESP
 *     marker); larger protected messages are fragmented when the peer supports it (RFC 7383)
 * @param maxFragments the most fragments a peer's message may announce
 * @param maxReassemblyBytes the most plaintext held while reassembling one message
 * @param maxInitRetries how many INVALID_KE_PAYLOAD or COOKIE rounds an initiator accepts
 */
public record Limits(
    RetransmitPolicy retransmit,
    long halfOpenMillis,
    long keyDeliveryMillis,
    long ikeSaLifetimeMillis,
    long childSaLifetimeMillis,
    int maxMessageBytes,
    int maxFragments,
    int maxReassemblyBytes,
    int maxInitRetries) {

  /**
   * IPv6 minimum MTU 1280 less IPv6 (40), UDP (8) and non-ESP marker (4): what strongSwan's default
   * {@code fragment_size = 1280} leaves for the IKE message.
   */
  public static final int IPV6_MIN_MTU_MESSAGE = 1280 - 40 - 8 - 4;

  public static final Limits DEFAULT =
      new Limits(
          RetransmitPolicy.STRONGSWAN,
          30_000,
          30_000,
          4 * 3_600_000L,
          3_600_000L,
          IPV6_MIN_MTU_MESSAGE,
          32,
          64 * 1024,
          5);

  public Limits {
    if (retransmit == null
        || halfOpenMillis <= 0
        || keyDeliveryMillis <= 0
        || ikeSaLifetimeMillis <= 0
        || childSaLifetimeMillis <= 0
        || maxMessageBytes < 256
        || maxFragments < 1
        || maxReassemblyBytes < 0
        || maxInitRetries < 0) {
      throw new IllegalArgumentException("limits out of range");
    }
  }

  public Limits withRetransmit(RetransmitPolicy policy) {
    return new Limits(
        policy, halfOpenMillis, keyDeliveryMillis, ikeSaLifetimeMillis, childSaLifetimeMillis,
        maxMessageBytes, maxFragments, maxReassemblyBytes, maxInitRetries);
  }

  public Limits withMaxMessageBytes(int bytes) {
    return new Limits(
        retransmit, halfOpenMillis, keyDeliveryMillis, ikeSaLifetimeMillis, childSaLifetimeMillis,
        bytes, maxFragments, maxReassemblyBytes, maxInitRetries);
  }
}

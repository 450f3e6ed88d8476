package net.iotgw.protocols.ike.engine;

/**
 * The bounds an IKE SA lives within. Every wait has an end, and every buffer a size.
 *
 * @param retransmit our requests' retransmission schedule
 * @param halfOpenMillis how long a responder waits for IKE_AUTH after IKE_SA_INIT (strongSwan: 30
 *     s)
 * @param keyDeliveryMillis how long the engine waits for the owner's {@code KeysDelivered} before it
 *     gives up as on {@code KeyDeliveryFailed}
 * @param ikeSaLifetimeMillis hard lifetime of the IKE SA: it is deleted then
 * @param childSaLifetimeMillis hard lifetime of a CHILD_SA, told to the CD with its keys: it is
 *     deleted then
 * @param maxMessageBytes the largest IKE message sent whole (without IP, UDP and the non-ESP
 *     marker); larger protected messages are fragmented when the peer supports it (RFC 7383)
 * @param maxFragments the most fragments a peer's message may announce
 * @param maxReassemblyBytes the most plaintext held while reassembling one message
 * @param maxInitRetries how many INVALID_KE_PAYLOAD or COOKIE rounds an initiator accepts
 * @param ikeSaRekeyMillis soft lifetime of the IKE SA: it is rekeyed then (RFC 7296 §2.8), less a
 *     jitter
 * @param childSaRekeyMillis soft lifetime of a CHILD_SA: it is rekeyed then, less a jitter
 * @param rekeyJitterMillis the most a soft lifetime is shortened, drawn anew for each SA, so that
 *     the two peers rarely rekey at once (strongSwan's {@code rand_time})
 * @param rekeyedIkeSaMillis how long an IKE SA rekeyed by the peer waits for the peer's Delete
 *     before it is dropped (strongSwan: 90 s)
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
    int maxInitRetries,
    long ikeSaRekeyMillis,
    long childSaRekeyMillis,
    long rekeyJitterMillis,
    long rekeyedIkeSaMillis) {

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
          5,
          12_960_000L,
          3_240_000L,
          180_000,
          90_000);

  public Limits {
    if (retransmit == null
        || halfOpenMillis <= 0
        || keyDeliveryMillis <= 0
        || ikeSaLifetimeMillis <= 0
        || childSaLifetimeMillis <= 0
        || maxMessageBytes < 256
        || maxFragments < 1
        || maxReassemblyBytes < 0
        || maxInitRetries < 0
        || ikeSaRekeyMillis <= 0
        || ikeSaRekeyMillis >= ikeSaLifetimeMillis
        || childSaRekeyMillis <= 0
        || childSaRekeyMillis >= childSaLifetimeMillis
        || rekeyJitterMillis < 0
        || rekeyJitterMillis >= Math.min(ikeSaRekeyMillis, childSaRekeyMillis)
        || rekeyedIkeSaMillis <= 0) {
      throw new IllegalArgumentException("limits out of range");
    }
  }

  public Limits withRetransmit(RetransmitPolicy policy) {
    return new Limits(
        policy, halfOpenMillis, keyDeliveryMillis, ikeSaLifetimeMillis, childSaLifetimeMillis,
        maxMessageBytes, maxFragments, maxReassemblyBytes, maxInitRetries, ikeSaRekeyMillis,
        childSaRekeyMillis, rekeyJitterMillis, rekeyedIkeSaMillis);
  }

  public Limits withMaxMessageBytes(int bytes) {
    return new Limits(
        retransmit, halfOpenMillis, keyDeliveryMillis, ikeSaLifetimeMillis, childSaLifetimeMillis,
        bytes, maxFragments, maxReassemblyBytes, maxInitRetries, ikeSaRekeyMillis,
        childSaRekeyMillis, rekeyJitterMillis, rekeyedIkeSaMillis);
  }

  /** Soft and hard lifetimes of the IKE SA and of each CHILD_SA, and the rekey jitter. */
  public Limits withLifetimes(
      long ikeSaRekey, long ikeSaLifetime, long childSaRekey, long childSaLifetime, long jitter) {
    return new Limits(
        retransmit, halfOpenMillis, keyDeliveryMillis, ikeSaLifetime, childSaLifetime,
        maxMessageBytes, maxFragments, maxReassemblyBytes, maxInitRetries, ikeSaRekey,
        childSaRekey, jitter, rekeyedIkeSaMillis);
  }
}

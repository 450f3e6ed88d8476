package net.iotgw.protocols.radius;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Requests awaiting an answer, keyed by their {@link IdentifierPool.Slot}. A datagram on a socket
 * matches the request with its Identifier only if it verifies against that request's authenticator
 * (RFC 2865 §3) and carries a valid Message-Authenticator (RFC 3579 §3.2); a forged or stale
 * answer is refused and the request stays pending, so the genuine answer can still arrive.
 *
 * @param <C> what the caller keeps per request (its session, retransmission state)
 */
public final class PendingRequests<C> implements AutoCloseable {

  private record Pending<C>(byte[] requestAuthenticator, C context) {}

  /** The outcome of offering a received datagram. */
  public sealed interface Match<C> {
    /**
     * The answer to {@code slot}'s request; the slot has been released. {@code
     * requestAuthenticator} is the request's, which {@link MppeKeys#msk} needs.
     */
    record Answered<C>(
        IdentifierPool.Slot slot, C context, RadiusPacket response, byte[] requestAuthenticator)
        implements Match<C> {}

    /** Nothing is pending for this socket and Identifier (or the datagram is too short). */
    record Unsolicited<C>(int socket, int identifier) implements Match<C> {}

    /** A request is pending but the datagram failed verification; the request stays pending. */
    record Refused<C>(IdentifierPool.Slot slot, RadiusAuth.Refusal reason, String detail)
        implements Match<C> {}
  }

  private final IdentifierPool pool;
  private final byte[] secret;
  private final Map<IdentifierPool.Slot, Pending<C>> pending = new HashMap<>();

  public PendingRequests(IdentifierPool pool, byte[] secret) {
    this.pool = pool;
    this.secret = secret.clone();
  }

  /**
   * Records a request sent from an allocated {@code slot}. The request's own authenticator is kept
   * to verify the answer. Throws if the slot is not allocated or already has a request.
   */
  public void sent(IdentifierPool.Slot slot, byte[] requestAuthenticator, C context) {
    if (!pool.isInFlight(slot) || pending.containsKey(slot)) {
      throw new IllegalStateException("slot " + slot + " not allocated or already pending");
    }
    pending.put(slot, new Pending<>(requestAuthenticator.clone(), context));
  }

  /** Matches a datagram received on {@code socket}. */
  public Match<C> received(int socket, byte[] datagram) {
    if (datagram.length < RadiusPacket.HEADER) {
      return new Match.Unsolicited<>(socket, -1);
    }
    IdentifierPool.Slot slot = new IdentifierPool.Slot(socket, datagram[1] & 0xff);
    Pending<C> p = pending.get(slot);
    if (p == null) {
      return new Match.Unsolicited<>(socket, slot.identifier());
    }
    RadiusAuth.Verified v = RadiusAuth.verifyResponse(datagram, p.requestAuthenticator(), secret);
    if (v instanceof RadiusAuth.Verified.Refused r) {
      return new Match.Refused<>(slot, r.reason(), r.detail());
    }
    pending.remove(slot);
    pool.release(slot);
    return new Match.Answered<>(
        slot, p.context(), ((RadiusAuth.Verified.Accepted) v).packet(), p.requestAuthenticator());
  }

  /** Gives up on a request (final timeout): releases its slot and returns its context. */
  public Optional<C> timedOut(IdentifierPool.Slot slot) {
    Pending<C> p = pending.remove(slot);
    if (p == null) {
      return Optional.empty();
    }
    pool.release(slot);
    return Optional.of(p.context());
  }

  /** The Request Authenticator of a pending request, for decrypting MS-MPPE keys in its answer. */
  public Optional<byte[]> requestAuthenticator(IdentifierPool.Slot slot) {
    return Optional.ofNullable(pending.get(slot)).map(p -> p.requestAuthenticator().clone());
  }

  public int size() {
    return pending.size();
  }

  /** Zeroes this table's copy of the shared secret; the table is unusable afterwards. */
  @Override
  public void close() {
    java.util.Arrays.fill(secret, (byte) 0);
    pending.clear();
  }
}

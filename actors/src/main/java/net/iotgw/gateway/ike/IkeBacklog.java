package net.iotgw.gateway.ike;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The IKE datagrams the control plane has taken and not yet handed to an IKE SA's engine,
 * gateway-wide: those in the Device mailboxes, in the IKE SA actors' mailboxes, and so in the
 * crypto dispatcher's task queue (an IKE SA actor is a task there only while its mailbox holds
 * something). Those are plain tells, which no mailbox bounds; this count is what bounds them. The
 * Devices actor takes a {@link Ticket} before it tells a Device; whoever ends the datagram's way
 * (the Device that drops it, the IKE SA actor that takes it, the dead-letter watch for an actor
 * that stopped meanwhile) releases it. Without a ticket the datagram is dropped and counted
 * ({@link IkeDrops.Routing#BACKLOG}, {@link IkeDrops.Routing#BACKLOG_NEW_SA}): the initiator
 * retransmits (RFC 7296 §2.1), as for any loss.
 *
 * <p>New work gives way first: an IKE_SA_INIT without a COOKIE ({@link #isNewWork}) is taken only
 * while the backlog is below {@code newWorkBound}, the rest of it stays for handshakes under way
 * (IKE_AUTH, requests with the COOKIE we asked for, INFORMATIONAL), whose initiators have already
 * cost the gateway a Diffie-Hellman or a round trip. Under overload the gateway then finishes what
 * it started instead of starting what it cannot finish before the initiator's timer fires.
 *
 * <p>Thread-safe: taken by Devices, released by Devices, Devices' children and the dead-letter
 * watch.
 */
public final class IkeBacklog {
  /**
   * Datagrams queued per core of the crypto dispatcher (one thread per core, reference.conf).
   * The gateway's threads spend about 1.4 ms of CPU per SA (load-tests/bench/README.md, benchmark
   * 1: X25519 and AES-GCM, IKE_SA_INIT, IKE_AUTH and a Delete), so an unloaded core turns around
   * some 2000 requests a second, a core shared as on the benchmark machine a few hundred: 512 a
   * core is a fraction of a second to about a second of work, all of it answered before the
   * initiator's first retransmission (RFC 7296 §2.4 leaves the schedule to it; strongSwan's and
   * ours start at 4 s), so no queued request is answered after its initiator has given up on it.
   * Larger queues only hold work that is late; at about 1 KiB a datagram this is half a MiB per
   * core.
   */
  public static final int PER_CORE = 512;

  private final int bound;
  private final int newWorkBound;
  private final IkeDrops drops;
  private final AtomicInteger queued = new AtomicInteger();

  /**
   * @param bound the most datagrams queued at once
   * @param newWorkBound new IKE_SA_INITs are taken only while fewer than this are queued
   */
  public IkeBacklog(int bound, int newWorkBound, IkeDrops drops) {
    if (bound < 1 || newWorkBound < 1 || newWorkBound > bound) {
      throw new IllegalArgumentException("0 < newWorkBound <= bound");
    }
    this.bound = bound;
    this.newWorkBound = newWorkBound;
    this.drops = drops;
  }

  /**
   * {@value #PER_CORE} per core, new work up to half of it: the other half is kept for the
   * handshakes already under way, which need one more request each (IKE_AUTH) after their
   * IKE_SA_INIT.
   */
  public static IkeBacklog forCores(int cores, IkeDrops drops) {
    int bound = PER_CORE * Math.max(1, cores);
    return new IkeBacklog(bound, bound / 2, drops);
  }

  /** No bound (for tests of other things): every datagram is taken. */
  public static IkeBacklog unbounded(IkeDrops drops) {
    return new IkeBacklog(Integer.MAX_VALUE, Integer.MAX_VALUE, drops);
  }

  public int bound() {
    return bound;
  }

  public int newWorkBound() {
    return newWorkBound;
  }

  /** Datagrams queued now. */
  public int queued() {
    return queued.get();
  }

  /**
   * A ticket for {@code message} (an IKE message as the UD sent it), or null if it must be
   * dropped: the drop is counted by reason.
   */
  public Ticket take(byte[] message) {
    boolean isNew = isNewWork(message);
    int limit = isNew ? newWorkBound : bound;
    while (true) {
      int n = queued.get();
      if (n >= limit) {
        drops.routing(isNew ? IkeDrops.Routing.BACKLOG_NEW_SA : IkeDrops.Routing.BACKLOG);
        return null;
      }
      if (queued.compareAndSet(n, n + 1)) {
        return new Ticket(this);
      }
    }
  }

  /**
   * An IKE_SA_INIT request without a COOKIE (RFC 7296 §3.1: SPIr zero, exchange 34, Response flag
   * clear; §2.6: a COOKIE notify, type 16390, is the first payload when there is one): a new
   * handshake, not one the gateway has invested in.
   */
  public static boolean isNewWork(byte[] m) {
    if (m.length < 28 || ByteBuffer.wrap(m, 8, 8).getLong() != 0 || (m[18] & 0xff) != 34
        || (m[19] & 0x20) != 0) {
      return false;
    }
    boolean cookieFirst = (m[16] & 0xff) == NOTIFY_PAYLOAD && m.length >= 36
        && ((m[34] & 0xff) << 8 | (m[35] & 0xff)) == COOKIE;
    return !cookieFirst;
  }

  /** Next Payload type of a Notify payload (RFC 7296 §3.2). */
  private static final int NOTIFY_PAYLOAD = 41;

  /** Notify Message Type COOKIE (RFC 7296 §3.10.1). */
  private static final int COOKIE = 16390;

  /** One queued datagram's place; released once, whoever releases it first. */
  public static final class Ticket {
    /** For a datagram that takes no place (tests, callers outside the IKE port). */
    public static final Ticket NONE = new Ticket(null);

    private final IkeBacklog backlog;
    private final AtomicBoolean released = new AtomicBoolean();

    private Ticket(IkeBacklog backlog) {
      this.backlog = backlog;
    }

    /** Frees the place; later calls do nothing. */
    public void release() {
      if (backlog != null && released.compareAndSet(false, true)) {
        backlog.queued.decrementAndGet();
      }
    }
  }
}

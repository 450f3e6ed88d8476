package net.iotgw.gateway.ike;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import net.iotgw.protocols.ike.engine.IkeOutput;

/**
 * Where IKE datagrams from UDs end without an answer in the control plane, by reason, gateway-wide:
 * the Devices and Device routing, and what each IKE SA's engine drops ({@link
 * IkeOutput.DropReason}). Counters, not log lines: under overload these are what says whether a
 * retransmitting initiator was refused by design (the bound, a COOKIE) or lost by the gateway.
 *
 * <p>Thread-safe: shared by Devices, every Device and every IKE SA actor.
 */
public final class IkeDrops {

  /** Why the routing (Devices, Device) did not hand a datagram to an IKE SA. */
  public enum Routing {
    /** To an address no joined CD has. */
    NO_CD,
    /** To a CD that is not admitted (no open PANA session). */
    NOT_ADMITTED,
    /** Shorter than an IKE header. */
    TOO_SHORT,
    /** Neither for a held SA nor an IKE_SA_INIT request, or the CD has no IKE profile. */
    NO_SA,
    /** An IKE_SA_INIT beyond {@code iotgw.ike.max-sas-per-cd} ({@link IkeSaBound}). */
    SA_BOUND,
    /** A request for a handshake under way while the {@link IkeBacklog} was full. */
    BACKLOG,
    /** A new IKE_SA_INIT (no COOKIE) while the {@link IkeBacklog} held its share of new work. */
    BACKLOG_NEW_SA,
    /** Routed to an IKE SA actor (or a Device) that stopped before taking it: a dead letter. */
    ACTOR_GONE
  }

  private final Map<Routing, LongAdder> routing = new EnumMap<>(Routing.class);
  private final Map<IkeOutput.DropReason, LongAdder> engine =
      new EnumMap<>(IkeOutput.DropReason.class);
  private final LongAdder askTimedOut = new LongAdder();
  private final LongAdder shed = new LongAdder();

  public IkeDrops() {
    for (Routing r : Routing.values()) {
      routing.put(r, new LongAdder());
    }
    for (IkeOutput.DropReason r : IkeOutput.DropReason.values()) {
      engine.put(r, new LongAdder());
    }
  }

  public void routing(Routing reason) {
    routing.get(reason).increment();
  }

  public void engine(IkeOutput.DropReason reason) {
    engine.get(reason).increment();
  }

  public long count(Routing reason) {
    return routing.get(reason).sum();
  }

  public long count(IkeOutput.DropReason reason) {
    return engine.get(reason).sum();
  }

  /**
   * The data plane's ask into Devices timed out (5 s): the datagram is still routed, late. Not a
   * drop: a sign that the Devices mailbox, which the ask's bounded parallelism does not bound once
   * asks time out, is holding work.
   */
  public void askTimeout() {
    askTimedOut.increment();
  }

  public long askTimedOut() {
    return askTimedOut.sum();
  }

  /** Shed at random at the IKE port, its queue full (the data plane's own drops come first). */
  public void shed() {
    shed.increment();
  }

  public long shedCount() {
    return shed.sum();
  }

  /** Non-zero counts only, e.g. {@code "routing SA_BOUND 12, engine WRONG_MESSAGE_ID 3"}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    routing.forEach((r, n) -> append(b, "routing " + r, n.sum()));
    engine.forEach((r, n) -> append(b, "engine " + r, n.sum()));
    append(b, "shed at the IKE port", shed.sum());
    append(b, "late (ask timed out)", askTimedOut.sum());
    return b.length() == 0 ? "none" : b.toString();
  }

  private static void append(StringBuilder b, String what, long n) {
    if (n > 0) {
      b.append(b.length() == 0 ? "" : ", ").append(what).append(' ').append(n);
    }
  }
}

package net.iotgw.sim.ud;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.Datagram;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.Identity;
import net.iotgw.protocols.ike.engine.IkeEvent;
import net.iotgw.protocols.ike.engine.IkeOutput;
import net.iotgw.protocols.ike.engine.IkeSaEngine;
import net.iotgw.protocols.ike.engine.IkeState;
import net.iotgw.protocols.ike.engine.IkeStep;
import net.iotgw.protocols.ike.engine.IkeTimer;
import net.iotgw.protocols.ike.engine.InitiatorTask;

/**
 * One IKE SA opened by our initiator engine for a simulated peer that holds its own keys (a UD,
 * or a CD running IKEv2 itself as the paper's baseline). Not thread-safe and never blocking: the
 * owner feeds it datagrams and the time, sends what it returns, and calls {@link #tick} once
 * {@link #nextTimerAt} has passed. Agreed CHILD_SAs are "delivered" at once: the keys are the
 * peer's own.
 */
public final class InitiatorSession {
  private final SecureRandom random;
  private final Map<IkeTimer, Long> timers = new EnumMap<>(IkeTimer.class);
  private IkeState state;
  private ChildSa child;
  private IkeOutput.Established established;
  private IkeOutput.Closed closed;
  private final List<NotifyType> childRefusals = new ArrayList<>();
  private int datagramsSent;
  private int retransmissions;

  private InitiatorSession(SecureRandom random) {
    this.random = random;
  }

  /**
   * Starts IKE_SA_INIT from {@code config.cdAddress()} to {@code responder}; the returned session's
   * {@link #drain} gives the first request.
   *
   * @param expectedPeer the responder's identity, sent as IDr and required of its AUTH
   */
  public static Started start(
      EngineConfig config,
      InetSocketAddress responder,
      Optional<Identity> expectedPeer,
      long nowMillis,
      SecureRandom random) {
    InitiatorSession session = new InitiatorSession(random);
    List<Datagram> out = new ArrayList<>();
    session.apply(IkeSaEngine.initiate(config, responder, expectedPeer, nowMillis, random), out,
        nowMillis);
    return new Started(session, out);
  }

  /** The session and the datagrams its start produced (IKE_SA_INIT). */
  public record Started(InitiatorSession session, List<Datagram> toSend) {
    public Started {
      toSend = List.copyOf(toSend);
    }
  }

  /** A datagram from the responder; returns what to send. */
  public List<Datagram> receive(Datagram datagram, long nowMillis) {
    List<Datagram> out = new ArrayList<>();
    apply(IkeSaEngine.handle(state, new IkeEvent.Received(datagram), nowMillis, random), out,
        nowMillis);
    return out;
  }

  /** Fires every timer due at {@code nowMillis}; returns what to send (retransmissions). */
  public List<Datagram> tick(long nowMillis) {
    List<Datagram> out = new ArrayList<>();
    for (IkeTimer timer : IkeTimer.values()) {
      Long at = timers.get(timer);
      if (at != null && at <= nowMillis) {
        timers.remove(timer);
        int before = out.size();
        apply(IkeSaEngine.handle(state, new IkeEvent.TimerFired(timer), nowMillis, random), out,
            nowMillis);
        if (timer == IkeTimer.RETRANSMIT) {
          retransmissions += out.size() - before;
        }
      }
    }
    return out;
  }

  /** Queues an exchange on the established SA (delete, rekey, liveness check). */
  public List<Datagram> queue(InitiatorTask task, long nowMillis) {
    List<Datagram> out = new ArrayList<>();
    apply(IkeSaEngine.queue(state, task, nowMillis, random), out, nowMillis);
    return out;
  }

  /** When {@link #tick} has something to do next; empty once closed. */
  public OptionalLong nextTimerAt() {
    return timers.values().stream().mapToLong(Long::longValue).min();
  }

  /** The IKE SA is up with its first CHILD_SA. */
  public boolean isEstablished() {
    return established != null && closed == null;
  }

  public boolean isClosed() {
    return closed != null;
  }

  /** How the SA ended, once {@link #isClosed}. */
  public Optional<IkeOutput.Closed> closed() {
    return Optional.ofNullable(closed);
  }

  /** The CHILD_SA to send on: the latest agreed, replaced by its rekey; empty when none. */
  public Optional<ChildSa> child() {
    return Optional.ofNullable(child);
  }

  /**
   * The errors of the CHILD_SAs refused on this IKE SA, in order: by the responder, the first one
   * in IKE_AUTH or one we asked for with CREATE_CHILD_SA; or by us, one the peer asked for. The
   * IKE SA lives on (RFC 7296 §1.2).
   */
  public List<NotifyType> childRefusals() {
    return List.copyOf(childRefusals);
  }

  /** The engine's state, for routing by SPIs ({@link IkeState#ikeSa()}). */
  public IkeState state() {
    return state;
  }

  public int datagramsSent() {
    return datagramsSent;
  }

  /** Requests sent again because no response came in time (RFC 7296 §2.1). */
  public int retransmissions() {
    return retransmissions;
  }

  /** Ends the SA without a word to the peer; its keys are zeroed. */
  public void destroy() {
    apply(IkeSaEngine.destroy(state), new ArrayList<>(), 0);
  }

  private void apply(IkeStep step, List<Datagram> out, long nowMillis) {
    state = step.state();
    for (IkeOutput o : step.outputs()) {
      if (o instanceof IkeOutput.Send s) {
        out.add(s.datagram());
        datagramsSent++;
      } else if (o instanceof IkeOutput.Arm arm) {
        timers.put(arm.timer(), arm.atMillis());
      } else if (o instanceof IkeOutput.Disarm disarm) {
        timers.remove(disarm.timer());
      } else if (o instanceof IkeOutput.ChildSaAgreed agreed) {
        agreed.delivery().destroy();
        child = agreed.child();
        // Our own keys: nothing to deliver to anyone.
        apply(IkeSaEngine.handle(state, new IkeEvent.KeysDelivered(), nowMillis, random), out,
            nowMillis);
      } else if (o instanceof IkeOutput.ChildSaRekeyed rekeyed) {
        child = rekeyed.replacement();
      } else if (o instanceof IkeOutput.ChildSaDeleted deleted && deleted.child() == child) {
        child = null;
      } else if (o instanceof IkeOutput.ChildSaRefused refused) {
        childRefusals.add(refused.error());
      } else if (o instanceof IkeOutput.Established e) {
        established = e;
      } else if (o instanceof IkeOutput.Closed c) {
        closed = c;
        child = null;
        timers.clear();
      }
    }
  }
}

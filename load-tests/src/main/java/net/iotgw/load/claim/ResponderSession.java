package net.iotgw.load.claim;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.CookieGate;
import net.iotgw.protocols.ike.engine.Datagram;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.IkeEvent;
import net.iotgw.protocols.ike.engine.IkeOutput;
import net.iotgw.protocols.ike.engine.IkeSaEngine;
import net.iotgw.protocols.ike.engine.IkeState;
import net.iotgw.protocols.ike.engine.IkeStep;
import net.iotgw.protocols.ike.engine.IkeTimer;

/**
 * One IKE SA answered by our responder engine for a UD that holds its own keys: the peer of a CD
 * that runs IKEv2 itself (the claim's baseline). The mirror of {@link
 * net.iotgw.sim.ud.InitiatorSession}: not thread-safe, never blocking; the owner feeds it the
 * CD's datagrams and the time, sends what it returns and calls {@link #tick} when {@link
 * #nextTimerAt} has passed. The agreed CHILD_SA's keys are the UD's own: "delivered" at once.
 */
final class ResponderSession {
  private final SecureRandom random;
  private final Map<IkeTimer, Long> timers = new EnumMap<>(IkeTimer.class);
  private IkeState state;
  private ChildSa child;
  private boolean established;
  private boolean closed;

  private ResponderSession(SecureRandom random) {
    this.random = random;
  }

  /** The session an IKE_SA_INIT request opens, and its response; empty if it was refused. */
  static Optional<ResponderSession> respond(EngineConfig config, Datagram request,
      long nowMillis, SecureRandom random, List<Datagram> out) {
    ResponderSession s = new ResponderSession(random);
    s.apply(IkeSaEngine.respond(config, request, CookieGate.open(), nowMillis, random), out,
        nowMillis);
    return s.state instanceof IkeState.Closed ? Optional.empty() : Optional.of(s);
  }

  List<Datagram> receive(Datagram d, long nowMillis) {
    List<Datagram> out = new ArrayList<>();
    apply(IkeSaEngine.handle(state, new IkeEvent.Received(d), nowMillis, random), out, nowMillis);
    return out;
  }

  List<Datagram> tick(long nowMillis) {
    List<Datagram> out = new ArrayList<>();
    for (IkeTimer timer : IkeTimer.values()) {
      Long at = timers.get(timer);
      if (at != null && at <= nowMillis) {
        timers.remove(timer);
        apply(IkeSaEngine.handle(state, new IkeEvent.TimerFired(timer), nowMillis, random), out,
            nowMillis);
      }
    }
    return out;
  }

  OptionalLong nextTimerAt() {
    return timers.values().stream().mapToLong(Long::longValue).min();
  }

  boolean isEstablished() {
    return established && !closed;
  }

  Optional<ChildSa> child() {
    return Optional.ofNullable(child);
  }

  void destroy() {
    apply(IkeSaEngine.destroy(state), new ArrayList<>(), 0);
  }

  private void apply(IkeStep step, List<Datagram> out, long nowMillis) {
    state = step.state();
    for (IkeOutput o : step.outputs()) {
      if (o instanceof IkeOutput.Send s) {
        out.add(s.datagram());
      } else if (o instanceof IkeOutput.Arm arm) {
        timers.put(arm.timer(), arm.atMillis());
      } else if (o instanceof IkeOutput.Disarm disarm) {
        timers.remove(disarm.timer());
      } else if (o instanceof IkeOutput.ChildSaAgreed agreed) {
        agreed.delivery().destroy();
        child = agreed.child();
        apply(IkeSaEngine.handle(state, new IkeEvent.KeysDelivered(), nowMillis, random), out,
            nowMillis);
      } else if (o instanceof IkeOutput.Established) {
        established = true;
      } else if (o instanceof IkeOutput.Closed) {
        closed = true;
        child = null;
        timers.clear();
      }
    }
  }
}

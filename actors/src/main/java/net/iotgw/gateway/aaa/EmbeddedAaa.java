package net.iotgw.gateway.aaa;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import net.iotgw.gateway.aaa.Counters.Counter;
import net.iotgw.protocols.eap.EapKeys;
import net.iotgw.protocols.eap.psk.EapPskServer;
import net.iotgw.protocols.eap.psk.Psk;
import net.iotgw.protocols.eap.psk.PskFailure;
import net.iotgw.protocols.eap.psk.PskOutput;
import net.iotgw.protocols.eap.psk.PskStep;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The embedded authenticator: one {@link EapPskServer} state per session, keyed by the device
 * store. The EAP-Response/Identity opens the session (the PAA sent the Request/Identity), and
 * EAP-PSK message 1 follows with the next Identifier (RFC 3748 §4.1). ID_P in message 2 selects the
 * PSK; a device bound to an EUI-64 is found only from that CD. A Response the server discards
 * (wrong Identifier, a duplicate, garbage) is answered with the outstanding request again, which
 * the peer's duplicate detection makes harmless (RFC 3748 §4.1, §5).
 */
final class EmbeddedAaa {

  private final ActorContext<Aaa.Command> context;
  private final TimerScheduler<Aaa.Command> timers;
  private final DeviceStore store;
  private final byte[] serverId;
  private final int maxSessions;
  private final Duration idleTimeout;
  private final SecureRandom random;
  private final Map<EapSessionId, EapPskServer.State> sessions = new HashMap<>();
  private final Counters counters = new Counters();

  private EmbeddedAaa(
      ActorContext<Aaa.Command> context,
      TimerScheduler<Aaa.Command> timers,
      AaaConfig.Embedded config,
      Duration idleTimeout,
      DeviceStore store,
      SecureRandom random) {
    this.context = context;
    this.timers = timers;
    this.store = store;
    this.serverId = config.serverId().getBytes(StandardCharsets.UTF_8);
    this.maxSessions = config.maxSessions();
    this.idleTimeout = idleTimeout;
    this.random = random;
  }

  /** Loads the device store named in {@code config}; a bad store fails the actor at start. */
  static Behavior<Aaa.Command> create(AaaConfig.Embedded config, Duration idleTimeout) {
    return Behaviors.setup(
        context -> {
          DeviceStore store = DeviceStore.load(config.deviceStore());
          context
              .getLog()
              .info(
                  "embedded EAP-PSK authenticator {}: {} devices from {}",
                  config.serverId(),
                  store.size(),
                  config.deviceStore());
          return create(config, idleTimeout, store, new SecureRandom());
        });
  }

  /** With a store the actor takes over (it zeroes the keys when it stops). */
  static Behavior<Aaa.Command> create(
      AaaConfig.Embedded config, Duration idleTimeout, DeviceStore store, SecureRandom random) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers ->
                    new EmbeddedAaa(context, timers, config, idleTimeout, store, random)
                        .behavior()));
  }

  private Behavior<Aaa.Command> behavior() {
    return Behaviors.receive(Aaa.Command.class)
        .onMessage(Aaa.Relay.class, this::onRelay)
        .onMessage(
            Aaa.Forget.class,
            f -> {
              drop(f.session());
              return Behaviors.same();
            })
        .onMessage(
            IdleExpired.class,
            e -> {
              if (drop(e.session())) {
                counters.increment(Counter.EXPIRED);
                context.getLog().debug("{} expired", e.session());
              }
              return Behaviors.same();
            })
        .onMessage(
            Counters.Get.class,
            g -> {
              g.replyTo().tell(counters.snapshot());
              return Behaviors.same();
            })
        .onSignal(
            PostStop.class,
            s -> {
              sessions.values().forEach(EmbeddedAaa::destroy);
              sessions.clear();
              store.close();
              return Behaviors.same();
            })
        .build();
  }

  private Behavior<Aaa.Command> onRelay(Aaa.Relay relay) {
    EapSessionId id = relay.session();
    EapPskServer.State state = sessions.get(id);
    Aaa.Answer answer =
        state == null ? begin(id, relay.eapResponse()) : step(id, state, relay.eapResponse());
    context.getLog().debug("{}: {}", id, answer);
    relay.replyTo().tell(answer);
    return Behaviors.same();
  }

  private Aaa.Answer begin(EapSessionId id, byte[] eap) {
    if (sessions.size() >= maxSessions) {
      counters.increment(Counter.UNAVAILABLE);
      return new Aaa.Unavailable("too many sessions (max-sessions " + maxSessions + ")");
    }
    RelayedEap.First first = RelayedEap.first(eap);
    if (first instanceof RelayedEap.First.Refused refused) {
      counters.increment(Counter.REJECTED);
      return new Aaa.Reject(refused.eapFailure(), refused.reason());
    }
    int identifier = ((RelayedEap.First.Identity) first).identifier();
    // RFC 3748 §4.1: the next request takes a new Identifier.
    PskStep<EapPskServer.State> step =
        EapPskServer.start(serverId, (identifier + 1) & 0xff, random);
    sessions.put(id, step.state());
    timers.startSingleTimer(id, new IdleExpired(id), idleTimeout);
    counters.increment(Counter.CHALLENGED);
    return new Aaa.Challenge(sent(step));
  }

  private Aaa.Answer step(EapSessionId id, EapPskServer.State state, byte[] eap) {
    Lookup lookup = new Lookup(id.eui64());
    PskStep<EapPskServer.State> step = EapPskServer.receive(state, eap, lookup);
    for (PskOutput out : step.outputs()) {
      if (out instanceof PskOutput.Authenticated done) {
        forget(id);
        EapKeys keys = done.keys();
        byte[] msk = keys.msk().clone();
        keys.destroy();
        counters.increment(Counter.ACCEPTED);
        return new Aaa.Accept(sent(step), msk);
      }
      if (out instanceof PskOutput.Failed failed) {
        forget(id);
        counters.increment(Counter.REJECTED);
        return new Aaa.Reject(sent(step), lookup.reason(failed.reason()));
      }
      if (out instanceof PskOutput.Discarded discarded) {
        counters.increment(Counter.REPEATED);
        context.getLog().debug("{}: response discarded ({}), request repeated", id, discarded);
        return new Aaa.Challenge(outstanding(state));
      }
    }
    sessions.put(id, step.state());
    timers.startSingleTimer(id, new IdleExpired(id), idleTimeout);
    counters.increment(Counter.CHALLENGED);
    return new Aaa.Challenge(sent(step));
  }

  /** The device store lookup for one message 2, remembering why it found nothing. */
  private final class Lookup implements EapPskServer.PskLookup {
    private final long eui64;
    private String identity = "";
    private OptionalLong boundTo = OptionalLong.empty();

    Lookup(long eui64) {
      this.eui64 = eui64;
    }

    @Override
    public Optional<Psk> find(byte[] idP) {
      identity = RelayedEap.printable(idP);
      Optional<DeviceStore.Device> device = store.find(idP);
      if (device.isEmpty()) {
        return Optional.empty();
      }
      OptionalLong bound = device.get().eui64();
      if (bound.isPresent() && bound.getAsLong() != eui64) {
        boundTo = bound;
        return Optional.empty();
      }
      return Optional.of(device.get().psk());
    }

    String reason(PskFailure failure) {
      return switch (failure) {
        case UNKNOWN_PEER ->
            boundTo.isPresent()
                ? "identity "
                    + identity
                    + " is bound to EUI-64 "
                    + Eui64Text.colons(boundTo.getAsLong())
                : "unknown identity " + identity;
        case BAD_MAC_P -> "wrong PSK (MAC_P mismatch) for identity " + identity;
        case PEER_DECLINED -> "the CD declined EAP-PSK (Nak)";
        case BAD_PCHANNEL -> "EAP-PSK message 4 failed its PCHANNEL check";
        case RESULT_FAILURE -> "the CD ended EAP-PSK with DONE_FAILURE";
        default -> "EAP-PSK failed: " + failure;
      };
    }
  }

  private boolean drop(EapSessionId id) {
    EapPskServer.State state = sessions.remove(id);
    timers.cancel(id);
    if (state != null) {
      destroy(state);
    }
    return state != null;
  }

  private void forget(EapSessionId id) {
    sessions.remove(id);
    timers.cancel(id);
  }

  private static void destroy(EapPskServer.State state) {
    if (state instanceof EapPskServer.AwaitingFourth s) {
      s.keys().destroy();
    }
  }

  /** The request a waiting state last sent, to repeat it. */
  private static byte[] outstanding(EapPskServer.State state) {
    if (state instanceof EapPskServer.AwaitingSecond s) {
      return s.request().clone();
    }
    return ((EapPskServer.AwaitingFourth) state).request().clone();
  }

  private static byte[] sent(PskStep<EapPskServer.State> step) {
    for (PskOutput out : step.outputs()) {
      if (out instanceof PskOutput.Send send) {
        return send.eapPacket();
      }
    }
    throw new IllegalStateException("EAP-PSK step without a packet to send: " + step.outputs());
  }
}

package net.iotgw.gateway.device;

import net.iotgw.gateway.control.ControlOutlet;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import net.iotgw.gateway.aaa.Aaa;
import net.iotgw.gateway.aaa.EapSessionId;
import net.iotgw.protocols.eap.EapCodec;
import net.iotgw.protocols.eap.EapPacket;
import net.iotgw.protocols.eap.EapType;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ieee802154.security.LinkKey;
import net.iotgw.protocols.ieee802154.security.Pemk;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.crypto.Prf;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.pana.PanaEncryptionAlgorithm;
import net.iotgw.protocols.pana.engine.PaaEngine;
import net.iotgw.protocols.pana.engine.PanaOutput;
import net.iotgw.protocols.pana.engine.PanaStep;
import net.iotgw.protocols.pana.engine.RetransmitPolicy;
import net.iotgw.protocols.wire.Decoded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One PANA session of one CD (RFC 5191), from its PCI to its end: the actor around the pure
 * {@link PaaEngine}. It relays the CD's EAP to the {@link Aaa}, and once the session is open it
 * derives the CD's 802.15.4 key (RFC 5807 PEMK) and hands it to its {@link Device}, which admits
 * the CD. It stays alive while the session is open, because ping, termination and, later, key
 * deliveries run over it; it stops when the session ends, telling its Device why.
 *
 * <p>The actor only translates: engine outputs become sends, timers, AAA requests and reports to
 * the parent; every protocol decision is the engine's. The MSK lives here between the AAA's
 * Accept and the session's opening, then is zeroed.
 */
public final class EapSession {

  /** The PRF and integrity algorithm this PAA offers (RFC 5191 §8.5, §8.6): one of each. */
  static final PrfAlgorithm PRF = PrfAlgorithm.PRF_HMAC_SHA2_256;

  static final IntegrityAlgorithm INTEGRITY = IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128;

  /** RFC 6786: the channel the IKE offload uses to deliver a CD its ESP key material. */
  static final PanaEncryptionAlgorithm ENCRYPTION = PanaEncryptionAlgorithm.AES128_CTR;

  /** RFC 5191 §8.8 leaves the nonce length open; half the PRF output (RFC 4306 §2.10 style). */
  static final int NONCE_LENGTH = 16;

  public sealed interface Command {}

  /** A PANA message from the CD, for this session. */
  record Pana(PanaPacket packet) implements Command {}

  /**
   * Deliver these AVPs to the CD encrypted (RFC 6786) over the open session; {@code done} hears
   * {@code Delivered} once the CD's PNA acknowledges them, or {@code Failed}. Deliveries go one at
   * a time, in order; at most {@link #MAX_QUEUED_DELIVERIES} wait.
   */
  public record Deliver(List<Avp> avps, ActorRef<DeliveryOutcome> done) implements Command {}

  /** How a delivery ended. */
  public sealed interface DeliveryOutcome {
    record Delivered() implements DeliveryOutcome {}

    record Failed(String reason) implements DeliveryOutcome {}
  }

  /** Deliveries waiting behind the one in flight: a CD has a handful of SAs at most. */
  static final int MAX_QUEUED_DELIVERIES = 16;

  /** End the session: a newer one of the same CD has opened, or the gateway stops. */
  record Terminate(long cause) implements Command {}

  private record TimerFired(PanaOutput.Timer timer) implements Command {}

  private record AaaAnswered(Aaa.Answer answer, long sentNanos) implements Command {}

  /** What a session tells its device. */
  public record Settings(
      long gatewayEui64, Duration lifetime, NetworkEntryCounters counters, ControlOutlet<byte[]> outlet) {}

  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final ActorRef<Device.Command> device;
  private final ActorRef<Aaa.Command> aaa;
  private final ActorRef<Aaa.Answer> aaaReplies;
  private final Settings settings;
  private final EapSessionId id;
  private final SecureRandom random;
  /** The Key-Id of the current MSK (RFC 5191 §8.4): 1, then one more per re-authentication. */
  private long keyId;
  private PaaEngine.State state;
  private PanaPacket lastFromCd;
  private String identity = "?";
  private int lastEapIdentifier;
  private byte[] msk;
  private long relayedAt;
  /** Deliveries not yet acknowledged; the first is in flight once {@code inFlight}. */
  private final java.util.ArrayDeque<Deliver> deliveries = new java.util.ArrayDeque<>();
  private boolean inFlight;

  private EapSession(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      ActorRef<Device.Command> device,
      ActorRef<Aaa.Command> aaa,
      Settings settings,
      EapSessionId id,
      SecureRandom random) {
    this.context = context;
    this.timers = timers;
    this.device = device;
    this.aaa = aaa;
    this.settings = settings;
    this.id = id;
    this.random = random;
    this.aaaReplies = context.messageAdapter(Aaa.Answer.class,
        a -> new AaaAnswered(a, relayedAt));
    this.keyId = 1;
    byte[] nonce = new byte[NONCE_LENGTH];
    random.nextBytes(nonce);
    this.state = PaaEngine.create(new PaaEngine.Config(
        List.of(PRF), List.of(INTEGRITY), List.of(ENCRYPTION), RetransmitPolicy.REQUEST,
        id.panaSessionId(),
        random.nextInt() & 0xffff_ffffL, nonce, keyId));
  }

  static Behavior<Command> create(
      ActorRef<Device.Command> device,
      ActorRef<Aaa.Command> aaa,
      Settings settings,
      EapSessionId id,
      SecureRandom random) {
    return Behaviors.setup(context -> Behaviors.withTimers(
        timers -> new EapSession(context, timers, device, aaa, settings, id, random).behavior()));
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(Pana.class, this::onPana)
        .onMessage(TimerFired.class, m -> apply(PaaEngine.timer(state, m.timer(), now(), random)))
        .onMessage(AaaAnswered.class, this::onAaa)
        .onMessage(Terminate.class, m -> apply(PaaEngine.terminate(state, m.cause(), now(), random)))
        .onMessage(Deliver.class, this::onDeliver)
        .onSignal(PostStop.class, s -> {
          failDeliveries("the PANA session ended");
          forgetMsk();
          return Behaviors.same();
        })
        .build();
  }

  private Behavior<Command> onDeliver(Deliver d) {
    if (deliveries.size() > MAX_QUEUED_DELIVERIES) {
      d.done().tell(new DeliveryOutcome.Failed("too many deliveries waiting for this CD"));
      return Behaviors.same();
    }
    deliveries.add(d);
    return sendNextDelivery();
  }

  /** Starts the first waiting delivery if none is in flight and the session can take it. */
  private Behavior<Command> sendNextDelivery() {
    if (inFlight || deliveries.isEmpty()) {
      return Behaviors.same();
    }
    PanaStep<PaaEngine.State> step =
        PaaEngine.deliver(state, deliveries.peek().avps(), now(), random);
    boolean refused = step.outputs().stream().anyMatch(o -> o instanceof PanaOutput.Dropped);
    if (refused && !(state instanceof net.iotgw.protocols.pana.engine.OpenSession.Open)) {
      deliveries.poll().done().tell(new DeliveryOutcome.Failed("the PANA session is not open"));
      return sendNextDelivery();
    }
    if (refused) {
      // A request of the session's own is outstanding (ping, re-authentication): the delivery
      // waits for its answer (DeliveryAcknowledged, PingAnswered, Reauthenticated re-try it).
      return Behaviors.same();
    }
    inFlight = true;
    return apply(step);
  }

  private void failDeliveries(String reason) {
    inFlight = false;
    while (!deliveries.isEmpty()) {
      deliveries.poll().done().tell(new DeliveryOutcome.Failed(reason));
    }
  }

  private Behavior<Command> onPana(Pana m) {
    lastFromCd = m.packet();
    return apply(PaaEngine.receive(state, m.packet().message(), now(), random));
  }

  private Behavior<Command> onAaa(AaaAnswered m) {
    settings.counters().aaaRoundTrip(System.nanoTime() - m.sentNanos());
    Aaa.Answer a = m.answer();
    if (a instanceof Aaa.Challenge c) {
      return apply(PaaEngine.eapToPac(state, c.eapRequest(), now(), random));
    }
    if (a instanceof Aaa.Accept accept) {
      forgetMsk();
      msk = accept.msk();
      return apply(PaaEngine.eapSuccess(state, accept.eapSuccess(), msk,
          settings.lifetime().toSeconds(), now(), random));
    }
    String reason = a instanceof Aaa.Reject r ? r.reason() : ((Aaa.Unavailable) a).reason();
    byte[] failure = a instanceof Aaa.Reject r
        ? r.eapFailure()
        : EapCodec.encode(new EapPacket.Failure(lastEapIdentifier));
    device.tell(new Device.SessionRejected(id.panaSessionId(), identity, reason));
    return apply(PaaEngine.eapFailure(state, failure, now(), random));
  }

  private Behavior<Command> apply(PanaStep<PaaEngine.State> step) {
    state = step.state();
    boolean closed = false;
    boolean retryDeliveries = false;
    for (PanaOutput o : step.outputs()) {
      if (o instanceof PanaOutput.Send s) {
        send(s.message());
      } else if (o instanceof PanaOutput.Arm arm) {
        long delay = Math.max(0, arm.atMillis() - now());
        timers.startSingleTimer(arm.timer(), new TimerFired(arm.timer()), Duration.ofMillis(delay));
      } else if (o instanceof PanaOutput.Disarm d) {
        timers.cancel(d.timer());
      } else if (o instanceof PanaOutput.EapStart) {
        startEap();
      } else if (o instanceof PanaOutput.EapReceived r) {
        relay(r.eap());
      } else if (o instanceof PanaOutput.Opened opened) {
        admit(opened.sessionId(), keyId, opened.lifetimeSeconds());
      } else if (o instanceof PanaOutput.Reauthenticated r) {
        // RFC 5191 §4.3: a new MSK and Key-Id, hence a new PEMK and link key (RFC 5807 §3).
        keyId = r.keyId();
        admit(r.sessionId(), keyId, r.lifetimeSeconds());
        retryDeliveries = true;
      } else if (o instanceof PanaOutput.DeliveryAcknowledged) {
        inFlight = false;
        Deliver done = deliveries.poll();
        if (done != null) {
          done.done().tell(new DeliveryOutcome.Delivered());
        }
        retryDeliveries = true;
      } else if (o instanceof PanaOutput.DeliveryRefused r) {
        // The CD's negative acknowledgement: the SA whose keys these were must not carry ESP.
        inFlight = false;
        Deliver done = deliveries.poll();
        String why = CdRequests.refusalText(r.avps());
        context.getLog().warn("{}: the CD refused a delivery: {}", id, why);
        if (done != null) {
          done.done().tell(new DeliveryOutcome.Failed("the CD refused it: " + why));
        }
        retryDeliveries = true;
      } else if (o instanceof PanaOutput.Delivered d) {
        CdRequests.requests(d.avps(), id, context.getLog())
            .forEach(r -> device.tell(new Device.SaRequested(id.panaSessionId(), r)));
      } else if (o instanceof PanaOutput.PingAnswered) {
        retryDeliveries = true;
      } else if (o instanceof PanaOutput.Closed c) {
        failDeliveries("the PANA session ended: " + c.reason());
        device.tell(new Device.SessionClosed(id.panaSessionId(), c.reason()));
        closed = true;
      } else if (o instanceof PanaOutput.Dropped d) {
        context.getLog().debug("{}: PANA input dropped: {} {}", id, d.reason(), d.detail());
      }
    }
    if (closed) {
      aaa.tell(new Aaa.Forget(id));
      return Behaviors.stopped();
    }
    return retryDeliveries ? sendNextDelivery() : Behaviors.same();
  }

  /** RFC 3748 §5.1: the authenticator asks for the identity; the AAA takes it from there. */
  private void startEap() {
    lastEapIdentifier = random.nextInt(256);
    byte[] request = EapCodec.encode(
        new EapPacket.Request(lastEapIdentifier, EapType.IDENTITY.id(), new byte[0]));
    apply(PaaEngine.eapToPac(state, request, now(), random));
  }

  private void relay(byte[] eap) {
    Decoded<EapPacket> d = EapCodec.decode(eap);
    if (d instanceof Decoded.Ok<EapPacket> ok && ok.value() instanceof EapPacket.Response r) {
      lastEapIdentifier = r.identifier();
      if (r.type() == EapType.IDENTITY.id()) {
        identity = printable(r.typeData());
      }
    }
    relayedAt = System.nanoTime();
    aaa.tell(new Aaa.Relay(id, eap, aaaReplies));
  }

  private void admit(long sessionId, long keyId, long lifetimeSeconds) {
    if (msk == null) {
      context.getLog().error("{}: session keyed without an MSK", id);
      return;
    }
    Pemk pemk = Pemk.derive(Prf.of(PRF), msk, sessionId, keyId,
        Pemk.epIdOf(new Address.Extended(settings.gatewayEui64())));
    LinkKey key = pemk.linkKey();
    pemk.destroy();
    forgetMsk();
    device.tell(new Device.SessionOpened(sessionId, identity, key, lifetimeSeconds));
  }

  private void send(byte[] message) {
    if (lastFromCd == null) {
      return; // every session starts with the CD's PCI, so this cannot happen
    }
    settings.outlet().offer(lastFromCd.reply(message));
  }

  private void forgetMsk() {
    if (msk != null) {
      Arrays.fill(msk, (byte) 0);
      msk = null;
    }
  }

  /** An EAP identity for log lines: printable ASCII kept, the rest escaped, at most 64 chars. */
  static String printable(byte[] identity) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < identity.length && b.length() < 64; i++) {
      int c = identity[i] & 0xff;
      b.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
    }
    return b.toString();
  }

  private static long now() {
    return System.nanoTime() / 1_000_000;
  }
}

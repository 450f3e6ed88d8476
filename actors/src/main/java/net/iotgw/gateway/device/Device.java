package net.iotgw.gateway.device;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import net.iotgw.gateway.aaa.Aaa;
import net.iotgw.gateway.aaa.EapSessionId;
import net.iotgw.gateway.aaa.Eui64Text;
import net.iotgw.gateway.ike.IkeDrops;
import net.iotgw.gateway.ike.IkeSaActor;
import net.iotgw.gateway.ike.IkeSaBound;
import net.iotgw.gateway.ike.IkeSupport;
import net.iotgw.gateway.ike.Initiation;
import net.iotgw.protocols.ieee802154.security.LinkKey;
import net.iotgw.protocols.ike.engine.Datagram;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.KeyDelivery;
import net.iotgw.protocols.offload.SaRequest;
import net.iotgw.protocols.offload.SaRequestCodec;
import net.iotgw.protocols.offload.SaRequestFailed;
import net.iotgw.protocols.pana.PanaMessageType;
import net.iotgw.protocols.pana.engine.PanaOutput;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One CD, known by its EUI-64: its admission state and its PANA sessions ({@link EapSession}
 * children, by Session Identifier). Admission follows the sessions: the CD is admitted, and its
 * link key installed at the enforcement point, from the moment a session opens until that session
 * ends. A CD that joins again while admitted (it rebooted and lost its key) keeps its old access
 * until the new session opens, which then replaces it; a PCI alone, which anybody can forge,
 * takes nothing away.
 *
 * <p>The Device stops when it has no session and is not admitted, so a flood of PCIs from
 * invented addresses leaves no state behind once those sessions time out.
 */
public final class Device {

  public sealed interface Command {}

  /** A PANA message from this CD, as the data plane delivered it. */
  record Pana(PanaPacket packet) implements Command {}

  /** A session opened: admit the CD with this key (RFC 5807), until the session ends. */
  record SessionOpened(long sessionId, String identity, LinkKey key, long lifetimeSeconds)
      implements Command {}

  /** The AAA refused the CD (or could not be reached); the session is closing. */
  record SessionRejected(long sessionId, String identity, String reason) implements Command {}

  /** A session ended; its actor is stopping. */
  record SessionClosed(long sessionId, PanaOutput.CloseReason reason) implements Command {}

  private record SessionStopped(long sessionId) implements Command {}

  /** An IKE datagram from a UD to this CD's address (port 500, or 4500 without the marker). */
  public record Ike(Datagram datagram) implements Command {}

  /** An IKE SA asks for its CHILD_SA keys to reach the CD (paper Sec. III-D). */
  private record DeliverKeys(KeyDelivery delivery, ActorRef<IkeSaActor.Command> sa)
      implements Command {}

  /** A delivery's outcome, for the IKE SA that asked. */
  private record KeysOutcome(EapSession.DeliveryOutcome outcome, ActorRef<IkeSaActor.Command> sa)
      implements Command {}

  private record IkeSaStopped(IkeKey key, ActorRef<IkeSaActor.Command> sa) implements Command {}

  /** A responder SA answered its IKE_SA_INIT without keeping state and is stopping. */
  private record IkeSaRefused(IkeKey key, ActorRef<IkeSaActor.Command>[] sa)
      implements Command {}

  /** The CD's CHILD_SAs with these inbound SPIs are gone: tell it, best effort. */
  private record RemoveSas(java.util.List<Integer> cdInboundSpis) implements Command {}

  private record Ignored() implements Command {}

  /**
   * Measurement only (see {@link MeasuredCds}): the CD counts as admitted without PANA, and the
   * keys of its CHILD_SAs count as delivered the moment they are agreed.
   */
  record AdmitInMemory() implements Command {}

  /** {@link #admittedBy} of a CD admitted by {@link AdmitInMemory}: no 32-bit Session-Id. */
  private static final long IN_MEMORY_ADMISSION = -1L;

  /** After an IKE SA rekey: the new initiator SPI reaches the same actor. */
  private record RouteAlso(long spiI, ActorRef<IkeSaActor.Command> sa) implements Command {}

  private record Retire(long spiI, ActorRef<IkeSaActor.Command> sa) implements Command {}

  /** The CD asks, over its open PANA session, for an SA to a UD (the gateway initiates). */
  record SaRequested(long sessionId, SaRequest request) implements Command {}

  /** An initiator SA is about to send IKE_SA_INIT with this SPI: route the UD's answers to it. */
  private record InitiatorSpi(long spiI, java.net.InetAddress ud) implements Command {}

  /** An initiator SA settled the CD's request: failed (with what to tell the CD) or not. */
  private record InitiationSettled(java.net.InetAddress ud,
      java.util.Optional<SaRequestFailed> failure, String detail) implements Command {}

  private record InitiatorStopped(java.net.InetAddress ud, ActorRef<IkeSaActor.Command> sa)
      implements Command {}

  /**
   * An IKE SA as its initiator names it: its SPI and address (RFC 7296 §2.1), without the port,
   * which moves to 4500 after IKE_SA_INIT (§2.23).
   */
  private record IkeKey(long spiI, java.net.InetAddress peer) {}

  /** What all Devices share: the AAA, the enforcement point, session settings, randomness. */
  public record Shared(
      ActorRef<Aaa.Command> aaa,
      LinkAdmission admission,
      EapSession.Settings session,
      SecureRandom random,
      IkeSupport ike) {}

  private final ActorContext<Command> context;
  private final ActorRef<Devices.Command> devices;
  private final Shared shared;
  private final long eui64;
  private final String name;
  private final Map<Long, ActorRef<EapSession.Command>> sessions = new HashMap<>();
  /** The session that admitted the CD, or null: the admission state. */
  private Long admittedBy;
  /** The session in its authentication phase, or null: at most one at a time. */
  private Long joining;
  /** The IKE SAs held for this CD. */
  private final Map<IkeKey, ActorRef<IkeSaActor.Command>> ikeSas = new HashMap<>();
  private final java.util.Set<IkeKey> halfOpen = new java.util.HashSet<>();
  /**
   * The initiators (SPIi and address) asked for a COOKIE lately, the most recent {@value
   * #MAX_CHALLENGED}: every later IKE_SA_INIT of theirs must carry one, whatever the half-open
   * count by then (RFC 7296 §2.6). An initiator asked for a COOKIE goes on with its request
   * with the COOKIE and the same SPIi; a copy of its request without it that waited in a queue
   * (issue 6: retransmission waves) could otherwise open an SA once the gate is open again, whose
   * response the initiator takes for the answer to its request with the COOKIE: its AUTH then
   * covers another IKE_SA_INIT than the SA's (AUTHENTICATION_FAILED), and its request with the
   * COOKIE finds that SA and is dropped. Such a copy gets a COOKIE again instead: no state.
   */
  private final Map<IkeKey, Boolean> challenged = new java.util.LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<IkeKey, Boolean> eldest) {
      return size() > MAX_CHALLENGED;
    }
  };
  static final int MAX_CHALLENGED = 1024;
  /** Responder SAs spawned so far: makes each one's actor name unique. */
  private long responderSerial;
  private final IkeSaBound.RefusalLog ikeRefusals =
      new IkeSaBound.RefusalLog(java.util.concurrent.TimeUnit.MINUTES.toNanos(1));
  /**
   * SAs being opened at one CD's request at once: each costs an IKE_SA_INIT to an address the CD
   * chose (the policy checks the identity, which only IKE_AUTH proves), so a CD cannot make the
   * gateway a source of many.
   */
  static final int MAX_INITIATING = 4;

  /** The SAs being opened at the CD's request, by UD address: one at a time per UD. */
  private final Map<java.net.InetAddress, ActorRef<IkeSaActor.Command>> initiating =
      new HashMap<>();

  private Device(
      ActorContext<Command> context, ActorRef<Devices.Command> devices, Shared shared, long eui64) {
    this.context = context;
    this.devices = devices;
    this.shared = shared;
    this.eui64 = eui64;
    this.name = Eui64Text.colons(eui64);
  }

  static Behavior<Command> create(ActorRef<Devices.Command> devices, Shared shared, long eui64) {
    return Behaviors.setup(context -> new Device(context, devices, shared, eui64).behavior());
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(Pana.class, this::onPana)
        .onMessage(SessionOpened.class, this::onOpened)
        .onMessage(SessionRejected.class, this::onRejected)
        .onMessage(SessionClosed.class, this::onClosed)
        .onMessage(SessionStopped.class, this::onStopped)
        .onMessage(Ike.class, this::onIke)
        .onMessage(DeliverKeys.class, this::onDeliverKeys)
        .onMessage(KeysOutcome.class, this::onKeysOutcome)
        .onMessage(RemoveSas.class, this::onRemoveSas)
        .onMessage(Ignored.class, m -> Behaviors.same())
        .onMessage(SaRequested.class, this::onSaRequested)
        .onMessage(InitiatorSpi.class, m -> {
          // Reported from the SA's setup, before its IKE_SA_INIT leaves: the UD's answer comes
          // after this message in the mailbox.
          ActorRef<IkeSaActor.Command> sa = initiating.get(m.ud());
          if (sa != null) {
            ikeSas.put(new IkeKey(m.spiI(), m.ud()), sa);
          }
          return Behaviors.same();
        })
        .onMessage(InitiationSettled.class, this::onInitiationSettled)
        .onMessage(InitiatorStopped.class, m -> {
          ikeSas.values().removeIf(m.sa()::equals);
          initiating.remove(m.ud(), m.sa());
          return stopIfIdle();
        })
        .onMessage(AdmitInMemory.class, m -> {
          admittedBy = IN_MEMORY_ADMISSION;
          shared.admission().admitWithoutLink(eui64);
          return Behaviors.same();
        })
        .onMessage(RouteAlso.class, m -> {
          peerOf(m.sa()).ifPresent(peer -> ikeSas.put(new IkeKey(m.spiI(), peer), m.sa()));
          return Behaviors.same();
        })
        .onMessage(Retire.class, m -> {
          peerOf(m.sa()).ifPresent(peer -> ikeSas.remove(new IkeKey(m.spiI(), peer), m.sa()));
          return Behaviors.same();
        })
        .onMessage(IkeSaRefused.class, m -> {
          // sa[0] was set when the Device spawned it, before this message was handled here.
          if (ikeSas.remove(m.key(), m.sa()[0])) {
            halfOpen.remove(m.key());
          }
          return Behaviors.same();
        })
        .onMessage(IkeSaStopped.class, m -> {
          // Only the stopped actor's entries: a new SA may hold its key by now.
          ikeSas.values().removeIf(m.sa()::equals);
          if (!ikeSas.containsKey(m.key())) {
            halfOpen.remove(m.key());
          }
          return stopIfIdle();
        })
        .onSignal(PostStop.class, s -> {
          // A Device that fails is stopped, not restarted: its CD loses access and joins again.
          if (admittedBy != null) {
            shared.admission().revoke(eui64);
          }
          return Behaviors.same();
        })
        .build();
  }

  private Behavior<Command> onPana(Pana m) {
    PanaPacket p = m.packet();
    if (p.messageType() == PanaMessageType.CLIENT_INITIATION.id()
        && p.sessionId() == PanaPacket.NO_SESSION) {
      if (joining != null) {
        // A retransmitted PCI: the session it started answers with its own retransmissions.
        return Behaviors.same();
      }
      joining = newSessionId();
      ActorRef<EapSession.Command> session = context.spawn(
          Behaviors.supervise(EapSession.create(context.getSelf(), shared.aaa(), shared.session(),
                  new EapSessionId(eui64, joining), shared.random()))
              .onFailure(SupervisorStrategy.stop()),
          "session-" + Long.toHexString(joining));
      context.watchWith(session, new SessionStopped(joining));
      sessions.put(joining, session);
      shared.session().counters().joinStarted();
    }
    ActorRef<EapSession.Command> session = sessions.get(p.sessionId() == PanaPacket.NO_SESSION
        ? joining : p.sessionId());
    if (session == null) {
      shared.session().counters().dropped();
      context.getLog().debug("CD {}: PANA for unknown session 0x{}", name,
          Long.toHexString(p.sessionId()));
      return stopIfIdle();
    }
    session.tell(new EapSession.Pana(p));
    return Behaviors.same();
  }

  private Behavior<Command> onOpened(SessionOpened m) {
    Long previous = admittedBy;
    shared.admission().admit(eui64, m.key());
    admittedBy = m.sessionId();
    if (previous != null && previous == m.sessionId()) {
      shared.session().counters().reauthenticated();
      context.getLog().info("CD {} re-authenticated as {} (PANA session 0x{}): new link key",
          name, m.identity(), Long.toHexString(m.sessionId()));
      return Behaviors.same();
    }
    if (joining != null && joining == m.sessionId()) {
      joining = null;
      devices.tell(new Devices.JoinFinished(eui64));
    }
    shared.session().counters().admitted();
    context.getLog().info("CD {} admitted as {} (PANA session 0x{}, lifetime {} s)", name,
        m.identity(), Long.toHexString(m.sessionId()), m.lifetimeSeconds());
    if (previous != null && sessions.containsKey(previous)) {
      // RFC 5191 §4.4: the old session ends with a PTR; its key is already replaced.
      sessions.get(previous).tell(new EapSession.Terminate(TERMINATION_CAUSE_ADMINISTRATIVE));
    }
    return Behaviors.same();
  }

  /** Termination-Cause 4, ADMINISTRATIVE (RFC 3588 §8.15, which RFC 5191 §8.14 refers to). */
  static final long TERMINATION_CAUSE_ADMINISTRATIVE = 4;

  private Behavior<Command> onRejected(SessionRejected m) {
    shared.session().counters().rejected();
    context.getLog().warn("CD {} rejected: identity {}: {}", name, m.identity(), m.reason());
    return Behaviors.same();
  }

  private Behavior<Command> onClosed(SessionClosed m) {
    if (admittedBy != null && admittedBy == m.sessionId()) {
      shared.admission().revoke(eui64);
      admittedBy = null;
      shared.session().counters().closed();
      context.getLog().info("CD {} no longer admitted: PANA session 0x{} {}", name,
          Long.toHexString(m.sessionId()), m.reason());
    } else if (admittedBy == null) {
      context.getLog().debug("CD {}: PANA session 0x{} ended: {}", name,
          Long.toHexString(m.sessionId()), m.reason());
    }
    return Behaviors.same();
  }

  private Behavior<Command> onStopped(SessionStopped m) {
    sessions.remove(m.sessionId());
    if (joining != null && joining == m.sessionId()) {
      joining = null;
      devices.tell(new Devices.JoinFinished(eui64));
    }
    if (admittedBy != null && admittedBy == m.sessionId()) {
      // Stopped without reporting its end (it failed): access ends with it.
      shared.admission().revoke(eui64);
      admittedBy = null;
    }
    return stopIfIdle();
  }

  private Behavior<Command> stopIfIdle() {
    return sessions.isEmpty() && admittedBy == null && ikeSas.isEmpty() && initiating.isEmpty()
        ? Behaviors.stopped()
        : Behaviors.same();
  }

  /**
   * IKE to this CD: answered as the CD only while it is admitted and has an IKE profile; routed to
   * its SA by the initiator's SPI and address, a new SA for an IKE_SA_INIT request.
   */
  private Behavior<Command> onIke(Ike m) {
    Datagram d = m.datagram();
    byte[] msg = d.message();
    if (admittedBy == null || msg.length < 28) {
      drops().routing(admittedBy == null ? IkeDrops.Routing.NOT_ADMITTED
          : IkeDrops.Routing.TOO_SHORT);
      context.getLog().debug("CD {}: IKE from {} not answered: {}", name, d.remote(),
          admittedBy == null ? "not admitted" : "too short");
      return stopIfIdle();
    }
    IkeKey key = new IkeKey(java.nio.ByteBuffer.wrap(msg, 0, 8).getLong(), d.remote().getAddress());
    ActorRef<IkeSaActor.Command> sa = ikeSas.get(key);
    if (sa != null) {
      sa.tell(new IkeSaActor.FromPeer(d));
      return Behaviors.same();
    }
    long spiR = java.nio.ByteBuffer.wrap(msg, 8, 8).getLong();
    int exchange = msg[18] & 0xff;
    java.util.Optional<EngineConfig> config = shared.ike().profiles().apply(eui64);
    if (spiR != 0 || exchange != IKE_SA_INIT || config.isEmpty()) {
      drops().routing(IkeDrops.Routing.NO_SA);
      context.getLog().debug("CD {}: IKE from {} for no SA (profile: {})", name, d.remote(),
          config.isPresent());
      return Behaviors.same();
    }
    if (!admitsIkeSa(d)) {
      return Behaviors.same();
    }
    net.iotgw.protocols.ike.engine.CookieGate gate =
        shared.ike().gate(challenged.containsKey(key) ? Integer.MAX_VALUE : halfOpen.size());
    if (gate.required()) {
      challenged.put(key, Boolean.TRUE);
    }
    String saName = "ike-" + Long.toHexString(key.spiI());
    @SuppressWarnings("unchecked")
    ActorRef<IkeSaActor.Command>[] self = new ActorRef[1];
    ActorRef<IkeSaActor.Command> created = context.spawn(
        Behaviors.supervise(IkeSaActor.responder(shared.ike().shared(), keysFor(self, key),
                config.get(), d, gate,
                "CD " + name + " IKE SA " + Long.toHexString(key.spiI())))
            .onFailure(SupervisorStrategy.stop()),
        // The serial: an SA that answered with a COOKIE may still be stopping under this name.
        saName + "-" + Integer.toHexString(d.remote().hashCode()) + "-" + ++responderSerial,
        org.apache.pekko.actor.typed.DispatcherSelector.fromConfig(CRYPTO_DISPATCHER));
    self[0] = created;
    context.watchWith(created, new IkeSaStopped(key, created));
    ikeSas.put(key, created);
    halfOpen.add(key);
    return Behaviors.same();
  }

  private IkeDrops drops() {
    return shared.ike().shared().drops();
  }

  /**
   * The bound on IKE SAs held for this CD ({@link IkeSaBound}: beyond it, no answer). Rekeyed SAs
   * are routed under several SPIs to one actor: an SA is an actor here, not a key.
   */
  private boolean admitsIkeSa(Datagram d) {
    int held = (int) ikeSas.values().stream().distinct().count();
    if (shared.ike().bound().admit(held)) {
      return true;
    }
    drops().routing(IkeDrops.Routing.SA_BOUND);
    ikeRefusals.refusedAt(System.nanoTime()).ifPresent(n -> context.getLog().warn(
        "CD {}: IKE_SA_INIT not answered ({} since the last report, the latest from {}): it holds"
            + " {} IKE SAs, the most allowed (iotgw.ike.max-sas-per-cd)", name, n, d.remote(),
        held));
    return false;
  }

  /** The dispatcher for elliptic-curve work (reference.conf), never the default one. */
  public static final String CRYPTO_DISPATCHER = "iotgw.crypto-dispatcher";

  /** IKEv2 exchange type 34 (RFC 7296 §3.1). */
  private static final int IKE_SA_INIT = 34;

  /** The Keys of one IKE SA actor; {@code sa[0]} is set once the actor is spawned. */
  private IkeSaActor.Keys keysFor(ActorRef<IkeSaActor.Command>[] sa) {
    return keysFor(sa, null);
  }

  /** With {@code key}, a responder's: its stateless answer takes it out of the routes at once. */
  private IkeSaActor.Keys keysFor(ActorRef<IkeSaActor.Command>[] sa, IkeKey key) {
    ActorRef<Command> self = context.getSelf();
    return new IkeSaActor.Keys() {
      @Override
      public void refused() {
        if (key != null) {
          self.tell(new IkeSaRefused(key, sa));
        }
      }

      @Override
      public void deliver(KeyDelivery delivery, ActorRef<IkeSaActor.Command> replyTo) {
        self.tell(new DeliverKeys(delivery, replyTo));
      }

      @Override
      public void ended(java.util.List<Integer> cdInboundSpis, String reason) {
        self.tell(new RemoveSas(cdInboundSpis));
      }

      @Override
      public void routeAlso(long spiI) {
        self.tell(new RouteAlso(spiI, sa[0]));
      }

      @Override
      public void retire(long spiI) {
        self.tell(new Retire(spiI, sa[0]));
      }
    };
  }

  private Behavior<Command> onDeliverKeys(DeliverKeys m) {
    if (admittedBy != null && admittedBy == IN_MEMORY_ADMISSION) {
      // Measurement: the gateway's own cost, no radio round trip (the SA zeroes the delivery).
      halfOpen.removeIf(k -> ikeSas.get(k) == m.sa());
      m.sa().tell(new IkeSaActor.KeysDelivered());
      return Behaviors.same();
    }
    ActorRef<EapSession.Command> session = admittedBy == null ? null : sessions.get(admittedBy);
    if (session == null) {
      m.sa().tell(new IkeSaActor.KeysNotDelivered("the CD is not admitted"));
      return Behaviors.same();
    }
    ActorRef<EapSession.DeliveryOutcome> reply =
        context.messageAdapter(EapSession.DeliveryOutcome.class, o -> new KeysOutcome(o, m.sa()));
    session.tell(new EapSession.Deliver(KeyDeliveryAvps.encode(m.delivery()), reply));
    return Behaviors.same();
  }

  private java.util.Optional<java.net.InetAddress> peerOf(ActorRef<IkeSaActor.Command> sa) {
    return ikeSas.entrySet().stream().filter(e -> e.getValue().equals(sa))
        .map(e -> e.getKey().peer()).findFirst();
  }

  private Behavior<Command> onRemoveSas(RemoveSas m) {
    ActorRef<EapSession.Command> session = admittedBy == null ? null : sessions.get(admittedBy);
    if (session != null) {
      ActorRef<EapSession.DeliveryOutcome> ignore =
          context.messageAdapter(EapSession.DeliveryOutcome.class, o -> new Ignored());
      m.cdInboundSpis().forEach(spi ->
          session.tell(new EapSession.Deliver(KeyDeliveryAvps.removal(spi), ignore)));
    }
    return Behaviors.same();
  }

  private Behavior<Command> onKeysOutcome(KeysOutcome m) {
    if (m.outcome() instanceof EapSession.DeliveryOutcome.Failed f) {
      m.sa().tell(new IkeSaActor.KeysNotDelivered(f.reason()));
    } else {
      halfOpen.removeIf(k -> ikeSas.get(k) == m.sa());
      m.sa().tell(new IkeSaActor.KeysDelivered());
    }
    return Behaviors.same();
  }

  /**
   * The CD asks for an SA to a UD (see {@link SaRequests} for the policy): refused at once, or an
   * IKE SA actor initiates as the CD. Its CHILD_SA's keys then reach the CD like a responder
   * SA's, over the delivery queue, after its ESP routes are installed; a failure reaches the CD
   * as an {@link SaRequestFailed}, so that it never waits for an answer that cannot come.
   */
  private Behavior<Command> onSaRequested(SaRequested m) {
    SaRequest r = m.request();
    java.net.InetAddress ud = r.ud().getAddress();
    if (admittedBy == null || admittedBy != m.sessionId()) {
      context.getLog().info("CD {}: SA request {} over PANA session 0x{}, which does not admit it",
          name, r.requestId(), Long.toHexString(m.sessionId()));
      return Behaviors.same();
    }
    java.util.Optional<EngineConfig> config = shared.ike().profiles().apply(eui64);
    java.util.Optional<SaRequestFailed.Reason> refused = SaRequests.refusal(config, r);
    if (refused.isEmpty()
        && (initiating.containsKey(ud) || initiating.size() >= MAX_INITIATING)) {
      refused = java.util.Optional.of(SaRequestFailed.Reason.BUSY);
    }
    if (refused.isPresent()) {
      context.getLog().warn("CD {}: SA request {} to {} refused: {}", name, r.requestId(),
          r.ud(), refused.get());
      tellCd(new SaRequestFailed(r.requestId(), refused.get(), 0, ud));
      return Behaviors.same();
    }
    EngineConfig c = SaRequests.configFor(config.get(), r);
    java.util.Optional<net.iotgw.protocols.ike.engine.Identity> expected =
        SaRequests.expectedPeer(c.profile(), r);
    ActorRef<Command> self = context.getSelf();
    @SuppressWarnings("unchecked")
    ActorRef<IkeSaActor.Command>[] sa = new ActorRef[1];
    Initiation initiation = new Initiation() {
      @Override
      public void started(long spiI) {
        self.tell(new InitiatorSpi(spiI, ud));
      }

      @Override
      public void succeeded() {
        self.tell(new InitiationSettled(ud, java.util.Optional.empty(), "established"));
      }

      @Override
      public void failed(SaRequestFailed.Reason reason, int ikeNotify, String detail) {
        self.tell(new InitiationSettled(ud, java.util.Optional.of(
            new SaRequestFailed(r.requestId(), reason, ikeNotify, ud)), detail));
      }
    };
    String saName = "ike-initiator-" + r.requestId() + "-" + Integer.toHexString(ud.hashCode());
    // The Initiation's reports name the UD, not the actor: they may be built on the crypto
    // dispatcher before sa[0] is visible there; the Device looks the actor up by UD.
    sa[0] = context.spawn(
        Behaviors.supervise(IkeSaActor.initiator(shared.ike().shared(), keysFor(sa), c, r.ud(),
                expected, initiation, "CD " + name + " initiator SA to " + r.ud()))
            .onFailure(SupervisorStrategy.stop()),
        saName, org.apache.pekko.actor.typed.DispatcherSelector.fromConfig(CRYPTO_DISPATCHER));
    context.watchWith(sa[0], new InitiatorStopped(ud, sa[0]));
    initiating.put(ud, sa[0]);
    context.getLog().info("CD {}: SA request {} to {} ({}, expecting {}): initiating as the CD",
        name, r.requestId(), r.ud(), r.mode(), expected.map(Object::toString).orElse("-"));
    return Behaviors.same();
  }

  private Behavior<Command> onInitiationSettled(InitiationSettled m) {
    initiating.remove(m.ud());
    if (m.failure().isPresent()) {
      SaRequestFailed f = m.failure().get();
      context.getLog().warn("CD {}: SA request {} to {} failed: {} ({})", name, f.requestId(),
          m.ud(), f.reason(), m.detail());
      tellCd(f);
    } else {
      context.getLog().info("CD {}: SA to {} established at its request", name, m.ud());
    }
    return Behaviors.same();
  }

  /** An answer to the CD's request, over its delivery queue; best effort. */
  private void tellCd(SaRequestFailed f) {
    ActorRef<EapSession.Command> session = admittedBy == null ? null : sessions.get(admittedBy);
    if (session == null) {
      return;
    }
    ActorRef<EapSession.DeliveryOutcome> ignore =
        context.messageAdapter(EapSession.DeliveryOutcome.class, o -> new Ignored());
    session.tell(new EapSession.Deliver(java.util.List.of(SaRequestCodec.encode(f)), ignore));
  }

  /** A fresh non-zero 32-bit Session Identifier, not in use by this CD (RFC 5191 §6.1). */
  private long newSessionId() {
    long id;
    do {
      id = shared.random().nextInt() & 0xffff_ffffL;
    } while (id == PanaPacket.NO_SESSION || sessions.containsKey(id));
    return id;
  }
}

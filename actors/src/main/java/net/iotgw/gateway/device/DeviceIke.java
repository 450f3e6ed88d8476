package net.iotgw.gateway.device;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.iotgw.gateway.ike.IkeBacklog;
import net.iotgw.gateway.ike.IkeDrops;
import net.iotgw.gateway.ike.IkeSaActor;
import net.iotgw.gateway.ike.IkeSaBound;
import net.iotgw.protocols.ike.engine.CookieGate;
import net.iotgw.protocols.ike.engine.Datagram;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.KeyDelivery;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The IKE side of one {@link Device} (paper Sec. III-D): the IKE SAs held for its CD, routed by
 * the initiator's SPI and address; the COOKIE gate (RFC 7296 §2.6) and the bound on SAs per CD
 * ({@link IkeSaBound}) in front of new ones; and the relay of CHILD_SA keys and removals to the
 * CD over its PANA session, for these SAs and those the CD asked for ({@link CdInitiations}).
 * Owned by the Device's actor (its messages are {@link Event}s in the Device's mailbox): not
 * thread-safe.
 */
final class DeviceIke {

  /** What the Device's IKE side hears from its IKE SA actors and from itself. */
  sealed interface Event extends Device.Command {}

  /** An IKE SA asks for its CHILD_SA keys to reach the CD (paper Sec. III-D). */
  private record DeliverKeys(KeyDelivery delivery, ActorRef<IkeSaActor.Command> sa)
      implements Event {}

  /** A delivery's outcome, for the IKE SA that asked. */
  private record KeysOutcome(EapSession.DeliveryOutcome outcome, ActorRef<IkeSaActor.Command> sa)
      implements Event {}

  private record IkeSaStopped(IkeKey key, ActorRef<IkeSaActor.Command> sa) implements Event {}

  /** A responder SA answered its IKE_SA_INIT without keeping state and is stopping. */
  private record IkeSaRefused(IkeKey key, ActorRef<IkeSaActor.Command>[] sa) implements Event {}

  /** The CD's CHILD_SAs with these inbound SPIs are gone: tell it, best effort. */
  private record RemoveSas(List<Integer> cdInboundSpis) implements Event {}

  private record Ignored() implements Event {}

  /** After an IKE SA rekey: the new initiator SPI reaches the same actor. */
  private record RouteAlso(long spiI, ActorRef<IkeSaActor.Command> sa) implements Event {}

  private record Retire(long spiI, ActorRef<IkeSaActor.Command> sa) implements Event {}

  /**
   * An IKE SA as its initiator names it: its SPI and address (RFC 7296 §2.1), without the port,
   * which moves to 4500 after IKE_SA_INIT (§2.23).
   */
  private record IkeKey(long spiI, InetAddress peer) {}

  /** What the IKE side needs to know of the Device's PANA side. */
  interface Admission {
    /** Whether the CD is admitted (by a PANA session, or in memory). */
    boolean admitted();

    /** Admitted in memory ({@link MeasuredCds}): keys count as delivered at once. */
    boolean inMemory();

    /** The session that admitted the CD, if it is admitted by one. */
    Optional<ActorRef<EapSession.Command>> session();

    /** Whether {@code sessionId} is the session that admits the CD. */
    boolean admittedBy(long sessionId);
  }

  /** The dispatcher for elliptic-curve work (reference.conf), never the default one. */
  static final String CRYPTO_DISPATCHER = Device.CRYPTO_DISPATCHER;

  /** IKEv2 exchange type 34 (RFC 7296 §3.1). */
  private static final int IKE_SA_INIT = 34;

  static final int MAX_CHALLENGED = 1024;

  private final ActorContext<Device.Command> context;
  private final Device.Shared shared;
  private final long eui64;
  private final String name;
  private final Admission admission;
  /** The IKE SAs held for this CD. */
  private final Map<IkeKey, ActorRef<IkeSaActor.Command>> ikeSas = new HashMap<>();
  /**
   * The same routes by actor (a rekeyed SA is routed under several SPIs): the SAs held, an SA's
   * peer and its keys without scanning {@link #ikeSas}, which a CD may fill with
   * max-sas-per-cd SAs (65,536 in benchmark 2). Written only through {@link #put}, {@link
   * #remove} and {@link #removeAll}.
   */
  private final Map<ActorRef<IkeSaActor.Command>, Set<IkeKey>> keysOf = new HashMap<>();
  private final Set<IkeKey> halfOpen = new HashSet<>();
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
  private final Map<IkeKey, Boolean> challenged = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<IkeKey, Boolean> eldest) {
      return size() > MAX_CHALLENGED;
    }
  };
  /** Responder SAs spawned so far: makes each one's actor name unique. */
  private long responderSerial;
  private final IkeSaBound.RefusalLog ikeRefusals =
      new IkeSaBound.RefusalLog(TimeUnit.MINUTES.toNanos(1));
  DeviceIke(ActorContext<Device.Command> context, Device.Shared shared, long eui64, String name,
      Admission admission) {
    this.context = context;
    this.shared = shared;
    this.eui64 = eui64;
    this.name = name;
    this.admission = admission;
  }

  /** Whether no IKE SA is held or being opened for the CD: the Device may stop. */
  boolean idle() {
    return ikeSas.isEmpty();
  }

  /** Handles {@code event}; true if the Device should see whether it is idle now. */
  boolean on(Event event) {
    if (event instanceof DeliverKeys m) {
      onDeliverKeys(m);
    } else if (event instanceof KeysOutcome m) {
      onKeysOutcome(m);
    } else if (event instanceof RemoveSas m) {
      onRemoveSas(m);
    } else if (event instanceof Ignored) {
      return false;
    } else if (event instanceof RouteAlso m) {
      peerOf(m.sa()).ifPresent(peer -> put(new IkeKey(m.spiI(), peer), m.sa()));
    } else if (event instanceof Retire m) {
      peerOf(m.sa()).ifPresent(peer -> remove(new IkeKey(m.spiI(), peer), m.sa()));
    } else if (event instanceof IkeSaRefused m) {
      // sa[0] was set when the Device spawned it, before this message was handled here.
      if (remove(m.key(), m.sa()[0])) {
        halfOpen.remove(m.key());
      }
    } else if (event instanceof IkeSaStopped m) {
      // Only the stopped actor's entries: a new SA may hold its key by now.
      removeAll(m.sa());
      if (!ikeSas.containsKey(m.key())) {
        halfOpen.remove(m.key());
      }
      return true;
    }
    return false;
  }

  /**
   * IKE to this CD: answered as the CD only while it is admitted and has an IKE profile; routed to
   * its SA by the initiator's SPI and address, a new SA for an IKE_SA_INIT request. True if the
   * Device should see whether it is idle now. {@code ticket} goes with the datagram to its SA, or
   * is released here when it goes nowhere.
   */
  boolean onIke(Datagram d, IkeBacklog.Ticket ticket) {
    byte[] msg = d.message();
    if (!admission.admitted() || msg.length < 28) {
      ticket.release();
      drops().routing(!admission.admitted() ? IkeDrops.Routing.NOT_ADMITTED
          : IkeDrops.Routing.TOO_SHORT);
      context.getLog().debug("CD {}: IKE from {} not answered: {}", name, d.remote(),
          !admission.admitted() ? "not admitted" : "too short");
      return true;
    }
    IkeKey key = new IkeKey(ByteBuffer.wrap(msg, 0, 8).getLong(), d.remote().getAddress());
    ActorRef<IkeSaActor.Command> sa = ikeSas.get(key);
    if (sa != null) {
      sa.tell(new IkeSaActor.FromPeer(d, ticket));
      return false;
    }
    long spiR = ByteBuffer.wrap(msg, 8, 8).getLong();
    int exchange = msg[18] & 0xff;
    Optional<EngineConfig> config = shared.ike().profiles().apply(eui64);
    if (spiR != 0 || exchange != IKE_SA_INIT || config.isEmpty()) {
      ticket.release();
      drops().routing(IkeDrops.Routing.NO_SA);
      context.getLog().debug("CD {}: IKE from {} for no SA (profile: {})", name, d.remote(),
          config.isPresent());
      return false;
    }
    if (!admitsIkeSa(d)) {
      ticket.release();
      return false;
    }
    CookieGate gate =
        shared.ike().gate(challenged.containsKey(key) ? Integer.MAX_VALUE : halfOpen.size());
    if (gate.required()) {
      challenged.put(key, Boolean.TRUE);
    }
    String saName = "ike-" + Long.toHexString(key.spiI());
    @SuppressWarnings("unchecked")
    ActorRef<IkeSaActor.Command>[] self = new ActorRef[1];
    // The request's place in the backlog ends where the new SA's engine takes it, in its setup
    // on the crypto dispatcher.
    ActorRef<IkeSaActor.Command> created = context.spawn(
        Behaviors.supervise(Behaviors.<IkeSaActor.Command>setup(c -> {
              ticket.release();
              return IkeSaActor.responder(shared.ike().shared(), keysFor(self, key),
                  config.get(), d, gate,
                  "CD " + name + " IKE SA " + Long.toHexString(key.spiI()));
            }))
            .onFailure(SupervisorStrategy.stop()),
        // The serial: an SA that answered with a COOKIE may still be stopping under this name.
        saName + "-" + Integer.toHexString(d.remote().hashCode()) + "-" + ++responderSerial,
        DispatcherSelector.fromConfig(CRYPTO_DISPATCHER));
    self[0] = created;
    context.watchWith(created, new IkeSaStopped(key, created));
    put(key, created);
    halfOpen.add(key);
    return false;
  }

  private IkeDrops drops() {
    return shared.ike().shared().drops();
  }

  /**
   * The bound on IKE SAs held for this CD ({@link IkeSaBound}: beyond it, no answer). Rekeyed SAs
   * are routed under several SPIs to one actor: an SA is an actor here, not a key.
   */
  private boolean admitsIkeSa(Datagram d) {
    int held = keysOf.size();
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

  /** The Keys of one IKE SA actor; {@code sa[0]} is set once the actor is spawned. */
  IkeSaActor.Keys keysFor(ActorRef<IkeSaActor.Command>[] sa) {
    return keysFor(sa, null);
  }

  /** With {@code key}, a responder's: its stateless answer takes it out of the routes at once. */
  private IkeSaActor.Keys keysFor(ActorRef<IkeSaActor.Command>[] sa, IkeKey key) {
    ActorRef<Device.Command> self = context.getSelf();
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
      public void ended(List<Integer> cdInboundSpis, String reason) {
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

  private void onDeliverKeys(DeliverKeys m) {
    if (admission.inMemory()) {
      // Measurement: the gateway's own cost, no radio round trip (the SA zeroes the delivery).
      halfOpen.removeAll(keysOf.getOrDefault(m.sa(), Set.of()));
      m.sa().tell(new IkeSaActor.KeysDelivered());
      return;
    }
    Optional<ActorRef<EapSession.Command>> session = admission.session();
    if (session.isEmpty()) {
      m.sa().tell(new IkeSaActor.KeysNotDelivered("the CD is not admitted"));
      return;
    }
    ActorRef<EapSession.DeliveryOutcome> reply =
        context.messageAdapter(EapSession.DeliveryOutcome.class, o -> new KeysOutcome(o, m.sa()));
    session.get().tell(new EapSession.Deliver(KeyDeliveryAvps.encode(m.delivery()), reply));
  }

  private Optional<InetAddress> peerOf(ActorRef<IkeSaActor.Command> sa) {
    return keysOf.getOrDefault(sa, Set.of()).stream().map(IkeKey::peer).findFirst();
  }

  private void onRemoveSas(RemoveSas m) {
    admission.session().ifPresent(session -> {
      ActorRef<EapSession.DeliveryOutcome> ignore =
          context.messageAdapter(EapSession.DeliveryOutcome.class, o -> new Ignored());
      m.cdInboundSpis().forEach(spi ->
          session.tell(new EapSession.Deliver(KeyDeliveryAvps.removal(spi), ignore)));
    });
  }

  private void onKeysOutcome(KeysOutcome m) {
    if (m.outcome() instanceof EapSession.DeliveryOutcome.Failed f) {
      m.sa().tell(new IkeSaActor.KeysNotDelivered(f.reason()));
    } else {
      halfOpen.removeAll(keysOf.getOrDefault(m.sa(), Set.of()));
      m.sa().tell(new IkeSaActor.KeysDelivered());
    }
  }

  /** An SA the CD asked for will send IKE_SA_INIT with {@code spiI}: the UD's answers go to it. */
  void route(long spiI, InetAddress ud, ActorRef<IkeSaActor.Command> sa) {
    put(new IkeKey(spiI, ud), sa);
  }

  /** An SA the CD asked for has stopped: none of its SPIs are routed any more. */
  void unroute(ActorRef<IkeSaActor.Command> sa) {
    removeAll(sa);
  }

  private void put(IkeKey key, ActorRef<IkeSaActor.Command> sa) {
    ActorRef<IkeSaActor.Command> before = ikeSas.put(key, sa);
    if (before != null && !before.equals(sa)) {
      dropKey(before, key);
    }
    keysOf.computeIfAbsent(sa, a -> new HashSet<>()).add(key);
  }

  /** Removes the route {@code key} if it leads to {@code sa}; whether it did. */
  private boolean remove(IkeKey key, ActorRef<IkeSaActor.Command> sa) {
    if (!ikeSas.remove(key, sa)) {
      return false;
    }
    dropKey(sa, key);
    return true;
  }

  private void removeAll(ActorRef<IkeSaActor.Command> sa) {
    Set<IkeKey> keys = keysOf.remove(sa);
    if (keys != null) {
      keys.forEach(k -> ikeSas.remove(k, sa));
    }
  }

  private void dropKey(ActorRef<IkeSaActor.Command> sa, IkeKey key) {
    Set<IkeKey> keys = keysOf.get(sa);
    if (keys != null && keys.remove(key) && keys.isEmpty()) {
      keysOf.remove(sa);
    }
  }
}

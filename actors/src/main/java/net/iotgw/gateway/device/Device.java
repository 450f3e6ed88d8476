package net.iotgw.gateway.device;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import net.iotgw.gateway.aaa.Aaa;
import net.iotgw.gateway.aaa.EapSessionId;
import net.iotgw.gateway.aaa.Eui64Text;
import net.iotgw.gateway.ike.IkeBacklog;
import net.iotgw.gateway.ike.IkeSupport;
import net.iotgw.protocols.ieee802154.security.LinkKey;
import net.iotgw.protocols.ike.engine.Datagram;
import net.iotgw.protocols.offload.SaRequest;
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

  public sealed interface Command
      permits Pana, SessionOpened, SessionRejected, SessionClosed, SessionStopped, Ike,
          AdmitInMemory, SaRequested, DeviceIke.Event, CdInitiations.Event {}

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

  /**
   * An IKE datagram from a UD to this CD's address (port 500, or 4500 without the marker),
   * holding its place in the {@link IkeBacklog} until an IKE SA takes it or it is dropped.
   */
  public record Ike(Datagram datagram, IkeBacklog.Ticket ticket) implements Command {
    /** A datagram that holds no place in a backlog. */
    public Ike(Datagram datagram) {
      this(datagram, IkeBacklog.Ticket.NONE);
    }
  }

  /**
   * Measurement only (see {@link MeasuredCds}): the CD counts as admitted without PANA, and the
   * keys of its CHILD_SAs count as delivered the moment they are agreed.
   */
  record AdmitInMemory() implements Command {}

  /** {@link #admittedBy} of a CD admitted by {@link AdmitInMemory}: no 32-bit Session-Id. */
  private static final long IN_MEMORY_ADMISSION = -1L;

  /** The CD asks, over its open PANA session, for an SA to a UD (the gateway initiates). */
  record SaRequested(long sessionId, SaRequest request) implements Command {}

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
  /** The IKE SAs held for the CD and the SAs it asked for. */
  private final DeviceIke ike;
  private final CdInitiations initiations;

  private Device(
      ActorContext<Command> context, ActorRef<Devices.Command> devices, Shared shared, long eui64) {
    this.context = context;
    this.devices = devices;
    this.shared = shared;
    this.eui64 = eui64;
    this.name = Eui64Text.colons(eui64);
    DeviceIke.Admission admission = new DeviceIke.Admission() {
      @Override
      public boolean admitted() {
        return admittedBy != null;
      }

      @Override
      public boolean inMemory() {
        return admittedBy != null && admittedBy == IN_MEMORY_ADMISSION;
      }

      @Override
      public Optional<ActorRef<EapSession.Command>> session() {
        return admittedBy == null ? Optional.empty()
            : Optional.ofNullable(sessions.get(admittedBy));
      }

      @Override
      public boolean admittedBy(long sessionId) {
        return admittedBy != null && admittedBy == sessionId;
      }
    };
    this.ike = new DeviceIke(context, shared, eui64, name, admission);
    this.initiations = new CdInitiations(context, shared, eui64, name, admission, ike);
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
        .onMessage(Ike.class, m -> ike.onIke(m.datagram(), m.ticket()) ? stopIfIdle() : Behaviors.same())
        .onMessage(SaRequested.class, m -> {
          initiations.onSaRequested(m.sessionId(), m.request());
          return Behaviors.same();
        })
        .onMessage(DeviceIke.Event.class, m -> ike.on(m) ? stopIfIdle() : Behaviors.same())
        .onMessage(CdInitiations.Event.class,
            m -> initiations.on(m) ? stopIfIdle() : Behaviors.same())
        .onMessage(AdmitInMemory.class, m -> {
          admittedBy = IN_MEMORY_ADMISSION;
          shared.admission().admitWithoutLink(eui64);
          return Behaviors.same();
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
    return sessions.isEmpty() && admittedBy == null && ike.idle()
        && initiations.idle()
        ? Behaviors.stopped()
        : Behaviors.same();
  }

  /** The dispatcher for elliptic-curve work (reference.conf), never the default one. */
  public static final String CRYPTO_DISPATCHER = "iotgw.crypto-dispatcher";

  /** A fresh non-zero 32-bit Session Identifier, not in use by this CD (RFC 5191 §6.1). */
  private long newSessionId() {
    long id;
    do {
      id = shared.random().nextInt() & 0xffff_ffffL;
    } while (id == PanaPacket.NO_SESSION || sessions.containsKey(id));
    return id;
  }
}

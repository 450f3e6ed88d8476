package net.iotgw.gateway.device;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import net.iotgw.gateway.aaa.Eui64Text;
import net.iotgw.gateway.config.NetworkEntryConfig;
import net.iotgw.protocols.ike.engine.Datagram;
import net.iotgw.protocols.pana.PanaMessageType;
import net.iotgw.protocols.wire.Decoded;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The CDs' manager (ARCHITECTURE, "The actor tree"): routes each PANA packet the data plane hands
 * over to the {@link Device} of its sender, by the EUI-64 in the sender's interface identifier
 * (the enforcement point has checked that it matches the frame's link source), creating the
 * Device on its first PCI.
 *
 * <p>It is also where network entry is paced: at most {@code max-joining} CDs authenticate at
 * once, so the radio and the AAA never carry more exchanges than they can turn around before
 * PANA's retransmission timers fire. Further PCIs wait in a bounded line and start as joins end;
 * beyond {@code max-waiting} they are ignored and the CD's own PCI retransmission (RFC 5191 §9)
 * brings them back later.
 *
 * <p>The data plane asks (bounded parallelism) and gets {@link Done} once the packet is routed,
 * so the stream's demand, not this mailbox, absorbs a burst.
 */
public final class Devices {

  public sealed interface Command {}

  /** An IPv6 packet carrying PANA from the radio side; acknowledged once routed or dropped. */
  public record FromRadio(byte[] ipv6, ActorRef<Done> ack) implements Command {}

  /**
   * An IKE datagram from a UD to a CD's address, from the UCN side; acknowledged once routed or
   * dropped. Only a CD that has a Device (it joined) can be answered for (its Device checks that
   * it is admitted).
   */
  public record IkeFromUcn(Datagram datagram, ActorRef<Done> ack) implements Command {}

  /** A CD's authentication phase ended (admitted, rejected, or abandoned). */
  record JoinFinished(long eui64) implements Command {}

  private record DeviceStopped(long eui64) implements Command {}

  /** Time to replace the COOKIE secret (RFC 7296 §2.6). */
  private record RotateCookieSecret() implements Command {}

  private final ActorContext<Command> context;
  private final NetworkEntryConfig config;
  private final Device.Shared shared;
  private final Map<Long, ActorRef<Device.Command>> devices = new HashMap<>();
  private final Set<Long> joining = new HashSet<>();
  /** PCIs waiting for a free join, by CD, oldest first: bounded by {@code max-waiting}. */
  private final Map<Long, PanaPacket> waiting = new LinkedHashMap<>();

  private Devices(ActorContext<Command> context, NetworkEntryConfig config, Device.Shared shared) {
    this.context = context;
    this.config = config;
    this.shared = shared;
  }

  public static Behavior<Command> create(NetworkEntryConfig config, Device.Shared shared) {
    return create(config, shared, MeasuredCds.NONE);
  }

  /** With {@code measured} CDs admitted in memory from the start (measurement only). */
  public static Behavior<Command> create(NetworkEntryConfig config, Device.Shared shared,
      MeasuredCds measured) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(new RotateCookieSecret(),
          shared.ike().cookieSecretLifetime());
      Devices devices = new Devices(context, config, shared);
      measured.eui64s().forEach(devices::admitInMemory);
      return devices.behavior();
    }));
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(FromRadio.class, this::onFromRadio)
        .onMessage(IkeFromUcn.class, this::onIke)
        .onMessage(RotateCookieSecret.class, m -> {
          shared.ike().cookieSecrets().updateAndGet(s -> s.rotate(shared.random()));
          return Behaviors.same();
        })
        .onMessage(JoinFinished.class, m -> {
          joining.remove(m.eui64());
          return startWaiting();
        })
        .onMessage(DeviceStopped.class, m -> {
          devices.remove(m.eui64());
          joining.remove(m.eui64());
          return startWaiting();
        })
        .build();
  }

  private Behavior<Command> onFromRadio(FromRadio m) {
    m.ack().tell(Done.getInstance());
    Decoded<PanaPacket> decoded = PanaPacket.decode(m.ipv6());
    if (!(decoded instanceof Decoded.Ok<PanaPacket> ok)) {
      return drop("undecodable PANA packet: {}", decoded);
    }
    PanaPacket p = ok.value();
    OptionalLong eui = p.cdEui64();
    if (eui.isEmpty()) {
      return drop("PANA from {}: network entry needs an EUI-64-based address", p.cdAddress());
    }
    long eui64 = eui.getAsLong();
    boolean pci = p.messageType() == PanaMessageType.CLIENT_INITIATION.id();
    if (pci && !joining.contains(eui64)) {
      if (joining.size() >= config.maxJoining()) {
        return wait(eui64, p);
      }
      joining.add(eui64);
    }
    return route(eui64, p, pci);
  }

  /**
   * A PCI while the joins in progress are at their bound waits in line, one entry per CD (its
   * retransmitted PCIs replace the entry in place, so the answer goes to its latest port); its
   * session starts as soon as a join ends, with no radio time lost to the CD's PCI backoff. A
   * full line sheds the PCI: the CD's retransmission brings it back.
   */
  private Behavior<Command> wait(long eui64, PanaPacket pci) {
    if (waiting.containsKey(eui64) || waiting.size() < config.maxWaiting()) {
      if (waiting.put(eui64, pci) == null) {
        shared.session().counters().waited();
      }
      return Behaviors.same();
    }
    shared.session().counters().shed();
    context.getLog().debug("PCI from {} shed: {} joins in progress, {} waiting",
        Eui64Text.colons(eui64), joining.size(), waiting.size());
    return Behaviors.same();
  }

  /** Starts the waiting joins that the bound now allows, oldest first. */
  private Behavior<Command> startWaiting() {
    var line = waiting.entrySet().iterator();
    while (joining.size() < config.maxJoining() && line.hasNext()) {
      var next = line.next();
      line.remove();
      if (joining.add(next.getKey())) {
        route(next.getKey(), next.getValue(), true);
      }
    }
    return Behaviors.same();
  }

  private Behavior<Command> route(long eui64, PanaPacket p, boolean pci) {
    ActorRef<Device.Command> device = devices.get(eui64);
    if (device == null) {
      if (!pci) {
        return drop("PANA from {} outside any session", Eui64Text.colons(eui64));
      }
      if (devices.size() >= config.maxDevices()) {
        joining.remove(eui64);
        return drop("PCI from {}: device limit reached", Eui64Text.colons(eui64));
      }
      device = context.spawn(
          Behaviors.supervise(Device.create(context.getSelf(), shared, eui64))
              .onFailure(SupervisorStrategy.stop()),
          "cd-" + Long.toHexString(eui64));
      context.watchWith(device, new DeviceStopped(eui64));
      devices.put(eui64, device);
    }
    device.tell(new Device.Pana(p));
    return Behaviors.same();
  }

  private Behavior<Command> onIke(IkeFromUcn m) {
    m.ack().tell(Done.getInstance());
    byte[] cd = m.datagram().local().getAddress().getAddress();
    long iid = java.nio.ByteBuffer.wrap(cd, 8, 8).getLong();
    ActorRef<Device.Command> device = devices.get(iid ^ 0x0200_0000_0000_0000L);
    if (device == null) {
      shared.ike().shared().drops().routing(net.iotgw.gateway.ike.IkeDrops.Routing.NO_CD);
      context.getLog().debug("IKE to {}: no such CD has joined", m.datagram().local());
      return Behaviors.same();
    }
    // The Device's mailbox and its IKE SAs' are not bounded by this actor's asks: the backlog is.
    net.iotgw.gateway.ike.IkeBacklog.Ticket ticket =
        shared.ike().backlog().take(m.datagram().message());
    if (ticket != null) {
      device.tell(new Device.Ike(m.datagram(), ticket));
    }
    return Behaviors.same();
  }

  /** A Device for {@code eui64}, admitted without PANA ({@link MeasuredCds}). */
  private void admitInMemory(long eui64) {
    ActorRef<Device.Command> device = context.spawn(
        Behaviors.supervise(Device.create(context.getSelf(), shared, eui64))
            .onFailure(SupervisorStrategy.stop()),
        "cd-" + Long.toHexString(eui64));
    context.watchWith(device, new DeviceStopped(eui64));
    devices.put(eui64, device);
    device.tell(new Device.AdmitInMemory());
  }

  private Behavior<Command> drop(String format, Object what) {
    shared.session().counters().dropped();
    context.getLog().debug(format, what);
    return Behaviors.same();
  }

}

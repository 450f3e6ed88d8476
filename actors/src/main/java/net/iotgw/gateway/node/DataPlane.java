package net.iotgw.gateway.node;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import net.iotgw.gateway.config.GatewayConfig;
import net.iotgw.radio.rcp.RadioLink;
import net.iotgw.radio.rcp.RcpConfig;
import net.iotgw.radio.rcp.RcpEvent;
import net.iotgw.radio.rcp.RcpSettings;
import net.iotgw.radio.serial.LinkAddress;
import net.iotgw.radio.serial.LinkEvent;
import net.iotgw.radio.serial.ReconnectSettings;
import net.iotgw.streams.dataplane.DataPlaneGraph;
import net.iotgw.streams.lowpan.EnforcementMode;
import net.iotgw.streams.lowpan.LinkKeyTable;
import net.iotgw.streams.lowpan.LinkResolver;
import net.iotgw.streams.lowpan.LowpanAdaptation;
import net.iotgw.streams.lowpan.LowpanConfig;
import net.iotgw.streams.lowpan.LowpanCounters;
import net.iotgw.streams.pcap.LinkType;
import net.iotgw.streams.pcap.PcapWriter;
import net.iotgw.streams.ucn.UcnPort;
import net.iotgw.gateway.device.Devices;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.Logger;

/**
 * Owns the materialized data plane ({@link DataPlaneGraph}: TUN, 6LoWPAN, radio) for as long as it
 * runs, and reports what the radio driver says. Packets never come here: the actor only starts the
 * stream, logs the radio's state changes and fails when the stream stops, so that its supervisor
 * ({@link Gateway}) starts a fresh one. A lost dongle does not stop the stream: the radio link
 * reconnects inside it.
 */
public final class DataPlane {

  /** What the data plane actor hears: radio state changes and the end of its stream. */
  public sealed interface Command {}

  /** A state change of the radio (per-frame completions are not sent here). */
  record RadioEvent(RcpEvent event) implements Command {}

  /** One end of the stream stopped; {@code failure} is null when it completed. */
  record StreamStopped(String end, Throwable failure) implements Command {}

  /** Thrown to the supervisor when the stream has stopped, so that it is started again. */
  static final class DataPlaneStopped extends RuntimeException {
    DataPlaneStopped(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final ActorContext<Command> context;
  private final UcnPort port;

  private DataPlane(ActorContext<Command> context, UcnPort port) {
    this.context = context;
    this.port = port;
  }

  /** With a key table of its own, which outlives restarts of the stream. */
  /**
   * @param parts what outlives this actor: the enforcement point's table (restarts must not start
   *     counters over under a key), the control packets' outlet, and how to open the UCN port
   * @param devices where PANA from CDs goes
   */
  public static Behavior<Command> create(
      GatewayConfig config, GatewayParts parts, ActorRef<Devices.Command> devices) {
    return Behaviors.setup(context -> start(context, config, parts, devices));
  }

  private static Behavior<Command> start(
      ActorContext<Command> context,
      GatewayConfig config,
      GatewayParts parts,
      ActorRef<Devices.Command> devices)
      throws IOException {
    Logger log = context.getLog();
    UcnPort port = parts.ucn().open(config, context.getSystem());
    log.info("UCN port {} attached (MTU {}), routing {}", port.name(), port.mtu(),
        config.cdPrefix());
    try {
      GatewayConfig.Radio r = config.radio();
      ActorRef<Command> self = context.getSelf();
      RadioLink radio =
          RadioLink.create(
              linkAddress(r),
              new RcpConfig(r.channel(), r.panId(), r.extendedAddress(), r.shortAddress()),
              RcpSettings.defaults(),
              ReconnectSettings.defaults(),
              event -> {
                // One message per state change, never per frame.
                if (!(event instanceof RcpEvent.Transmitted)) {
                  self.tell(new RadioEvent(event));
                }
              },
              context.getSystem());
      LowpanConfig lowpan =
          new LowpanConfig(
              config.cdPrefix(),
              r.extendedAddress(),
              r.shortAddress(),
              r.panId(),
              config.lowpan().maxReassemblies(),
              config.lowpan().maxReassemblyBytes(),
              config.lowpan().reassemblyTimeout(),
              config.enforcement().enforce() ? EnforcementMode.ENFORCE : EnforcementMode.OPEN,
              config.enforcement().securityLevel());
      DataPlaneGraph.Running running =
          DataPlaneGraph.create(
                  port,
                  LowpanAdaptation.create(
                      lowpan,
                      parts.keys(),
                      LinkResolver.fromInterfaceIdentifiers(config.cdPrefix()),
                      LowpanAdaptation.MONOTONIC_MILLIS,
                      parts.lowpan()),
                  DataPlaneGraph.psdus(radio),
                  ControlPlanePort.create(devices, parts.outlet(), context.getSystem()),
                  ControlPlanePort.ike(devices, parts.ike(), parts.ikeDrops(),
                      context.getSystem()),
                  parts.espRoutes(),
                  config.cdPrefix(),
                  capture(config.pcap().ucn(), LinkType.IPV6, log),
                  capture(config.pcap().radio(), LinkType.IEEE802_15_4_WITHFCS, log))
              .run(context.getSystem());
      parts.ikePort().set(running.ikePort());
      context.pipeToSelf(running.ucn(), (done, failure) -> new StreamStopped("UCN port", failure));
      context.pipeToSelf(running.radio(), (done, failure) -> new StreamStopped("radio", failure));
      log.info("data plane started; radio {} (channel {}, PAN 0x{}): waiting for the RCP",
          r.device(), r.channel(), Integer.toHexString(r.panId()));
      return new DataPlane(context, port).running();
    } catch (IOException | RuntimeException e) {
      port.close();
      throw e;
    }
  }

  private static LinkAddress linkAddress(GatewayConfig.Radio r) {
    LinkAddress a = LinkAddress.parse(r.device());
    if (a instanceof LinkAddress.SerialDevice s) {
      return new LinkAddress.SerialDevice(s.path(), r.baudRate());
    }
    return a;
  }

  private static Optional<PcapWriter> capture(Optional<Path> file, LinkType type, Logger log)
      throws IOException {
    if (file.isEmpty()) {
      return Optional.empty();
    }
    PcapWriter writer = PcapWriter.create(file.get(), type, Clock.systemUTC());
    log.info("capturing {} to {}", type, file.get());
    return Optional.of(writer);
  }

  private Behavior<Command> running() {
    return Behaviors.receive(Command.class)
        .onMessage(RadioEvent.class, this::onRadioEvent)
        .onMessage(StreamStopped.class, this::onStreamStopped)
        .onSignal(PreRestart.class, signal -> release())
        .onSignal(PostStop.class, signal -> release())
        .build();
  }

  private Behavior<Command> onRadioEvent(RadioEvent message) {
    Logger log = context.getLog();
    RcpEvent event = message.event();
    if (event instanceof RcpEvent.Ready ready) {
      log.info(
          "radio ready: RCP {} (Spinel {}.{})",
          ready.info().ncpVersion(),
          ready.info().protocolMajor(),
          ready.info().protocolMinor());
    } else if (event instanceof RcpEvent.Link link) {
      onLinkEvent(link.event(), log);
    } else if (event instanceof RcpEvent.UnexpectedReset reset) {
      log.warn("radio reset by itself (Spinel status {}); configuring it again", reset.reason());
    } else if (event instanceof RcpEvent.ReceiveDropped dropped) {
      log.warn("radio: received frames dropped, data plane too slow ({} so far)", dropped.total());
    } else if (event instanceof RcpEvent.TransmitLost lost) {
      log.debug("radio: transmit {} lost: {}", lost.tid(), lost.why());
    }
    return Behaviors.same();
  }

  private static void onLinkEvent(LinkEvent event, Logger log) {
    if (event instanceof LinkEvent.Up up && up.connection() > 1) {
      log.info("radio link recovered: {} (connection {})", up.address(), up.connection());
    } else if (event instanceof LinkEvent.Up up) {
      log.info("radio link up: {}", up.address());
    } else if (event instanceof LinkEvent.Down down) {
      log.warn("radio link lost: {} ({}); reconnecting", down.address(), down.cause());
    }
  }

  private Behavior<Command> onStreamStopped(StreamStopped stopped) {
    throw new DataPlaneStopped(
        "the data plane's " + stopped.end() + " stopped"
            + (stopped.failure() == null ? "" : ": " + stopped.failure()),
        stopped.failure());
  }

  private Behavior<Command> release() {
    port.close();
    return Behaviors.same();
  }
}

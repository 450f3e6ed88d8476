package net.iotgw.gateway.node;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import net.iotgw.gateway.aaa.Aaa;
import net.iotgw.gateway.config.GatewayConfig;
import net.iotgw.gateway.device.Device;
import net.iotgw.gateway.device.Devices;
import net.iotgw.gateway.device.EapSession;
import net.iotgw.gateway.device.LinkAdmission;
import net.iotgw.gateway.device.MeasuredCds;
import net.iotgw.gateway.ike.EspRoutes;
import net.iotgw.gateway.ike.IkeProfiles;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.streams.esp.EspForwardingTable;
import net.iotgw.streams.esp.EspRoute;
import net.iotgw.gateway.ike.IkeSaActor;
import net.iotgw.gateway.ike.IkeBacklog;
import net.iotgw.gateway.ike.IkeSaBound;
import net.iotgw.gateway.ike.IkeSupport;
import net.iotgw.protocols.ike.engine.CookieSecrets;
import net.iotgw.protocols.ike.engine.EngineConfig;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The guardian: the root of the actor tree (ARCHITECTURE, "The actor tree").
 *
 * <pre>
 *   Gateway ─┬─ aaa          RADIUS client or the embedded EAP-PSK authenticator
 *            ├─ devices      Device[EUI-64] ─ EapSession[PANA session]
 *            └─ data-plane   the materialized stream: UCN port, 6LoWPAN, link security, radio
 * </pre>
 *
 * The data plane is restarted with backoff whenever it fails (the TUN cannot be opened, the
 * stream stopped); the AAA is restarted at once. What both sides share ({@link GatewayParts}) is
 * made outside the actors so that it survives their restarts.
 */
public final class Gateway {
  /** First restart after 1 s, then doubling up to 30 s: a missing TUN is an operator's fix. */
  static final Duration MIN_BACKOFF = Duration.ofSeconds(1);

  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private Gateway() {}

  /** The ESP forwarder's table behind the IKE actors' view of it. */
  static EspRoutes routes(EspForwardingTable table) {
    return new EspRoutes() {
      @Override
      public void install(byte[] cdAddress, ChildSa child) {
        Ipv6Address cd = Ipv6Address.fromBytes(cdAddress);
        Ipv6Address ud = Ipv6Address.fromBytes(child.peer().getAddress().getAddress());
        table.install(child.udpEncapsulation()
            ? EspRoute.udpEncapsulated(cd, child.inboundSpi(), child.outboundSpi(), ud,
                child.peer().getPort())
            : EspRoute.raw(cd, child.inboundSpi(), child.outboundSpi(), ud));
      }

      @Override
      public void remove(int cdInboundSpi) {
        table.remove(cdInboundSpi);
      }
    };
  }

  /** A real deployment: the UCN is the configured TUN. */
  public static Behavior<Void> create(GatewayConfig config) {
    return create(config, GatewayParts.forTun());
  }

  public static Behavior<Void> create(GatewayConfig config, GatewayParts parts) {
    return create(config, parts, MeasuredCds.NONE);
  }

  /**
   * For measurement only (the {@code ike} load generator's in-process target): the gateway with
   * {@code measured} CDs admitted in memory from the start, without radio or PANA, their key
   * deliveries acknowledged at once. Nothing in a configuration file leads here.
   */
  public static Behavior<Void> create(GatewayConfig config, GatewayParts parts,
      MeasuredCds measured) {
    return Behaviors.setup(
        context -> {
          ActorRef<Aaa.Command> aaa =
              context.spawn(
                  Behaviors.supervise(Aaa.create(config.aaa()))
                      .onFailure(SupervisorStrategy.restart()),
                  "aaa");
          Map<Long, EngineConfig> profiles =
              IkeProfiles.load(config.ike().deviceStore(), config.cdPrefix(),
                  config.ike().debugKeys(), config.ike().keyDelivery(),
                  config.ike().maxChildSasPerIkeSa());
          LinkAdmission admission =
              new PublishedAdmission(parts.keys(), parts.espRoutes().ikeOffload(),
                  profiles::containsKey, config.cdPrefix());
          EapSession.Settings session =
              new EapSession.Settings(
                  config.radio().extendedAddress(),
                  config.networkEntry().sessionLifetime(),
                  parts.counters(),
                  parts.outlet());
          SecureRandom random = new SecureRandom();
          context.getLog().info("IKE on behalf of {} CDs (profiles from {})", profiles.size(),
              config.ike().deviceStore());
          IkeSupport ike =
              new IkeSupport(
                  eui64 -> Optional.ofNullable(profiles.get(eui64)),
                  new IkeSaActor.Shared(parts.ike(), routes(parts.espRoutes()), random,
                      config.ike().dpdInterval(), parts.ikeDrops()),
                  config.ike().cookieThreshold(),
                  new AtomicReference<>(CookieSecrets.create(random)),
                  config.ike().cookieSecretLifetime(),
                  new IkeSaBound(config.ike().maxSasPerCd()),
                  // The crypto dispatcher's threads: one per core, at most 16 (reference.conf).
                  IkeBacklog.forCores(Math.min(16, Runtime.getRuntime().availableProcessors()),
                      parts.ikeDrops()));
          IkeDeadLetters.spawn(context, parts.ikeDrops());
          ActorRef<Devices.Command> devices =
              context.spawn(
                  Devices.create(
                      config.networkEntry(),
                      new Device.Shared(aaa, admission, session, random, ike),
                      measured),
                  "devices");
          context.spawn(
              Behaviors.supervise(DataPlane.create(config, parts, devices))
                  .onFailure(SupervisorStrategy.restartWithBackoff(MIN_BACKOFF, MAX_BACKOFF, 0.2)),
              "data-plane");
          return Behaviors.<Void>receive(Void.class)
              .onSignal(
                  PostStop.class,
                  signal -> {
                    context.getLog().info("gateway stopped");
                    return Behaviors.same();
                  })
              .build();
        });
  }
}

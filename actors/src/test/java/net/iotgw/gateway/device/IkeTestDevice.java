package net.iotgw.gateway.device;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import net.iotgw.gateway.aaa.Aaa;
import net.iotgw.gateway.control.ControlOutlet;
import net.iotgw.gateway.ike.EspRoutes;
import net.iotgw.gateway.config.NetworkEntryConfig;
import net.iotgw.gateway.ike.IkeBacklog;
import net.iotgw.gateway.ike.IkeSaActor;
import net.iotgw.gateway.ike.IkeSaBound;
import net.iotgw.gateway.ike.IkeSupport;
import net.iotgw.protocols.ieee802154.security.LinkKey;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.CookieSecrets;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.Limits;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A Device for tests of how it takes IKE: one CD with the IKE profile {@code cd}, no ESP routes
 * and no link layer behind it (both ignore what they are told), and neither AAA nor Devices
 * listening. The caller admits the CD its own way.
 */
final class IkeTestDevice {
  /** Half-open SAs (no IKE_AUTH comes in these tests) end after 700 ms. */
  static final Limits SHORT_HALF_OPEN = new Limits(Limits.DEFAULT.retransmit(), 700,
      Limits.DEFAULT.keyDeliveryMillis(), Limits.DEFAULT.ikeSaLifetimeMillis(),
      Limits.DEFAULT.childSaLifetimeMillis(), Limits.DEFAULT.maxMessageBytes(),
      Limits.DEFAULT.maxFragments(), Limits.DEFAULT.maxReassemblyBytes(),
      Limits.DEFAULT.maxInitRetries(), Limits.DEFAULT.ikeSaRekeyMillis(),
      Limits.DEFAULT.childSaRekeyMillis(), Limits.DEFAULT.rekeyJitterMillis(),
      Limits.DEFAULT.rekeyedIkeSaMillis());

  /** An ESP forwarder that is never read. */
  static final EspRoutes NO_ROUTES = new EspRoutes() {
    @Override
    public void install(byte[] cdAddress, ChildSa child) {}

    @Override
    public void remove(int cdInboundSpi) {}
  };

  private static final LinkAdmission NO_LINK = new LinkAdmission() {
    @Override
    public void admit(long eui64, LinkKey key) {}

    @Override
    public void admitWithoutLink(long eui64) {}

    @Override
    public void revoke(long eui64) {}
  };

  private IkeTestDevice() {}

  /**
   * @param cookieThreshold half-open SAs before COOKIEs are asked (RFC 7296 §2.6)
   */
  static ActorRef<Device.Command> spawn(ActorTestKit kit, long eui64, EngineConfig cd,
      IkeSaActor.Shared ike, int cookieThreshold, IkeSaBound bound, SecureRandom random) {
    Device.Shared shared = shared(kit, eui64, cd, ike, cookieThreshold, bound,
        IkeBacklog.unbounded(ike.drops()), random);
    return kit.spawn(Device.create(kit.<Devices.Command>createTestProbe().ref(), shared, eui64));
  }

  /**
   * A Devices actor with the one CD {@code eui64} admitted in memory ({@link MeasuredCds}), COOKIEs
   * past 8 half-open SAs, at most 16 SAs, and IKE datagrams queued within {@code backlog}.
   */
  static ActorRef<Devices.Command> spawnDevices(ActorTestKit kit, long eui64, EngineConfig cd,
      IkeSaActor.Shared ike, IkeBacklog backlog, SecureRandom random) {
    Device.Shared shared = shared(kit, eui64, cd, ike, 8, new IkeSaBound(16), backlog, random);
    return kit.spawn(Devices.create(new NetworkEntryConfig(Duration.ofHours(1), 1, 1, 16), shared,
        new MeasuredCds(java.util.List.of(eui64))));
  }

  private static Device.Shared shared(ActorTestKit kit, long eui64, EngineConfig cd,
      IkeSaActor.Shared ike, int cookieThreshold, IkeSaBound bound, IkeBacklog backlog,
      SecureRandom random) {
    IkeSupport support = new IkeSupport(eui -> eui == eui64 ? Optional.of(cd) : Optional.empty(),
        ike, cookieThreshold, new AtomicReference<>(CookieSecrets.create(random)),
        Duration.ofMinutes(5), bound, backlog);
    return new Device.Shared(
        kit.<Aaa.Command>createTestProbe().ref(), NO_LINK,
        new EapSession.Settings(1, Duration.ofHours(1), new NetworkEntryCounters(),
            new ControlOutlet<>()),
        random, support);
  }
}

package net.iotgw.gateway.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.iotgw.gateway.ike.InMemoryUd;
import net.iotgw.gateway.ike.IkeSaActor;
import net.iotgw.gateway.ike.IkeSaBound;
import net.iotgw.protocols.ieee802154.security.LinkKey;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.IkeDecoder;
import net.iotgw.protocols.ike.codec.IkeHeader;
import net.iotgw.protocols.ike.engine.Datagram;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.Limits;
import net.iotgw.protocols.wire.Decoded;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The bound on IKE SAs a Device holds for its CD (iotgw.ike.max-sas-per-cd): beyond it an
 * IKE_SA_INIT is dropped unanswered and counted; the initiator's retransmission gets in once a
 * slot is free.
 */
class DeviceIkeSaBoundTest {
  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final long EUI64 = 0x0200_0000_0000_0001L;

  private static final Limits SHORT_HALF_OPEN = IkeTestDevice.SHORT_HALF_OPEN;

  private final BlockingQueue<Datagram> fromGateway = new LinkedBlockingQueue<>();
  private final SecureRandom random = new SecureRandom();

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  @Test
  void anIkeSaInitBeyondTheBoundGetsNoAnswerAndItsRetransmissionGetsInOnceASlotIsFree()
      throws Exception {
    IkeSaBound bound = new IkeSaBound(2);
    ActorRef<Device.Command> device = admittedDevice(bound);
    InMemoryUd[] uds = {InMemoryUd.start(Limits.DEFAULT, random),
        InMemoryUd.start(Limits.DEFAULT, random), InMemoryUd.start(Limits.DEFAULT, random)};
    for (InMemoryUd ud : uds) {
      device.tell(new Device.Ike(ud.first()));
    }
    Set<Long> answered = initResponses(Duration.ofSeconds(1));
    assertEquals(Set.of(spiI(uds[0]), spiI(uds[1])), answered, "two SAs, the bound");
    assertEquals(1, bound.refused());

    // A retransmission of a held SA's request is that SA's business, not a new SA.
    device.tell(new Device.Ike(uds[0].first()));
    assertEquals(Set.of(spiI(uds[0])), initResponses(Duration.ofMillis(300)));
    assertEquals(1, bound.refused());

    // The half-open SAs time out; the third UD's retransmission is then answered.
    Thread.sleep(1500);
    device.tell(new Device.Ike(uds[2].first()));
    assertEquals(Set.of(spiI(uds[2])), initResponses(Duration.ofSeconds(1)));
    assertEquals(1, bound.refused());
  }

  @Test
  void refusalsAreLoggedAtOnceThenAtMostOnceAMinuteWithTheirCount() {
    long minute = TimeUnit.MINUTES.toNanos(1);
    IkeSaBound.RefusalLog log = new IkeSaBound.RefusalLog(minute);
    long t0 = 5_000_000_000L;
    assertEquals(1, log.refusedAt(t0).orElseThrow());
    for (int i = 1; i <= 99; i++) {
      assertTrue(log.refusedAt(t0 + i * (minute / 100)).isEmpty());
    }
    assertEquals(100, log.refusedAt(t0 + minute).orElseThrow(), "99 held back, and this one");
    assertTrue(log.refusedAt(t0 + minute + 1).isEmpty());
  }

  @Test
  void theBoundAdmitsBelowItsMaximumAndCountsWhatItRefuses() {
    IkeSaBound bound = new IkeSaBound(1);
    assertTrue(bound.admit(0));
    assertEquals(false, bound.admit(1));
    assertEquals(false, bound.admit(5));
    assertEquals(2, bound.refused());
  }

  /** A Device whose CD is admitted and has an IKE profile; no COOKIE asked (threshold 100). */
  private ActorRef<Device.Command> admittedDevice(IkeSaBound bound) {
    EngineConfig cd = InMemoryUd.cdConfig(SHORT_HALF_OPEN);
    ActorRef<Device.Command> device = IkeTestDevice.spawn(KIT, EUI64, cd,
        new IkeSaActor.Shared(InMemoryUd.outlet(KIT.system(), fromGateway),
            IkeTestDevice.NO_ROUTES, random),
        100, bound, random);
    device.tell(new Device.SessionOpened(1, "cd@test.example", LinkKey.of(new byte[16]), 3600));
    return device;
  }

  /** The SPIi of every IKE_SA_INIT response the gateway sends within {@code time}. */
  private Set<Long> initResponses(Duration time) throws InterruptedException {
    Set<Long> spis = new HashSet<>();
    long until = System.nanoTime() + time.toNanos();
    for (long left; (left = until - System.nanoTime()) > 0; ) {
      Datagram d = fromGateway.poll(left, TimeUnit.NANOSECONDS);
      if (d != null && IkeDecoder.decodeHeader(d.message()) instanceof Decoded.Ok<IkeHeader> h
          && h.value().response()
          && h.value().exchangeType() == ExchangeType.IKE_SA_INIT.id()) {
        spis.add(h.value().spiI());
      }
    }
    return spis;
  }

  private static long spiI(InMemoryUd ud) {
    return java.nio.ByteBuffer.wrap(ud.first().message(), 0, 8).getLong();
  }
}

package net.iotgw.gateway.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.iotgw.gateway.ike.IkeDrops;
import net.iotgw.gateway.ike.IkeSaActor;
import net.iotgw.gateway.ike.IkeSaBound;
import net.iotgw.gateway.ike.InMemoryUd;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.IkeDecoder;
import net.iotgw.protocols.ike.codec.IkeHeader;
import net.iotgw.protocols.ike.engine.Datagram;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.IkeOutput;
import net.iotgw.protocols.ike.engine.Limits;
import net.iotgw.protocols.wire.Decoded;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 7296 §2.6 under load (issue 6): an initiator answered with a COOKIE sends IKE_SA_INIT again
 * with the COOKIE and the same SPIi, while an older copy of its first request, without the COOKIE,
 * may still be queued. That copy must not open an SA when it arrives after the gate has opened
 * again (the initiator would take its response, and its AUTH would cover another request): it
 * gets a COOKIE again, and the request with the COOKIE is answered and completes.
 */
class DeviceCookieRetryTest {
  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final long EUI64 = 0x0200_0000_0000_0002L;

  private static final Limits SHORT_HALF_OPEN = IkeTestDevice.SHORT_HALF_OPEN;

  private final BlockingQueue<Datagram> fromGateway = new LinkedBlockingQueue<>();
  private final SecureRandom random = new SecureRandom();
  private final IkeDrops drops = new IkeDrops();

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  @Test
  void aStaleCopyWithoutTheCookieOpensNoSaOnceTheGateIsOpenAgainRfc7296Section2_6()
      throws Exception {
    ActorRef<Device.Command> device = admittedDevice();
    InMemoryUd other = InMemoryUd.start(Limits.DEFAULT, random);
    InMemoryUd ud = InMemoryUd.start(Limits.DEFAULT, random);
    long spiI = spiI(ud.first());

    // One half-open SA reaches the threshold (1): the UD's first request gets a COOKIE.
    device.tell(new Device.Ike(other.first()));
    assertNotEquals(0, initResponse(spiI(other.first())).spiR());
    device.tell(new Device.Ike(ud.first()));
    Datagram cookie = nextResponse(spiI, ExchangeType.IKE_SA_INIT);
    assertEquals(0, header(cookie).spiR(), "a COOKIE answer keeps no SA");
    List<Datagram> withCookie = ud.receive(cookie);
    assertEquals(1, withCookie.size());
    assertEquals(spiI, spiI(withCookie.get(0)), "§2.6: the same SPIi, now with the COOKIE");

    // The other SA times out (the gate is open again); a queued copy of the UD's first request
    // arrives: it is asked for the COOKIE again, no SA is opened.
    Thread.sleep(1200);
    device.tell(new Device.Ike(ud.first()));
    assertEquals(0, initResponse(spiI).spiR(), "a COOKIE again, not an SA");

    // The request with the COOKIE is answered, and the handshake completes.
    device.tell(new Device.Ike(withCookie.get(0)));
    Datagram answer = nextResponse(spiI, ExchangeType.IKE_SA_INIT);
    assertNotEquals(0, header(answer).spiR());
    List<Datagram> auth = ud.receive(answer);
    assertEquals(1, auth.size());
    assertEquals(ExchangeType.IKE_AUTH.id(), header(auth.get(0)).exchangeType());
    device.tell(new Device.Ike(auth.get(0)));
    ud.receive(nextResponse(spiI, ExchangeType.IKE_AUTH));
    assertTrue(ud.session().isEstablished(), "established: " + ud.session().state());
    assertEquals(0, drops.count(IkeOutput.DropReason.WRONG_MESSAGE_ID));
  }

  @Test
  void aRetransmissionIdenticalToTheOpeningRequestStillGoesToItsSaRfc7296Section2_1()
      throws Exception {
    ActorRef<Device.Command> device = admittedDevice();
    InMemoryUd ud = InMemoryUd.start(Limits.DEFAULT, random);
    long spiI = spiI(ud.first());
    device.tell(new Device.Ike(ud.first()));
    byte[] first = initResponse(spiI).message;
    device.tell(new Device.Ike(ud.first()));
    assertTrue(java.util.Arrays.equals(first, initResponse(spiI).message),
        "the cached response, not a new SA's");
  }

  private record Answer(long spiR, byte[] message) {}

  private Answer initResponse(long spiI) throws InterruptedException {
    Datagram d = nextResponse(spiI, ExchangeType.IKE_SA_INIT);
    return new Answer(header(d).spiR(), d.message());
  }

  /** The next response of {@code exchange} for {@code spiI}, within 2 s; others are skipped. */
  private Datagram nextResponse(long spiI, ExchangeType exchange) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    for (long left; (left = until - System.nanoTime()) > 0; ) {
      Datagram d = fromGateway.poll(left, TimeUnit.NANOSECONDS);
      if (d != null && header(d).response() && header(d).spiI() == spiI
          && header(d).exchangeType() == exchange.id()) {
        return d;
      }
    }
    assertNotNull(null, "no " + exchange + " response for SPIi " + Long.toHexString(spiI));
    return null;
  }

  /** A Device whose CD is admitted in memory; COOKIEs from one half-open SA on. */
  private ActorRef<Device.Command> admittedDevice() {
    EngineConfig cd = InMemoryUd.cdConfig(SHORT_HALF_OPEN);
    ActorRef<Device.Command> device = IkeTestDevice.spawn(KIT, EUI64, cd,
        new IkeSaActor.Shared(InMemoryUd.outlet(KIT.system(), fromGateway),
            IkeTestDevice.NO_ROUTES, random, IkeSaActor.DEFAULT_LIVENESS_INTERVAL, drops),
        1, new IkeSaBound(16), random);
    device.tell(new Device.AdmitInMemory());
    return device;
  }

  private static IkeHeader header(Datagram d) {
    return ((Decoded.Ok<IkeHeader>) IkeDecoder.decodeHeader(d.message())).value();
  }

  private static long spiI(Datagram d) {
    return java.nio.ByteBuffer.wrap(d.message(), 0, 8).getLong();
  }
}

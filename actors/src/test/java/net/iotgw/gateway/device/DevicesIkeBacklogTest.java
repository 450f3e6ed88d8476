package net.iotgw.gateway.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.iotgw.gateway.ike.IkeBacklog;
import net.iotgw.gateway.ike.IkeDrops;
import net.iotgw.gateway.ike.IkeSaActor;
import net.iotgw.gateway.ike.InMemoryUd;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.IkeDecoder;
import net.iotgw.protocols.ike.codec.IkeHeader;
import net.iotgw.protocols.ike.engine.Datagram;
import net.iotgw.protocols.ike.engine.Limits;
import net.iotgw.protocols.wire.Decoded;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The IKE datagrams Devices hands on are bounded by the {@link IkeBacklog}, not by the Device's
 * and the IKE SA actors' mailboxes: beyond it they are dropped and counted, new IKE_SA_INITs
 * first; every datagram taken gives its place back, whether an SA took it or the Device dropped
 * it.
 */
class DevicesIkeBacklogTest {
  private static final ActorTestKit KIT = ActorTestKit.create();
  /** InMemoryUd.CD, 2001:db8:cd::1: interface identifier 1, EUI-64 with the U/L bit flipped. */
  private static final long EUI64 = 0x0200_0000_0000_0001L;

  private final BlockingQueue<Datagram> fromGateway = new LinkedBlockingQueue<>();
  private final SecureRandom random = new SecureRandom();
  private final IkeDrops drops = new IkeDrops();
  private final ActorRef<Done> acks = KIT.<Done>createTestProbe().ref();

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  @Test
  void aFullBacklogDropsNewIkeSaInitsFirstAndEveryPlaceComesBackOnceServed() throws Exception {
    IkeBacklog backlog = new IkeBacklog(3, 2, drops);
    ActorRef<Devices.Command> devices = devices(backlog);
    InMemoryUd early = InMemoryUd.start(Limits.DEFAULT, random);
    InMemoryUd late = InMemoryUd.start(Limits.DEFAULT, random);
    devices.tell(new Devices.IkeFromUcn(early.first(), acks));
    List<Datagram> auth = early.receive(next(spiI(early.first()), ExchangeType.IKE_SA_INIT));
    assertEquals(1, auth.size());

    // Two datagrams queued elsewhere fill new work's share: a new IKE_SA_INIT is dropped ...
    IkeBacklog.Ticket held1 = backlog.take(late.first().message());
    IkeBacklog.Ticket held2 = backlog.take(late.first().message());
    devices.tell(new Devices.IkeFromUcn(late.first(), acks));
    assertNull(poll(spiI(late.first()), ExchangeType.IKE_SA_INIT, 500), "dropped, unanswered");
    assertEquals(1, drops.count(IkeDrops.Routing.BACKLOG_NEW_SA));

    // ... while the IKE_AUTH of a handshake under way still gets in and completes.
    devices.tell(new Devices.IkeFromUcn(auth.get(0), acks));
    early.receive(next(spiI(early.first()), ExchangeType.IKE_AUTH));
    assertTrue(early.session().isEstablished(), "established: " + early.session().state());

    // The whole bound reached: work under way is dropped too.
    IkeBacklog.Ticket held3 = backlog.take(auth.get(0).message());
    devices.tell(new Devices.IkeFromUcn(auth.get(0), acks));
    awaitCount(IkeDrops.Routing.BACKLOG, 1);

    // Places given back: the initiator's retransmission gets in.
    held1.release();
    held2.release();
    held3.release();
    devices.tell(new Devices.IkeFromUcn(late.first(), acks));
    assertNotEquals(0, header(next(spiI(late.first()), ExchangeType.IKE_SA_INIT)).spiR());
    awaitQueued(backlog, 0);
  }

  @Test
  void aDatagramTheDeviceDropsGivesBackItsPlace() throws Exception {
    IkeBacklog backlog = new IkeBacklog(1, 1, drops);
    ActorRef<Devices.Command> devices = devices(backlog);
    byte[] forNoSa = InMemoryUd.start(Limits.DEFAULT, random).first().message().clone();
    forNoSa[15] = 1; // a SPIr: not an IKE_SA_INIT request, and no SA has this SPIi
    Datagram d = InMemoryUd.start(Limits.DEFAULT, random).first();
    devices.tell(new Devices.IkeFromUcn(new Datagram(d.local(), d.remote(), forNoSa), acks));
    awaitCount(IkeDrops.Routing.NO_SA, 1);
    awaitQueued(backlog, 0);
    assertEquals(0, drops.count(IkeDrops.Routing.BACKLOG));
  }

  private ActorRef<Devices.Command> devices(IkeBacklog backlog) {
    return IkeTestDevice.spawnDevices(KIT, EUI64, InMemoryUd.cdConfig(Limits.DEFAULT),
        new IkeSaActor.Shared(InMemoryUd.outlet(KIT.system(), fromGateway),
            IkeTestDevice.NO_ROUTES, random, IkeSaActor.DEFAULT_LIVENESS_INTERVAL, drops),
        backlog, random);
  }

  private void awaitCount(IkeDrops.Routing reason, long n) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (drops.count(reason) < n && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertEquals(n, drops.count(reason), reason.toString());
  }

  private static void awaitQueued(IkeBacklog backlog, int n) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (backlog.queued() != n && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertEquals(n, backlog.queued(), "datagrams still holding a place");
  }

  private Datagram next(long spiI, ExchangeType exchange) throws InterruptedException {
    Datagram d = poll(spiI, exchange, 2000);
    assertNotNull(d, "no " + exchange + " response for SPIi " + Long.toHexString(spiI));
    return d;
  }

  /** The next response of {@code exchange} for {@code spiI}, or null; others are skipped. */
  private Datagram poll(long spiI, ExchangeType exchange, long millis)
      throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    for (long left; (left = until - System.nanoTime()) > 0; ) {
      Datagram d = fromGateway.poll(left, TimeUnit.NANOSECONDS);
      if (d != null && header(d).response() && header(d).spiI() == spiI
          && header(d).exchangeType() == exchange.id()) {
        return d;
      }
    }
    return null;
  }

  private static IkeHeader header(Datagram d) {
    return ((Decoded.Ok<IkeHeader>) IkeDecoder.decodeHeader(d.message())).value();
  }

  private static long spiI(Datagram d) {
    return java.nio.ByteBuffer.wrap(d.message(), 0, 8).getLong();
  }
}

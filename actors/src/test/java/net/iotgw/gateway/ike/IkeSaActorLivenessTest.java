package net.iotgw.gateway.ike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.IkeHeader;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.CookieGate;
import net.iotgw.protocols.ike.engine.Datagram;
import net.iotgw.protocols.ike.engine.KeyDelivery;
import net.iotgw.protocols.ike.engine.Limits;
import net.iotgw.protocols.ike.engine.LivenessCheck;
import net.iotgw.protocols.ike.engine.RetransmitPolicy;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Liveness checks scheduled by the IKE SA actor (RFC 7296 §2.4), against our own initiator engine
 * as the UD, in memory, on real (short) timers.
 */
class IkeSaActorLivenessTest {
  private static final ActorTestKit KIT = ActorTestKit.create();

  /** Requests retransmitted after 150 ms, twice, then given up: 450 ms of silence ends an SA. */
  private static final Limits FAST =
      Limits.DEFAULT.withRetransmit(new RetransmitPolicy(150, 1.0, 2));

  /** Retransmissions after 1 s: a slow test thread does not make the gateway resend. */
  private static final Limits PATIENT =
      Limits.DEFAULT.withRetransmit(new RetransmitPolicy(1000, 1.0, 2));

  private final BlockingQueue<Datagram> fromGateway = new LinkedBlockingQueue<>();
  private final List<ChildSa> installed = new CopyOnWriteArrayList<>();
  private final List<Integer> removed = new CopyOnWriteArrayList<>();
  private final BlockingQueue<List<Integer>> ended = new LinkedBlockingQueue<>();
  private final SecureRandom random = new SecureRandom();
  private InMemoryUd ud;
  private ActorRef<IkeSaActor.Command> sa;
  /** When the test last gave the gateway something from the UD. */
  private long lastToGatewayNanos;

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  @Test
  void rfc7296Section2_4ACheckIsSentOnlyOnceThePeerHasBeenSilentForTheInterval() throws Exception {
    establish(Duration.ofMillis(600), PATIENT);
    // The UD talks (its own liveness checks, every 150 ms) for three intervals: no check of ours.
    long talkUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1800);
    while (System.nanoTime() < talkUntil) {
      toGateway(ud.queue(new LivenessCheck()));
      pump(Duration.ofMillis(150), d -> assertTrue(InMemoryUd.request(d).isEmpty(),
          "a check while the peer sends authentic requests"));
    }
    Datagram check = nextRequest(Duration.ofSeconds(3));
    long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastToGatewayNanos);
    assertTrue(silentMillis >= 600, "checked after " + silentMillis + " ms of silence");
    assertTrue(silentMillis < 2000, "checked only after " + silentMillis + " ms of silence");
    assertEquals(ExchangeType.INFORMATIONAL.id(),
        InMemoryUd.request(check).orElseThrow().exchangeType());
    assertEquals(1, ud.receive(check).size(), "the UD answers the empty INFORMATIONAL");
  }

  @Test
  void rfc7296Section2_4AnAnsweringPeerKeepsItsSaThroughManyChecks() throws Exception {
    establish(Duration.ofMillis(300), PATIENT);
    List<Long> checks = new ArrayList<>();
    pump(Duration.ofMillis(2500),
        d -> InMemoryUd.request(d).ifPresent(h -> checks.add(h.messageId())));
    assertTrue(checks.size() >= 3, "checks: " + checks);
    for (int i = 1; i < checks.size(); i++) {
      assertEquals(checks.get(i - 1) + 1, checks.get(i), "each a new exchange, none resent");
    }
    assertTrue(removed.isEmpty(), "routes removed: " + removed);
    assertTrue(ended.isEmpty(), "the CD was told to drop its SAs");
    assertTrue(ud.session().isEstablished());
  }

  @Test
  void rfc7296Section2_4ASilentPeerEndsTheSaItsRoutesAndTheCdsSas() throws Exception {
    establish(Duration.ofMillis(300), FAST);
    TestProbe<Object> probe = KIT.createTestProbe();
    List<IkeHeader> unanswered = new ArrayList<>();
    List<Integer> told = null;
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (told == null && System.nanoTime() < until) {
      Datagram d = fromGateway.poll(50, TimeUnit.MILLISECONDS);
      if (d != null) {
        InMemoryUd.request(d).ifPresent(unanswered::add); // the UD is gone: nothing answers
      }
      told = ended.poll();
    }
    probe.expectTerminated(sa, Duration.ofSeconds(2));
    int spi = installed.get(0).inboundSpi();
    assertEquals(List.of(spi), told, "the CD is told to drop the CHILD_SA");
    assertEquals(List.of(spi), removed, "the ESP route is gone");
    assertEquals(3, unanswered.size(), "the check, then its two retransmissions (§2.1)");
    assertTrue(unanswered.stream().allMatch(h -> h.messageId() == unanswered.get(0).messageId()
        && h.exchangeType() == ExchangeType.INFORMATIONAL.id()));
  }

  @Test
  void rfc7296Section2_4ForgedMessagesWithTheSasSpisDoNotPassForSignsOfLife() throws Exception {
    establish(Duration.ofMillis(400), PATIENT);
    byte[] forged = ud.queue(new LivenessCheck()).get(0).message();
    forged[forged.length - 1] ^= 1; // the ICV no longer verifies
    List<Datagram> checks = new ArrayList<>();
    long forgeUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
    while (System.nanoTime() < forgeUntil && checks.isEmpty()) {
      toGateway(List.of(new Datagram(ud.first().local(), ud.first().remote(), forged.clone())));
      Datagram d = fromGateway.poll(100, TimeUnit.MILLISECONDS);
      if (d != null) {
        InMemoryUd.request(d).ifPresent(h -> checks.add(d));
      }
    }
    assertEquals(1, checks.size(), "a check while forgeries kept coming every 100 ms");
  }

  @Test
  void aZeroIntervalTurnsLivenessChecksOff() throws Exception {
    establish(Duration.ZERO, PATIENT);
    List<IkeHeader> requests = new ArrayList<>();
    pump(Duration.ofMillis(1200), d -> InMemoryUd.request(d).ifPresent(requests::add));
    assertTrue(requests.isEmpty(), "requests: " + requests);
  }

  /** IKE_SA_INIT and IKE_AUTH between the UD and a fresh IKE SA actor run with {@code limits}. */
  private void establish(Duration livenessInterval, Limits limits) throws InterruptedException {
    EspRoutes routes = new EspRoutes() {
      @Override
      public void install(byte[] cdAddress, ChildSa child) {
        installed.add(child);
      }

      @Override
      public void remove(int cdInboundSpi) {
        removed.add(cdInboundSpi);
      }
    };
    IkeSaActor.Keys keys = new IkeSaActor.Keys() {
      @Override
      public void deliver(KeyDelivery delivery, ActorRef<IkeSaActor.Command> replyTo) {
        replyTo.tell(new IkeSaActor.KeysDelivered());
      }

      @Override
      public void ended(List<Integer> cdInboundSpis, String reason) {
        ended.add(List.copyOf(cdInboundSpis));
      }

      @Override
      public void routeAlso(long spiI) {}

      @Override
      public void retire(long spiI) {}
    };
    IkeSaActor.Shared shared = new IkeSaActor.Shared(
        InMemoryUd.outlet(KIT.system(), fromGateway), routes, random, livenessInterval);
    // The UD is always patient: with FAST, a gateway slowed by a loaded machine past 450 ms for
    // its IKE_SA_INIT answer would make the UD give up before the SA exists (seen at load 12).
    ud = InMemoryUd.start(PATIENT, random);
    sa = KIT.spawn(IkeSaActor.responder(shared, keys, InMemoryUd.cdConfig(limits), ud.first(),
        CookieGate.open(), "test SA"));
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!ud.session().isEstablished() && System.nanoTime() < until) {
      Datagram d = fromGateway.poll(100, TimeUnit.MILLISECONDS);
      toGateway(d == null ? ud.tick() : ud.receive(d));
    }
    assertTrue(ud.session().isEstablished(), "UD: " + ud.session().closed());
    assertEquals(1, installed.size(), "the CHILD_SA's route");
  }

  /** For {@code time}: each gateway datagram is seen by {@code check}, then the UD answers it. */
  private void pump(Duration time, Consumer<Datagram> check) throws InterruptedException {
    long until = System.nanoTime() + time.toNanos();
    for (long left; (left = until - System.nanoTime()) > 0; ) {
      Datagram d = fromGateway.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)),
          TimeUnit.NANOSECONDS);
      if (d != null) {
        check.accept(d);
        toGateway(ud.receive(d));
      }
      toGateway(ud.tick());
    }
  }

  private Datagram nextRequest(Duration timeout) throws InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    for (long left; (left = until - System.nanoTime()) > 0; ) {
      Datagram d = fromGateway.poll(left, TimeUnit.NANOSECONDS);
      if (d != null && InMemoryUd.request(d).isPresent()) {
        return d;
      }
    }
    throw new AssertionError("no request from the gateway in " + timeout);
  }

  private void toGateway(List<Datagram> datagrams) {
    for (Datagram d : datagrams) {
      sa.tell(new IkeSaActor.FromPeer(d));
      lastToGatewayNanos = System.nanoTime();
    }
  }
}

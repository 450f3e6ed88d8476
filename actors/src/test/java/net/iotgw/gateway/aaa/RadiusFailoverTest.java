package net.iotgw.gateway.aaa;

import net.iotgw.testing.Hostapd;

import static net.iotgw.gateway.aaa.AaaTesting.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import net.iotgw.gateway.aaa.Counters.Counter;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fail-over and dropped answers: a fake server in the test answers with a broken authenticator
 * (dropped, counted; the request stays pending, is retransmitted unchanged and finally moves to the
 * next server), stays silent, or challenges once and then falls silent.
 */
class RadiusFailoverTest {

  static final ActorTestKit KIT = ActorTestKit.create();
  static final Duration TIMEOUT = Duration.ofMillis(200);
  static final byte[] STATE = "fake-state".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  /** A fake server answering every request with a Challenge that {@code tamper} spoils. */
  static FakeRadiusServer spoiling(Function<byte[], UnaryOperator<byte[]>> tamper)
      throws Exception {
    return FakeRadiusServer.start(
        (request, n) ->
            List.of(FakeRadiusServer.challenge(request, SECRET, STATE, tamper.apply(request))));
  }

  private void failsOverToHostapd(FakeRadiusServer fake, Counter dropped) throws Exception {
    try (fake;
        Hostapd hostapd = Hostapd.start(dir, SECRET, Map.of(IDENTITY, PSK))) {
      ActorRef<Aaa.Command> aaa =
          spawn(KIT, radius(List.of(fake.server(SECRET), AaaTesting.server(hostapd, SECRET)), 1, TIMEOUT));
      CdPeer.Outcome o = run(KIT, aaa, new EapSessionId(CD1, 1), IDENTITY, PSK);
      Aaa.Accept accept = assertInstanceOf(Aaa.Accept.class, o.last(), () -> o.last().toString());
      assertArrayEquals(o.peerMsk(), accept.msk());
      Map<Counter, Long> c = counters(KIT, aaa);
      assertEquals(3, c.get(dropped), c::toString);
      assertEquals(2, c.get(Counter.RETRANSMISSIONS), c::toString);
      assertEquals(1, c.get(Counter.FAILOVERS), c::toString);
      // RFC 5080 §2.2.1: the retransmissions are the same datagram (Identifier, Authenticator).
      assertEquals(3, fake.received.size());
      assertArrayEquals(fake.received.get(0), fake.received.get(1));
      assertArrayEquals(fake.received.get(0), fake.received.get(2));
    }
  }

  @Test
  void rfc3579_3_2_answersWithABadMessageAuthenticatorAreDroppedAndTheSessionFailsOver()
      throws Exception {
    failsOverToHostapd(
        spoiling(request -> FakeRadiusServer.badMessageAuthenticator(request, SECRET)),
        Counter.BAD_MESSAGE_AUTHENTICATOR);
  }

  @Test
  void rfc2865_3_answersWithABadResponseAuthenticatorAreDroppedAndTheSessionFailsOver()
      throws Exception {
    failsOverToHostapd(
        spoiling(request -> FakeRadiusServer::badResponseAuthenticator),
        Counter.BAD_RESPONSE_AUTHENTICATOR);
  }

  @Test
  void withOnlyAServerWhoseAnswersAreDroppedTheRelayIsUnavailable() throws Exception {
    try (FakeRadiusServer fake =
        spoiling(request -> FakeRadiusServer.badMessageAuthenticator(request, SECRET))) {
      ActorRef<Aaa.Command> aaa = spawn(KIT, radius(List.of(fake.server(SECRET)), 2, TIMEOUT));
      long start = System.nanoTime();
      Aaa.Answer a = relay(KIT, aaa, new EapSessionId(CD1, 2), identityResponse(1, IDENTITY));
      long millis = (System.nanoTime() - start) / 1_000_000;
      Aaa.Unavailable u = assertInstanceOf(Aaa.Unavailable.class, a);
      assertEquals(
          "no RADIUS server answered: [" + fake.server(SECRET).address() + " (3 attempts)]",
          u.reason());
      // Three attempts of 200 ms each.
      assertTrue(millis >= 550 && millis < 10_000, millis + " ms");
      assertEquals(3, counters(KIT, aaa).get(Counter.BAD_MESSAGE_AUTHENTICATOR));
    }
  }

  @Test
  void aServerThatFailedIsTriedAfterTheOthersUntilItsDeadTimePasses() throws Exception {
    try (FakeRadiusServer silent = FakeRadiusServer.start((request, n) -> List.of());
        Hostapd hostapd = Hostapd.start(dir, SECRET, Map.of(IDENTITY, PSK))) {
      ActorRef<Aaa.Command> aaa =
          spawn(KIT, radius(List.of(silent.server(SECRET), AaaTesting.server(hostapd, SECRET)), 1, TIMEOUT));
      assertInstanceOf(
          Aaa.Accept.class, run(KIT, aaa, new EapSessionId(CD1, 3), IDENTITY, PSK).last());
      assertEquals(3, silent.received.size());
      assertInstanceOf(
          Aaa.Accept.class, run(KIT, aaa, new EapSessionId(CD1, 4), IDENTITY, PSK).last());
      // The second session went straight to hostapd: no request, no fail-over.
      assertEquals(3, silent.received.size());
      Map<Counter, Long> c = counters(KIT, aaa);
      assertEquals(1, c.get(Counter.FAILOVERS), c::toString);
      assertEquals(2, c.get(Counter.ACCEPTED), c::toString);
    }
  }

  @Test
  void aSessionStaysWithTheServerThatChallengedItAndIsUnavailableWhenItFallsSilent()
      throws Exception {
    try (FakeRadiusServer once =
            FakeRadiusServer.start(
                (request, n) ->
                    n == 1
                        ? List.of(FakeRadiusServer.challenge(request, SECRET, STATE, w -> w))
                        : List.of());
        FakeRadiusServer other = FakeRadiusServer.start((request, n) -> List.of())) {
      ActorRef<Aaa.Command> aaa =
          spawn(KIT, radius(List.of(once.server(SECRET), other.server(SECRET)), 1, TIMEOUT));
      EapSessionId id = new EapSessionId(CD1, 5);
      Aaa.Challenge c =
          assertInstanceOf(Aaa.Challenge.class, relay(KIT, aaa, id, identityResponse(1, IDENTITY)));
      byte[] response = {2, c.eapRequest()[1], 0, 6, 47, 0};
      Aaa.Unavailable u = assertInstanceOf(Aaa.Unavailable.class, relay(KIT, aaa, id, response));
      assertTrue(u.reason().contains(once.server(SECRET).address()), u.reason());
      // Its EAP conversation lives on the first server: the second never hears of it.
      assertEquals(4, once.received.size());
      assertEquals(0, other.received.size());
    }
  }

  @Test
  void forgetAnswersTheRelayInFlightAndStopsItsRetransmissions() throws Exception {
    try (FakeRadiusServer silent = FakeRadiusServer.start((request, n) -> List.of())) {
      ActorRef<Aaa.Command> aaa = spawn(KIT, radius(List.of(silent.server(SECRET)), 1, TIMEOUT));
      EapSessionId id = new EapSessionId(CD1, 6);
      TestProbe<Aaa.Answer> probe = KIT.createTestProbe();
      aaa.tell(new Aaa.Relay(id, identityResponse(1, IDENTITY), probe.ref()));
      aaa.tell(new Aaa.Forget(id));
      Aaa.Unavailable u = probe.expectMessageClass(Aaa.Unavailable.class);
      assertEquals("the network entry ended before the AAA answered", u.reason());
      Thread.sleep(3 * TIMEOUT.toMillis());
      probe.expectNoMessage(Duration.ofMillis(100));
      assertEquals(1, silent.received.size());
      assertEquals(0, counters(KIT, aaa).get(Counter.RETRANSMISSIONS));
    }
  }
}

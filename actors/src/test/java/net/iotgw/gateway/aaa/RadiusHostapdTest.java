package net.iotgw.gateway.aaa;

import net.iotgw.testing.Hostapd;

import static net.iotgw.gateway.aaa.AaaTesting.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.iotgw.gateway.aaa.Counters.Counter;
import net.iotgw.protocols.eap.EapCodec;
import net.iotgw.protocols.eap.EapPacket;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RADIUS client against hostapd 2.10's RADIUS server with EAP-PSK users (recipe:
 * shared/interop/hostapd-radius.md): a protocols EapPskPeer runs through Relay/Answer, hostapd
 * authenticates it, and the MSK we unwrap from MS-MPPE-Recv-Key|Send-Key equals the peer's.
 */
class RadiusHostapdTest {

  static final ActorTestKit KIT = ActorTestKit.create();
  static final Map<String, byte[]> USERS = Map.of(IDENTITY, PSK);

  @TempDir Path dir;
  Hostapd hostapd;

  @BeforeEach
  void startHostapd() throws Exception {
    hostapd = Hostapd.start(dir, SECRET, USERS);
  }

  @AfterEach
  void stopHostapd() throws Exception {
    hostapd.close();
  }

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  private static ActorRef<Aaa.Command> spawn(AaaConfig.Radius radius) {
    return AaaTesting.spawn(KIT, radius);
  }

  private static CdPeer.Outcome run(
      ActorRef<Aaa.Command> aaa, EapSessionId id, String identity, byte[] psk) throws Exception {
    return AaaTesting.run(KIT, aaa, id, identity, psk);
  }

  private static Map<Counter, Long> counters(ActorRef<Aaa.Command> aaa) {
    return AaaTesting.counters(KIT, aaa);
  }

  @Test
  void rfc3579_hostapdAcceptsTheCdAndTheMsk_rfc2548_equalsThePeers() throws Exception {
    ActorRef<Aaa.Command> aaa =
        spawn(radius(List.of(AaaTesting.server(hostapd, SECRET)), 2, Duration.ofSeconds(1)));
    CdPeer.Outcome o = run(aaa, new EapSessionId(CD1, 1), IDENTITY, PSK);
    Aaa.Accept accept = assertInstanceOf(Aaa.Accept.class, o.last(), () -> o.last().toString());
    assertNotNull(o.peerMsk(), "the peer did not authenticate hostapd");
    assertEquals(64, accept.msk().length);
    assertArrayEquals(o.peerMsk(), accept.msk());
    assertInstanceOf(EapPacket.Success.class, EapCodec.decode(accept.eapSuccess()).orThrow());
    assertEquals(3, o.relays());
    Map<Counter, Long> c = counters(aaa);
    assertEquals(3, c.get(Counter.REQUESTS));
    assertEquals(0, c.get(Counter.RETRANSMISSIONS));
    assertEquals(1, c.get(Counter.ACCEPTED));
  }

  @Test
  void aWrongPskIsAnAccessRejectFromHostapd() throws Exception {
    ActorRef<Aaa.Command> aaa =
        spawn(radius(List.of(AaaTesting.server(hostapd, SECRET)), 1, Duration.ofSeconds(1)));
    CdPeer.Outcome o = run(aaa, new EapSessionId(CD1, 2), IDENTITY, OTHER_PSK);
    Aaa.Reject reject = assertInstanceOf(Aaa.Reject.class, o.last(), () -> o.last().toString());
    assertEquals("RADIUS Access-Reject from " + hostapd.address(), reject.reason());
    assertInstanceOf(EapPacket.Failure.class, EapCodec.decode(reject.eapFailure()).orThrow());
  }

  @Test
  void twoHundredConcurrentSessionsThroughTwoSocketsAreAllAccepted() throws Exception {
    ActorRef<Aaa.Command> aaa =
        spawn(radius(List.of(AaaTesting.server(hostapd, SECRET)), 2, Duration.ofSeconds(1)));
    int n = 200;
    long start = System.nanoTime();
    List<CompletableFuture<CdPeer.Outcome>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(
          CdPeer.run(KIT.system(), aaa, new EapSessionId(CD1, 1000 + i), IDENTITY, PSK)
              .toCompletableFuture());
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    long millis = (System.nanoTime() - start) / 1_000_000;
    for (CompletableFuture<CdPeer.Outcome> f : all) {
      CdPeer.Outcome o = f.get();
      Aaa.Accept accept = assertInstanceOf(Aaa.Accept.class, o.last(), () -> o.last().toString());
      assertArrayEquals(o.peerMsk(), accept.msk());
    }
    Map<Counter, Long> c = counters(aaa);
    assertEquals(n, c.get(Counter.ACCEPTED));
    assertEquals(3L * n, c.get(Counter.REQUESTS));
    // Both sockets carried requests: hostapd saw two source ports.
    Matcher from = Pattern.compile("Received \\d+ bytes from ::1:(\\d+)").matcher(hostapd.log());
    Set<String> ports = new HashSet<>();
    while (from.find()) {
      ports.add(from.group(1));
    }
    assertEquals(2, ports.size(), ports::toString);
    System.out.printf(
        "RADIUS/hostapd: %d concurrent sessions accepted in %d ms (%.0f accepts/s), %d"
            + " retransmissions%n",
        n, millis, n * 1000.0 / millis, c.get(Counter.RETRANSMISSIONS));
  }

  @Test
  void moreSessionsThanIdentifiersWaitForASlot_rfc2865_3() throws Exception {
    // One socket: 256 requests in flight at most; the others queue and go as answers free slots.
    ActorRef<Aaa.Command> aaa =
        spawn(radius(List.of(AaaTesting.server(hostapd, SECRET)), 1, Duration.ofSeconds(2)));
    int n = 400;
    List<CompletableFuture<CdPeer.Outcome>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(
          CdPeer.run(KIT.system(), aaa, new EapSessionId(CD1, 5000 + i), IDENTITY, PSK)
              .toCompletableFuture());
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    for (CompletableFuture<CdPeer.Outcome> f : all) {
      assertInstanceOf(Aaa.Accept.class, f.get().last(), () -> f.join().last().toString());
    }
    assertEquals(n, counters(aaa).get(Counter.ACCEPTED));
  }

  @Test
  void hostapdSeesTheCdsEui64AsCallingStationId() throws Exception {
    ActorRef<Aaa.Command> aaa =
        spawn(radius(List.of(AaaTesting.server(hostapd, SECRET)), 1, Duration.ofSeconds(1)));
    assertInstanceOf(Aaa.Accept.class, run(aaa, new EapSessionId(CD1, 3), IDENTITY, PSK).last());
    String log = hostapd.log();
    // hostapd's attribute dump of every Access-Request; its own parse keeps 6 octets (a MAC).
    assertTrue(
        log.contains(
            "Attribute 31 (Calling-Station-Id) length=25\n      Value: '02-00-00-00-00-00-01-01'"),
        "hostapd log lacks the Calling-Station-Id:\n" + log);
  }
}

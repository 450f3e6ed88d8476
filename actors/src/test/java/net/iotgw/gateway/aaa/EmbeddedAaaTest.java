package net.iotgw.gateway.aaa;

import static net.iotgw.gateway.aaa.AaaTesting.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import net.iotgw.gateway.aaa.Counters.Counter;
import net.iotgw.protocols.eap.EapCodec;
import net.iotgw.protocols.eap.EapPacket;
import net.iotgw.protocols.eap.EapType;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class EmbeddedAaaTest {

  private static final ActorTestKit KIT = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  private static DeviceStore store() {
    return DeviceStore.parse(
        ConfigFactory.parseString(
            "devices = [\n"
                + " { identity = \"cd1@iot.example\", psk = \"000102030405060708090a0b0c0d0e0f\","
                + " eui64 = \"02:00:00:00:00:00:01:01\" }\n"
                + " { identity = \"any@iot.example\", psk = \"000102030405060708090a0b0c0d0e0f\""
                + " }\n"
                + "]"));
  }

  private static ActorRef<Aaa.Command> spawn(int maxSessions, Duration idle) {
    return KIT.spawn(
        EmbeddedAaa.create(
            new AaaConfig.Embedded("iotgw", Path.of("unused"), maxSessions),
            idle,
            store(),
            new SecureRandom()));
  }

  private static CdPeer.Outcome run(
      ActorRef<Aaa.Command> aaa, EapSessionId id, String identity, byte[] psk) throws Exception {
    return AaaTesting.run(KIT, aaa, id, identity, psk);
  }

  private static Aaa.Answer relay(ActorRef<Aaa.Command> aaa, EapSessionId id, byte[] eap) {
    return AaaTesting.relay(KIT, aaa, id, eap);
  }

  private static Map<Counter, Long> counters(ActorRef<Aaa.Command> aaa) {
    return AaaTesting.counters(KIT, aaa);
  }

  @Test
  void rfc4764_theDeviceIsAcceptedAndBothSidesHoldTheSameMsk() throws Exception {
    CdPeer.Outcome o =
        run(spawn(10, Duration.ofSeconds(60)), new EapSessionId(CD1, 1), "cd1@iot.example", PSK);
    Aaa.Accept accept = assertInstanceOf(Aaa.Accept.class, o.last());
    assertEquals(64, accept.msk().length);
    assertArrayEquals(o.peerMsk(), accept.msk());
    // Identity, message 2, message 4.
    assertEquals(3, o.relays());
    assertInstanceOf(EapPacket.Success.class, EapCodec.decode(accept.eapSuccess()).orThrow());
    assertFalse(accept.toString().contains(HexFormat.of().formatHex(accept.msk()).substring(0, 8)));
    assertTrue(accept.toString().contains("redacted"));
  }

  @Test
  void rfc4764_5_2_aWrongPskIsRejectedAsAMacPMismatch() throws Exception {
    CdPeer.Outcome o =
        run(
            spawn(10, Duration.ofSeconds(60)),
            new EapSessionId(CD1, 2),
            "cd1@iot.example",
            OTHER_PSK);
    Aaa.Reject reject = assertInstanceOf(Aaa.Reject.class, o.last());
    assertEquals("wrong PSK (MAC_P mismatch) for identity cd1@iot.example", reject.reason());
    assertInstanceOf(EapPacket.Failure.class, EapCodec.decode(reject.eapFailure()).orThrow());
    assertEquals(2, o.relays());
  }

  @Test
  void anUnknownIdentityIsRejected() throws Exception {
    CdPeer.Outcome o =
        run(spawn(10, Duration.ofSeconds(60)), new EapSessionId(CD1, 3), "nobody@iot.example", PSK);
    Aaa.Reject reject = assertInstanceOf(Aaa.Reject.class, o.last());
    assertEquals("unknown identity nobody@iot.example", reject.reason());
  }

  @Test
  void anIdentityBoundToAnotherEui64IsRejectedEvenWithItsPsk() throws Exception {
    CdPeer.Outcome o =
        run(spawn(10, Duration.ofSeconds(60)), new EapSessionId(CD2, 4), "cd1@iot.example", PSK);
    Aaa.Reject reject = assertInstanceOf(Aaa.Reject.class, o.last());
    assertEquals(
        "identity cd1@iot.example is bound to EUI-64 02:00:00:00:00:00:01:01", reject.reason());
  }

  @Test
  void anUnboundIdentityIsAcceptedFromAnyCd() throws Exception {
    ActorRef<Aaa.Command> aaa = spawn(10, Duration.ofSeconds(60));
    assertInstanceOf(
        Aaa.Accept.class, run(aaa, new EapSessionId(CD1, 5), "any@iot.example", PSK).last());
    assertInstanceOf(
        Aaa.Accept.class, run(aaa, new EapSessionId(CD2, 6), "any@iot.example", PSK).last());
    Map<Counter, Long> c = counters(aaa);
    assertEquals(2, c.get(Counter.ACCEPTED));
    // Message 1 and message 3 of each exchange.
    assertEquals(4, c.get(Counter.CHALLENGED));
  }

  @Test
  void sessionsBeyondMaxSessionsAreUnavailableUntilOneIsForgotten() {
    ActorRef<Aaa.Command> aaa = spawn(2, Duration.ofSeconds(60));
    for (int i = 0; i < 2; i++) {
      assertInstanceOf(
          Aaa.Challenge.class,
          relay(aaa, new EapSessionId(CD1, 10 + i), identityResponse(1, "cd1@iot.example")));
    }
    Aaa.Unavailable full =
        assertInstanceOf(
            Aaa.Unavailable.class,
            relay(aaa, new EapSessionId(CD1, 12), identityResponse(1, "cd1@iot.example")));
    assertEquals("too many sessions (max-sessions 2)", full.reason());
    aaa.tell(new Aaa.Forget(new EapSessionId(CD1, 10)));
    assertInstanceOf(
        Aaa.Challenge.class,
        relay(aaa, new EapSessionId(CD1, 12), identityResponse(1, "cd1@iot.example")));
  }

  @Test
  void anIdleSessionExpiresAndItsPlaceIsFreed() throws Exception {
    ActorRef<Aaa.Command> aaa = spawn(1, Duration.ofMillis(200));
    EapSessionId first = new EapSessionId(CD1, 20);
    assertInstanceOf(
        Aaa.Challenge.class, relay(aaa, first, identityResponse(1, "cd1@iot.example")));
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (counters(aaa).get(Counter.EXPIRED) == 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(1, counters(aaa).get(Counter.EXPIRED));
    assertInstanceOf(
        Aaa.Challenge.class,
        relay(aaa, new EapSessionId(CD1, 21), identityResponse(1, "cd1@iot.example")));
    aaa.tell(new Aaa.Forget(new EapSessionId(CD1, 21)));
    // The expired session is gone: its next message is no Identity, so it starts nothing.
    Aaa.Reject reject =
        assertInstanceOf(
            Aaa.Reject.class,
            relay(
                aaa,
                first,
                EapCodec.encode(new EapPacket.Response(2, EapType.PSK.id(), new byte[40]))));
    assertTrue(reject.reason().startsWith("the first EAP packet is not an EAP-Response/Identity"));
  }

  @Test
  void rfc3748_4_1_aResponseThatAnswersNothingGetsTheOutstandingRequestAgain() throws Exception {
    ActorRef<Aaa.Command> aaa = spawn(10, Duration.ofSeconds(60));
    EapSessionId id = new EapSessionId(CD1, 30);
    Aaa.Challenge first =
        assertInstanceOf(
            Aaa.Challenge.class, relay(aaa, id, identityResponse(41, "cd1@iot.example")));
    // Message 1 carries the next Identifier.
    assertEquals(42, first.eapRequest()[1] & 0xff);
    byte[] wrongIdentifier =
        EapCodec.encode(new EapPacket.Response(17, EapType.PSK.id(), new byte[40]));
    Aaa.Challenge again = assertInstanceOf(Aaa.Challenge.class, relay(aaa, id, wrongIdentifier));
    assertArrayEquals(first.eapRequest(), again.eapRequest());
    Aaa.Challenge garbage =
        assertInstanceOf(Aaa.Challenge.class, relay(aaa, id, new byte[] {2, 42, 0}));
    assertArrayEquals(first.eapRequest(), garbage.eapRequest());
    assertEquals(2, counters(aaa).get(Counter.REPEATED));
  }

  @Test
  void theFirstRelayMustBeAnIdentityResponse() {
    ActorRef<Aaa.Command> aaa = spawn(10, Duration.ofSeconds(60));
    Aaa.Reject reject =
        assertInstanceOf(
            Aaa.Reject.class,
            relay(
                aaa,
                new EapSessionId(CD1, 40),
                EapCodec.encode(new EapPacket.Response(9, EapType.PSK.id(), new byte[4]))));
    // RFC 3748 §4.2: the Failure carries the Identifier of the Response.
    assertEquals(new EapPacket.Failure(9), EapCodec.decode(reject.eapFailure()).orThrow());
    Aaa.Reject empty =
        assertInstanceOf(
            Aaa.Reject.class, relay(aaa, new EapSessionId(CD1, 41), identityResponse(3, "")));
    assertEquals("EAP identity of 0 octets", empty.reason());
  }

  @Test
  void createLoadsTheConfiguredDeviceStoreFile() throws Exception {
    AaaConfig config =
        new AaaConfig(
            new AaaConfig.Embedded("iotgw", Path.of("../config/devices.conf"), 10),
            Duration.ofSeconds(60));
    ActorRef<Aaa.Command> aaa = KIT.spawn(Aaa.create(config));
    CdPeer.Outcome o = run(aaa, new EapSessionId(CD1, 50), "cd1@iot.example", PSK);
    assertInstanceOf(Aaa.Accept.class, o.last());
  }

  @Test
  void sessionIdsShowTheEui64AsHexOctets() {
    assertEquals(
        "EapSessionId[02:00:00:00:00:00:01:0a, PANA session 7]",
        new EapSessionId(0x020000000000010aL, 7).toString());
  }
}

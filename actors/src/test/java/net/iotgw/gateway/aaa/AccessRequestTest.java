package net.iotgw.gateway.aaa;

import static net.iotgw.gateway.aaa.AaaTesting.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import net.iotgw.gateway.aaa.Counters.Counter;
import net.iotgw.protocols.eap.EapCodec;
import net.iotgw.protocols.eap.EapPacket;
import net.iotgw.protocols.eap.EapType;
import net.iotgw.protocols.radius.AttributeType;
import net.iotgw.protocols.radius.Attributes;
import net.iotgw.protocols.radius.EapMessages;
import net.iotgw.protocols.radius.MppeKeys;
import net.iotgw.protocols.radius.Msk;
import net.iotgw.protocols.radius.RadiusAttribute;
import net.iotgw.protocols.radius.RadiusAuth;
import net.iotgw.protocols.radius.RadiusCode;
import net.iotgw.protocols.radius.RadiusPacket;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** What our Access-Requests carry on the wire, and how unusual answers are read. */
class AccessRequestTest {

  static final ActorTestKit KIT = ActorTestKit.create();
  static final byte[] STATE = "state-1".getBytes(StandardCharsets.US_ASCII);
  static final Duration TIMEOUT = Duration.ofMillis(300);

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  /** A fake server whose n-th request gets {@code answer(request, n)} (null: silence). */
  static FakeRadiusServer server(BiFunction<byte[], Integer, byte[]> answer) throws Exception {
    return FakeRadiusServer.start(
        (request, n) -> {
          byte[] out = answer.apply(request, n);
          return out == null ? List.of() : List.of(out);
        });
  }

  static byte[] signed(byte[] request, RadiusCode code, List<RadiusAttribute> attributes) {
    RadiusPacket req = RadiusPacket.decode(request).orThrow();
    return RadiusAuth.signResponse(
        new RadiusPacket(code, req.identifier(), new byte[16], attributes),
        req.authenticator(),
        SECRET.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] challenge(byte[] request) {
    return FakeRadiusServer.challenge(request, SECRET, STATE, w -> w);
  }

  private static ActorRef<Aaa.Command> client(FakeRadiusServer fake) {
    return spawn(KIT, radius(List.of(fake.server(SECRET)), 1, TIMEOUT));
  }

  private static byte[] attribute(int type, byte[] value) {
    byte[] a = new byte[2 + value.length];
    a[0] = (byte) type;
    a[1] = (byte) a.length;
    System.arraycopy(value, 0, a, 2, value.length);
    return a;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void rfc3579_theFirstAccessRequestCarriesTheIdentityAndDescribesNasAndCd() throws Exception {
    try (FakeRadiusServer fake = server((request, n) -> challenge(request))) {
      ActorRef<Aaa.Command> aaa = client(fake);
      byte[] identity = identityResponse(7, IDENTITY);
      assertInstanceOf(Aaa.Challenge.class, relay(KIT, aaa, new EapSessionId(CD1, 1), identity));
      byte[] wire = fake.received.get(0);
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      expected.writeBytes(attribute(AttributeType.USER_NAME, ascii(IDENTITY)));
      expected.writeBytes(attribute(AttributeType.NAS_IDENTIFIER, ascii("iotgw-test")));
      expected.writeBytes(HexFormat.of().parseHex("3d0600000005")); // NAS-Port-Type Virtual
      expected.writeBytes(
          attribute(AttributeType.CALLING_STATION_ID, ascii("02-00-00-00-00-00-01-01")));
      expected.writeBytes(HexFormat.of().parseHex("0c0600000478")); // Framed-MTU 1144
      expected.writeBytes(attribute(AttributeType.EAP_MESSAGE, identity));
      byte[] attributes = expected.toByteArray();
      assertEquals(1, wire[0]); // Access-Request
      assertEquals(20 + attributes.length + 18, wire.length);
      assertEquals(wire.length, ((wire[2] & 0xff) << 8) | (wire[3] & 0xff));
      assertArrayEquals(attributes, Arrays.copyOfRange(wire, 20, 20 + attributes.length));
      // RFC 3579 §3.2: a Message-Authenticator, last, valid under the shared secret.
      assertEquals(0x50, wire[wire.length - 18]);
      assertEquals(18, wire[wire.length - 17]);
      assertInstanceOf(
          RadiusAuth.Verified.Accepted.class,
          RadiusAuth.verifyRequest(wire, SECRET.getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void rfc2865_5_24_theStateIsEchoedAndRfc3579_3_1_longEapIsSplitAt253() throws Exception {
    try (FakeRadiusServer fake = server((request, n) -> challenge(request))) {
      ActorRef<Aaa.Command> aaa = client(fake);
      EapSessionId id = new EapSessionId(CD1, 2);
      Aaa.Challenge c =
          assertInstanceOf(Aaa.Challenge.class, relay(KIT, aaa, id, identityResponse(7, IDENTITY)));
      assertEquals(8, c.eapRequest()[1]);
      byte[] big = EapCodec.encode(new EapPacket.Response(8, EapType.PSK.id(), new byte[595]));
      assertEquals(600, big.length);
      assertInstanceOf(Aaa.Challenge.class, relay(KIT, aaa, id, big));
      RadiusPacket second = RadiusPacket.decode(fake.received.get(1)).orThrow();
      assertArrayEquals(STATE, Attributes.state(second).orElseThrow());
      assertEquals(
          List.of(253, 253, 94),
          second.all(AttributeType.EAP_MESSAGE).stream().map(a -> a.value().length).toList());
      assertArrayEquals(big, EapMessages.join(second).orThrow().orElseThrow());
      assertArrayEquals(
          ascii(IDENTITY), second.first(AttributeType.USER_NAME).orElseThrow().value());
    }
  }

  @Test
  void rfc2865_3_beyond256RequestsInFlightPerSocketTheNextWaitForAFreeIdentifier()
      throws Exception {
    // The server holds its answers until it has 256 requests, then answers them all.
    List<byte[]> held = new CopyOnWriteArrayList<>();
    try (FakeRadiusServer fake =
        FakeRadiusServer.start(
            (request, n) -> {
              if (n > 256) {
                return List.of(challenge(request));
              }
              held.add(request);
              return n < 256 ? List.of() : held.stream().map(r -> challenge(r)).toList();
            })) {
      ActorRef<Aaa.Command> aaa =
          spawn(KIT, radius(List.of(fake.server(SECRET)), 1, Duration.ofSeconds(10)));
      List<TestProbe<Aaa.Answer>> probes = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        probes.add(KIT.createTestProbe());
        aaa.tell(
            new Aaa.Relay(
                new EapSessionId(CD1, 100 + i),
                identityResponse(7, IDENTITY),
                probes.get(i).ref()));
      }
      for (var probe : probes) {
        probe.expectMessageClass(Aaa.Challenge.class, Duration.ofSeconds(20));
      }
      assertEquals(
          256,
          held.stream().map(r -> r[1] & 0xff).distinct().count(),
          "the first 256 requests use every Identifier once");
      assertEquals(300, fake.received.size());
      var c = counters(KIT, aaa);
      // Requests told after the server's 256 answers got back find free Identifiers: how many
      // did depends on scheduling, but the 257th, told at once, always finds none.
      assertTrue(c.get(Counter.WAITED) >= 1 && c.get(Counter.WAITED) <= 44, c::toString);
      assertEquals(300, c.get(Counter.REQUESTS), c::toString);
      assertEquals(0, c.get(Counter.RETRANSMISSIONS), c::toString);
    }
  }

  @Test
  void anIpv4ServerIsReachedFromTheDualStackSockets() throws Exception {
    try (FakeRadiusServer fake =
        FakeRadiusServer.start(
            InetAddress.getByName("127.0.0.1"), (request, n) -> List.of(challenge(request)))) {
      assertTrue(fake.server(SECRET).address().startsWith("127.0.0.1:"));
      assertInstanceOf(
          Aaa.Challenge.class,
          relay(KIT, client(fake), new EapSessionId(CD1, 8), identityResponse(7, IDENTITY)));
      assertEquals(1, fake.received.size());
    }
  }

  @Test
  void rfc5080_2_2_1_aRetransmissionRepeatsIdentifierAndAuthenticator() throws Exception {
    try (FakeRadiusServer fake = server((request, n) -> n == 2 ? challenge(request) : null)) {
      ActorRef<Aaa.Command> aaa = client(fake);
      assertInstanceOf(
          Aaa.Challenge.class,
          relay(KIT, aaa, new EapSessionId(CD1, 3), identityResponse(7, IDENTITY)));
      assertEquals(2, fake.received.size());
      assertArrayEquals(fake.received.get(0), fake.received.get(1));
      assertEquals(1, counters(KIT, aaa).get(Counter.RETRANSMISSIONS));
    }
  }

  @Test
  void rfc3748_4_1_aResponseToAnotherIdentifierIsNotSentButAnsweredWithTheRequestAgain()
      throws Exception {
    try (FakeRadiusServer fake = server((request, n) -> challenge(request))) {
      ActorRef<Aaa.Command> aaa = client(fake);
      EapSessionId id = new EapSessionId(CD1, 4);
      Aaa.Challenge c =
          assertInstanceOf(Aaa.Challenge.class, relay(KIT, aaa, id, identityResponse(7, IDENTITY)));
      byte[] stale = EapCodec.encode(new EapPacket.Response(7, EapType.PSK.id(), new byte[8]));
      Aaa.Challenge again = assertInstanceOf(Aaa.Challenge.class, relay(KIT, aaa, id, stale));
      assertArrayEquals(c.eapRequest(), again.eapRequest());
      assertEquals(1, fake.received.size());
      assertEquals(1, counters(KIT, aaa).get(Counter.REPEATED));
    }
  }

  @Test
  void rfc2548_anAccessAcceptWithoutEapMessageIsAnAcceptWithAMadeUpSuccess() throws Exception {
    byte[] key = new byte[Msk.LENGTH];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (i * 7);
    }
    try (FakeRadiusServer fake =
        server(
            (request, n) ->
                n == 1
                    ? challenge(request)
                    : signed(
                        request,
                        RadiusCode.ACCESS_ACCEPT,
                        List.of(
                            MppeKeys.attributeFor(
                                new Msk(key),
                                0x1234,
                                0x5678,
                                SECRET.getBytes(StandardCharsets.UTF_8),
                                RadiusPacket.decode(request).orThrow().authenticator()))))) {
      ActorRef<Aaa.Command> aaa = client(fake);
      EapSessionId id = new EapSessionId(CD1, 5);
      relay(KIT, aaa, id, identityResponse(7, IDENTITY));
      byte[] response = EapCodec.encode(new EapPacket.Response(8, EapType.PSK.id(), new byte[8]));
      Aaa.Accept accept = assertInstanceOf(Aaa.Accept.class, relay(KIT, aaa, id, response));
      assertArrayEquals(key, accept.msk());
      assertEquals(new EapPacket.Success(8), EapCodec.decode(accept.eapSuccess()).orThrow());
    }
  }

  @Test
  void anAccessAcceptWithoutMppeKeysIsARejectForNothingCouldKeyPana() throws Exception {
    try (FakeRadiusServer fake =
        server((request, n) -> signed(request, RadiusCode.ACCESS_ACCEPT, List.of()))) {
      ActorRef<Aaa.Command> aaa = client(fake);
      Aaa.Reject reject =
          assertInstanceOf(
              Aaa.Reject.class,
              relay(KIT, aaa, new EapSessionId(CD1, 6), identityResponse(7, IDENTITY)));
      assertTrue(
          reject
              .reason()
              .startsWith(
                  "Access-Accept from "
                      + fake.server(SECRET).address()
                      + " without usable MS-MPPE keys"),
          reject.reason());
      assertEquals(new EapPacket.Failure(7), EapCodec.decode(reject.eapFailure()).orThrow());
    }
  }

  @Test
  void anAccessRejectsReplyMessageJoinsTheReasonWithControlCharactersEscaped() throws Exception {
    try (FakeRadiusServer fake =
        server(
            (request, n) ->
                signed(
                    request,
                    RadiusCode.ACCESS_REJECT,
                    List.of(
                        new RadiusAttribute(AttributeType.REPLY_MESSAGE, ascii("go away\n")))))) {
      ActorRef<Aaa.Command> aaa = client(fake);
      Aaa.Reject reject =
          assertInstanceOf(
              Aaa.Reject.class,
              relay(KIT, aaa, new EapSessionId(CD1, 7), identityResponse(7, IDENTITY)));
      assertEquals(
          "RADIUS Access-Reject from " + fake.server(SECRET).address() + ": go away\\x0a",
          reject.reason());
      assertEquals(new EapPacket.Failure(7), EapCodec.decode(reject.eapFailure()).orThrow());
    }
  }
}

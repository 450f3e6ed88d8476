package net.iotgw.protocols.ike.engine;

import static net.iotgw.protocols.ike.engine.Conversation.Side.INITIATOR;
import static net.iotgw.protocols.ike.engine.Conversation.Side.RESPONDER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.codec.IkeDecoder;
import net.iotgw.protocols.ike.codec.IkeMessage;
import net.iotgw.protocols.ike.codec.KePayload;
import net.iotgw.protocols.ike.codec.NoncePayload;
import net.iotgw.protocols.ike.codec.NotifyPayload;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.engine.IkeOutput.CloseReason;
import net.iotgw.protocols.ike.engine.TestProfiles.TestSuite;
import org.junit.jupiter.api.Test;

/** The IKE_SA_INIT rounds that precede an SA: INVALID_KE_PAYLOAD (RFC 7296 §1.3) and COOKIE (§2.6). */
class InitRoundsTest {

  private static Conversation groups(List<DhGroup> initiator, List<DhGroup> responder, long seed) {
    TestSuite s = TestSuite.AES_GCM_16_X25519;
    Profile i = TestProfiles.withGroups(TestProfiles.psk(TestProfiles.UD, TestProfiles.CD, s), initiator);
    Profile r = TestProfiles.withGroups(TestProfiles.psk(TestProfiles.CD, TestProfiles.UD, s), responder);
    return new Conversation(TestProfiles.config(i, true), TestProfiles.config(r, false), seed);
  }

  @Test
  void rfc7296Section1_3InvalidKePayloadNamesTheProfilesGroupAndTheInitiatorRetriesWithIt() {
    Conversation c = groups(List.of(DhGroup.ECP_256, DhGroup.CURVE25519),
        List.of(DhGroup.MODP_2048, DhGroup.CURVE25519), 31);
    c.start(Optional.of(TestProfiles.CD));
    c.stepToResponder();
    // Stateless: nothing kept for the first try.
    assertEquals(CloseReason.REFUSED, assertInstanceOf(IkeState.Closed.class, c.responder).reason());
    IkeMessage refusal = decode(c.sentByResponder.get(0));
    assertEquals(0, refusal.header().spiR());
    assertEquals(
        List.of(NotifyPayload.of(NotifyType.INVALID_KE_PAYLOAD, new byte[] {0, 31})),
        refusal.payloads());
    c.run();
    IkeMessage first = decode(c.sentByInitiator.get(0));
    IkeMessage retry = decode(c.sentByInitiator.get(1));
    assertEquals(DhGroup.ECP_256.id(), first.first(KePayload.class).orElseThrow().dhGroup());
    assertEquals(DhGroup.CURVE25519.id(), retry.first(KePayload.class).orElseThrow().dhGroup());
    assertEquals(first.header().spiI(), retry.header().spiI());
    assertArrayEquals(first.first(NoncePayload.class).orElseThrow().nonce(),
        retry.first(NoncePayload.class).orElseThrow().nonce());
    HandshakeTest.assertBothEstablished(c, 3, 3);
    assertEquals(DhGroup.CURVE25519, ((IkeState.Established) c.initiator).sa().suite().dhGroup());
  }

  @Test
  void aKeForAnyGroupTheResponderAcceptsNeedsNoExtraRound() {
    Conversation c = groups(List.of(DhGroup.ECP_256, DhGroup.CURVE25519),
        List.of(DhGroup.CURVE25519, DhGroup.ECP_256), 37);
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    HandshakeTest.assertBothEstablished(c, 2);
    assertEquals(DhGroup.ECP_256, ((IkeState.Established) c.responder).sa().suite().dhGroup());
  }

  @Test
  void invalidKePayloadAskingForAGroupOutsideTheProfileEndsTheAttempt() {
    Conversation c = groups(List.of(DhGroup.ECP_256), List.of(DhGroup.ECP_256), 32);
    c.start(Optional.of(TestProfiles.CD));
    IkeState.Connecting connecting = (IkeState.Connecting) c.initiator;
    IkeMessage request = decode(c.sentByInitiator.get(0));
    byte[] refusal = net.iotgw.protocols.ike.codec.IkeEncoder.encode(new IkeMessage(
        net.iotgw.protocols.ike.codec.IkeHeader.of(request.header().spiI(), 0,
            net.iotgw.protocols.ike.codec.ExchangeType.IKE_SA_INIT, false, true, 0),
        List.of(NotifyPayload.of(NotifyType.INVALID_KE_PAYLOAD, new byte[] {0, 31}))));
    Datagram sent = c.sentByInitiator.get(0);
    c.handle(INITIATOR, new IkeEvent.Received(new Datagram(sent.local(), sent.remote(), refusal)));
    assertEquals(CloseReason.INIT_RETRIES_EXHAUSTED,
        assertInstanceOf(IkeState.Closed.class, c.initiator).reason());
    assertEquals(connecting.spiI(), request.header().spiI());
  }

  @Test
  void rfc7296Section2_6CookieIsDemandedThenAcceptedWhenReturnedFirst() {
    Conversation c = TestProfiles.pskConversation(TestSuite.AES_GCM_16_X25519, 33);
    CookieSecrets secrets = CookieSecrets.create(c.random);
    c.gate = CookieGate.require(secrets);
    c.start(Optional.of(TestProfiles.CD));
    c.stepToResponder();
    IkeMessage demand = decode(c.sentByResponder.get(0));
    NotifyPayload cookie = (NotifyPayload) demand.payloads().get(0);
    assertEquals(NotifyType.COOKIE.id(), cookie.notifyType());
    assertEquals(36, cookie.data().length);
    assertEquals(1, demand.payloads().size());
    c.run();
    IkeMessage retry = decode(c.sentByInitiator.get(1));
    assertEquals(cookie, retry.payloads().get(0), "the cookie comes first, unchanged");
    HandshakeTest.assertBothEstablished(c, 3, 3);
  }

  @Test
  void rfc7296Section2_6aSecondChallengeWithTheCookieAlreadySentIsStaleAndChangesNothing() {
    Conversation c = TestProfiles.pskConversation(TestSuite.AES_GCM_16_X25519, 36);
    c.gate = CookieGate.require(CookieSecrets.create(c.random));
    c.start(Optional.of(TestProfiles.CD));
    c.stepToResponder();
    Datagram challenge = c.sentByResponder.get(0);
    c.stepToInitiator();
    assertEquals(2, c.sentByInitiator.size(), "the request with the cookie");
    IkeState withCookie = c.initiator;
    // The same challenge again, as a queued copy of the first request would earn it.
    c.deliverToInitiator(challenge);
    assertEquals(2, c.sentByInitiator.size(), "no third request");
    assertEquals(withCookie, c.initiator);
    c.run();
    HandshakeTest.assertBothEstablished(c, 3, 3);
  }

  @Test
  void cookieOfThePreviousSecretIsAcceptedButNotOfTheOneBefore() {
    Conversation c = TestProfiles.pskConversation(TestSuite.AES_GCM_16_X25519, 34);
    CookieSecrets secrets = CookieSecrets.create(c.random);
    c.gate = CookieGate.require(secrets);
    c.start(Optional.of(TestProfiles.CD));
    c.stepToResponder();
    c.stepToInitiator();
    c.gate = CookieGate.require(secrets.rotate(c.random));
    c.stepToResponder();
    assertInstanceOf(IkeState.HalfOpen.class, c.responder, "previous secret still accepted");

    Conversation d = TestProfiles.pskConversation(TestSuite.AES_GCM_16_X25519, 35);
    d.gate = CookieGate.require(secrets);
    d.start(Optional.of(TestProfiles.CD));
    d.stepToResponder();
    d.stepToInitiator();
    d.gate = CookieGate.require(secrets.rotate(d.random).rotate(d.random));
    d.stepToResponder();
    assertInstanceOf(IkeState.Closed.class, d.responder);
    IkeMessage again = decode(d.sentByResponder.get(1));
    assertEquals(NotifyType.COOKIE.id(), ((NotifyPayload) again.payloads().get(0)).notifyType());
    assertNotEquals(decode(d.sentByResponder.get(0)).payloads(), again.payloads());
    d.run();
    HandshakeTest.assertBothEstablished(d, 4, 4);
  }

  @Test
  void initiatorStopsAfterTheProfilesNumberOfRounds() {
    Conversation c = TestProfiles.pskConversation(TestSuite.AES_GCM_16_X25519, 36);
    c = new Conversation(
        c.initiatorConfig.withLimits(new Limits(RetransmitPolicy.STRONGSWAN, 30_000, 30_000,
            3_600_000, 3_600_000, 1228, 32, 65536, 0, 3_000_000, 3_000_000, 0, 90_000)),
        c.responderConfig, 36);
    c.gate = CookieGate.require(CookieSecrets.create(c.random));
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    assertEquals(CloseReason.INIT_RETRIES_EXHAUSTED,
        assertInstanceOf(IkeState.Closed.class, c.initiator).reason());
  }

  static IkeMessage decode(Datagram d) {
    return IkeDecoder.decode(d.message()).orThrow();
  }

  static List<IkeOutput> of(Conversation c, Conversation.Side side) {
    return side == RESPONDER ? c.responderOutputs : c.initiatorOutputs;
  }
}

package net.iotgw.protocols.ike.engine;

import static net.iotgw.protocols.ike.engine.Conversation.Side.INITIATOR;
import static net.iotgw.protocols.ike.engine.Conversation.Side.RESPONDER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.KePayload;
import net.iotgw.protocols.ike.codec.NoncePayload;
import net.iotgw.protocols.ike.codec.NotifyPayload;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.codec.TsPayload;
import net.iotgw.protocols.ike.engine.Conversation.Side;
import net.iotgw.protocols.ike.engine.TestProfiles.TestSuite;
import net.iotgw.protocols.ike.keys.KeySchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * CREATE_CHILD_SA for CHILD_SAs (RFC 7296 §1.3.1, §1.3.3), our initiator against our responder:
 * rekeys both ways with and without PFS, additional CHILD_SAs, the key delivery of each new
 * CHILD_SA (what the CD derives equals what both sides agreed), the old CHILD_SA deleted by the
 * rekey's initiator.
 */
class ChildRekeyTest {

  static Conversation established(long seed, boolean pfs, EngineConfig.KeyDeliveryMode mode) {
    Conversation c = TestProfiles.pskConversation(TestSuite.AES_GCM_16_X25519, seed);
    c = new Conversation(
        c.initiatorConfig.withKeyDelivery(mode)
            .withProfile(c.initiatorConfig.profile().withChildSaPfs(pfs)),
        c.responderConfig.withKeyDelivery(mode)
            .withProfile(c.responderConfig.profile().withChildSaPfs(pfs)), seed);
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    return c;
  }

  @ParameterizedTest
  @EnumSource(Side.class)
  void rfc7296Section1_3_3RekeyWithoutPfsReplacesTheChildSaAndTheInitiatorDeletesTheOldOne(
      Side rekeyer) {
    Conversation c = established(301, false, EngineConfig.KeyDeliveryMode.SKEYSEED);
    Side peer = c.other(rekeyer);
    ChildSa old = c.established(rekeyer).children().get(0);
    ChildSa oldPeer = c.established(peer).children().get(0);
    c.forget();
    c.queue(rekeyer, CreateChildSa.rekey(old.inboundSpi()));
    c.run();
    ChildSa fresh = assertRekeyedOnBothSides(c, rekeyer, old, oldPeer);
    assertEquals(Role.INITIATOR, fresh.cdRole());
    for (Conversation.Derived d : c.derived) {
      assertFalse(d.delivery().pfs());
      assertEquals(c.established(d.side()).sa().spiI(), d.delivery().spiI());
    }
    List<Datagram> requests = rekeyer == INITIATOR ? c.sentByInitiator : c.sentByResponder;
    assertEquals(2, requests.size(), "CREATE_CHILD_SA, then the Delete of the old CHILD_SA");
    assertEquals(ExchangeType.CREATE_CHILD_SA.id(), TaskQueueTest.header(requests.get(0))
        .exchangeType());
    List<Payload> request = KeyDeliveryTest.open(
        KeyDeliveryTest.copy(c.established(rekeyer).sa(), rekeyer == RESPONDER), requests.get(0));
    NotifyPayload rekeySa = InitPayloads.notify(request, NotifyType.REKEY_SA).orElseThrow();
    assertArrayEquals(Proposals.spiBytes(old.inboundSpi()), rekeySa.spi());
    assertEquals(3, rekeySa.protocolId(), "ESP");
    assertTrue(InitPayloads.first(request, KePayload.class).isEmpty(), "no KE without PFS");
  }

  @ParameterizedTest
  @EnumSource(EngineConfig.KeyDeliveryMode.class)
  void rfc7296Section2_17RekeyWithPfsMixesAFreshDiffieHellmanSecretIntoTheKeysTheCdDerives(
      EngineConfig.KeyDeliveryMode mode) {
    Conversation c = established(302, true, mode);
    ChildSa old = c.established(RESPONDER).children().get(0);
    ChildSa oldPeer = c.established(INITIATOR).children().get(0);
    c.forget();
    c.queue(RESPONDER, CreateChildSa.rekey(old.inboundSpi()));
    c.run();
    assertRekeyedOnBothSides(c, RESPONDER, old, oldPeer);
    IkeSa sa = c.established(INITIATOR).sa();
    for (Conversation.Derived d : c.derived) {
      KeyDelivery k = d.delivery();
      assertTrue(k.pfs());
      assertEquals(32, k.pfsSecret().length, "X25519's g^ir");
      var withoutPfs = KeySchedule.childSa(k.prf(), sa.keys().skD(), k.esp(), k.ni(), k.nr());
      assertFalse(java.util.Arrays.equals(withoutPfs.initiatorEncryption(),
          d.child().keys().initiatorEncryption()), "g^ir (new) is in KEYMAT");
      assertFalse(java.util.Arrays.equals(k.ni(), sa.nonces().ni()), "the exchange's own nonces");
    }
    List<Payload> request = KeyDeliveryTest.open(
        KeyDeliveryTest.copy(c.established(RESPONDER).sa(), true), c.sentByResponder.get(0));
    assertEquals(DhGroup.CURVE25519.id(),
        InitPayloads.first(request, KePayload.class).orElseThrow().dhGroup());
  }

  @Test
  void rfc7296Section1_3AnInvalidKePayloadForAChildSaIsRetriedWithTheGroupAskedFor() {
    Conversation base = TestProfiles.pskConversation(TestSuite.AES_GCM_16_X25519, 303);
    List<DhGroup> mine = List.of(DhGroup.ECP_256, DhGroup.CURVE25519);
    List<DhGroup> theirs = List.of(DhGroup.CURVE25519, DhGroup.ECP_256);
    Conversation c = new Conversation(
        base.initiatorConfig.withProfile(
            TestProfiles.withGroups(base.initiatorConfig.profile(), mine).withChildSaPfs(true)),
        base.responderConfig.withProfile(
            TestProfiles.withGroups(base.responderConfig.profile(), theirs).withChildSaPfs(true)),
        303);
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    ChildSa old = c.established(INITIATOR).children().get(0);
    ChildSa oldPeer = c.established(RESPONDER).children().get(0);
    c.forget();
    c.queue(INITIATOR, CreateChildSa.rekey(old.inboundSpi()));
    c.run();
    assertRekeyedOnBothSides(c, INITIATOR, old, oldPeer);
    assertEquals(3, c.sentByInitiator.size(), "ECP_256 KE, X25519 KE, Delete");
    var first = KeyDeliveryTest.open(
        KeyDeliveryTest.copy(c.established(RESPONDER).sa(), true), c.sentByResponder.get(0));
    assertEquals(List.of(NotifyPayload.of(NotifyType.INVALID_KE_PAYLOAD, new byte[] {0, 31})),
        first);
    assertTrue(c.derived.stream().allMatch(d -> d.delivery().pfs()));
  }

  @Test
  void rfc7296Section1_3_1AnAdditionalChildSaJoinsBesideTheFirst() {
    Conversation c = established(304, false, EngineConfig.KeyDeliveryMode.SK_D);
    c.forget();
    c.queue(INITIATOR, CreateChildSa.additional());
    c.run();
    for (Side side : Side.values()) {
      assertEquals(2, c.established(side).children().size());
      assertEquals(2, c.established(side).lifetimes().children().size());
      assertTrue(c.outputs(side, IkeOutput.ChildSaRekeyed.class).isEmpty());
    }
    assertEquals(2, c.derived.size());
    c.derived.forEach(d -> HandshakeTest.sameKeys(d.child().keys(), d.cdKeys()));
    HandshakeTest.sameKeys(c.established(INITIATOR).children().get(1).keys(),
        c.established(RESPONDER).children().get(1).keys());
  }

  @Test
  void aLostRekeyResponseIsAnsweredAgainFromTheCacheAndMakesOneChildSa() {
    Conversation c = established(305, false, EngineConfig.KeyDeliveryMode.SKEYSEED);
    ChildSa old = c.established(INITIATOR).children().get(0);
    ChildSa oldPeer = c.established(RESPONDER).children().get(0);
    c.forget();
    c.queue(INITIATOR, CreateChildSa.rekey(old.inboundSpi()));
    c.stepToResponder();
    c.loseQueued();
    c.now = c.established(INITIATOR).exchanges().outstanding().orElseThrow().deadline();
    c.fire(INITIATOR, IkeTimer.RETRANSMIT);
    c.stepToResponder();
    assertArrayEquals(c.sentByResponder.get(0).message(), c.sentByResponder.get(1).message());
    c.run();
    assertRekeyedOnBothSides(c, INITIATOR, old, oldPeer);
    assertEquals(1, c.outputs(RESPONDER, IkeOutput.ChildSaAgreed.class).size());
  }

  @Test
  void aRekeyOfAChildSaTheResponderDoesNotHaveIsAnsweredChildSaNotFound() {
    Conversation c = established(306, false, EngineConfig.KeyDeliveryMode.SKEYSEED);
    c.forget();
    IkeSa initiator = c.established(INITIATOR).sa();
    List<Payload> request = List.of(ChildSaExchange.rekeySa(0x0bad0bad),
        Proposals.espOffer(initiator.config().profile(), 0x1000),
        new NoncePayload(new byte[32]),
        new TsPayload(Role.INITIATOR, List.of(TrafficSelectors.host(
            Conversation.UD_ADDRESS.getAddress()))),
        new TsPayload(Role.RESPONDER, List.of(TrafficSelectors.host(
            Conversation.CD_ADDRESS.getAddress()))));
    for (Datagram d : Outbound.seal(initiator, 2, ExchangeType.CREATE_CHILD_SA, false, request,
        c.random)) {
      c.deliverToResponder(d);
    }
    List<Payload> answer = KeyDeliveryTest.open(
        KeyDeliveryTest.copy(c.established(RESPONDER).sa(), true), c.sentByResponder.get(0));
    assertEquals(NotifyType.CHILD_SA_NOT_FOUND.id(), ((NotifyPayload) answer.get(0)).notifyType());
    assertArrayEquals(Proposals.spiBytes(0x0bad0bad), ((NotifyPayload) answer.get(0)).spi());
    assertEquals(1, c.established(RESPONDER).children().size());
  }

  /**
   * Both sides have exactly the new CHILD_SA, with the same keys and crossed SPIs; each reported
   * the rekey and the old one's deletion; what each CD derived equals what was agreed.
   */
  static ChildSa assertRekeyedOnBothSides(
      Conversation c, Side rekeyer, ChildSa old, ChildSa oldPeer) {
    Side peer = c.other(rekeyer);
    ChildSa fresh = HandshakeTest.childOf(c.established(rekeyer));
    ChildSa freshPeer = HandshakeTest.childOf(c.established(peer));
    assertNotEquals(old.inboundSpi(), fresh.inboundSpi());
    assertEquals(fresh.inboundSpi(), freshPeer.outboundSpi());
    assertEquals(fresh.outboundSpi(), freshPeer.inboundSpi());
    HandshakeTest.sameKeys(fresh.keys(), freshPeer.keys());
    assertEquals(Role.INITIATOR, fresh.cdRole());
    assertEquals(Role.RESPONDER, freshPeer.cdRole());
    assertEquals(old.cdSelectors(), fresh.cdSelectors());
    for (Side side : Side.values()) {
      ChildSa o = side == rekeyer ? old : oldPeer;
      ChildSa n = side == rekeyer ? fresh : freshPeer;
      assertEquals(List.of(new IkeOutput.ChildSaRekeyed(o, n)),
          c.outputs(side, IkeOutput.ChildSaRekeyed.class));
      assertEquals(List.of(new IkeOutput.ChildSaDeleted(o)),
          c.outputs(side, IkeOutput.ChildSaDeleted.class));
      assertEquals(1, c.established(side).lifetimes().children().size());
      assertTrue(c.established(side).tasks().active().isEmpty());
    }
    assertArrayEquals(new byte[old.keys().initiatorEncryption().length],
        old.keys().initiatorEncryption(), "the old CHILD_SA's keys are zeroed");
    assertEquals(2, c.derived.size(), "one key delivery on each side");
    for (Conversation.Derived d : c.derived) {
      HandshakeTest.sameKeys(d.child().keys(), d.cdKeys());
      HandshakeTest.sameKeys(fresh.keys(), d.cdKeys());
    }
    return fresh;
  }
}

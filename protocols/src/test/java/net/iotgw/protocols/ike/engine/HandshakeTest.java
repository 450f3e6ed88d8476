package net.iotgw.protocols.ike.engine;

import static net.iotgw.protocols.ike.engine.Conversation.Side.INITIATOR;
import static net.iotgw.protocols.ike.engine.Conversation.Side.RESPONDER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.engine.IkeState.Established;
import net.iotgw.protocols.ike.engine.TestPki.KeyType;
import net.iotgw.protocols.ike.engine.TestProfiles.TestSuite;
import net.iotgw.protocols.ike.keys.ChildSaKeys;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our initiator against our responder, in memory, for every suite and credential kind. */
class HandshakeTest {

  @ParameterizedTest
  @EnumSource(TestSuite.class)
  void pskHandshakeEstablishesTheIkeSaAndOneChildSaOnBothSides(TestSuite suite) {
    Conversation c = TestProfiles.pskConversation(suite, 1);
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    assertBothEstablished(c, 2);
    assertEquals(suite.protection, childOf(c.initiator).esp());
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void certificateHandshakeRfc7427SignsAndVerifiesWithEachKeyType(KeyType type) {
    TestPki pki = new TestPki(Conversation.seeded(7));
    TestPki.Party ca = pki.ca("iotgw test CA", KeyType.P256);
    TestPki.Party ud = pki.endEntity(ca, "ud@example.org", type);
    TestPki.Party cd = pki.endEntity(ca, "cd1@example.org", type);
    TestSuite suite = TestSuite.AES_GCM_16_X25519;
    Conversation c =
        new Conversation(
            TestProfiles.config(TestProfiles.cert(TestProfiles.UD, TestProfiles.CD, ud, ca, suite), true),
            TestProfiles.config(TestProfiles.cert(TestProfiles.CD, TestProfiles.UD, cd, ca, suite), false),
            2);
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    assertBothEstablished(c, 2);
  }

  static void assertBothEstablished(Conversation c, int messagesEachWay) {
    assertBothEstablished(c, messagesEachWay, messagesEachWay);
  }

  static void assertBothEstablished(Conversation c, int fromInitiator, int fromResponder) {
    Established i = assertInstanceOf(Established.class, c.initiator, c.initiatorOutputs::toString);
    Established r = assertInstanceOf(Established.class, c.responder, c.responderOutputs::toString);
    assertEquals(fromInitiator, c.sentByInitiator.size());
    assertEquals(fromResponder, c.sentByResponder.size());
    assertEquals(TestProfiles.CD, c.only(INITIATOR, IkeOutput.Established.class).peer());
    assertEquals(TestProfiles.UD, c.only(RESPONDER, IkeOutput.Established.class).peer());
    ChildSa ci = childOf(i);
    ChildSa cr = childOf(r);
    assertEquals(Role.INITIATOR, ci.cdRole());
    assertEquals(Role.RESPONDER, cr.cdRole());
    assertEquals(ci.inboundSpi(), cr.outboundSpi());
    assertEquals(ci.outboundSpi(), cr.inboundSpi());
    assertEquals(ci.esp(), cr.esp());
    assertEquals(ci.mode(), cr.mode());
    assertEquals(ci.cdSelectors(), cr.peerSelectors());
    assertEquals(ci.peerSelectors(), cr.cdSelectors());
    sameKeys(ci.keys(), cr.keys());
    assertEquals(i.sa().spiI(), r.sa().spiI());
    assertEquals(i.sa().spiR(), r.sa().spiR());
    assertTrue(i.exchanges().outstanding().isEmpty());
  }

  static ChildSa childOf(IkeState s) {
    List<ChildSa> children = ((Established) s).children();
    assertEquals(1, children.size());
    return children.get(0);
  }

  static void sameKeys(ChildSaKeys a, ChildSaKeys b) {
    assertArrayEquals(a.initiatorEncryption(), b.initiatorEncryption());
    assertArrayEquals(a.initiatorIntegrity(), b.initiatorIntegrity());
    assertArrayEquals(a.responderEncryption(), b.responderEncryption());
    assertArrayEquals(a.responderIntegrity(), b.responderIntegrity());
  }
}

package net.iotgw.protocols.ike.engine;

import static net.iotgw.protocols.ike.engine.Conversation.Side.INITIATOR;
import static net.iotgw.protocols.ike.engine.Conversation.Side.RESPONDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.engine.TestProfiles.TestSuite;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The engine's real key deliveries through the offload AVP (KeyDeliveryCodec): what the CD
 * derives from the decoded delivery is the CHILD_SA's keys, for IKE_AUTH's CHILD_SA, rekeys with
 * and without PFS (RFC 7296 §2.17) and CHILD_SAs after an IKE SA rekey (§2.18).
 */
class OffloadedDeliveryTest {

  static void assertOverTheWireKeysAreTheChildSas(Conversation c, int deliveries) {
    assertEquals(deliveries, c.derived.size());
    for (Conversation.Derived d : c.derived) {
      HandshakeTest.sameKeys(d.child().keys(), d.cdKeysOverTheWire());
    }
  }

  static void rekeyChild(Conversation c) {
    c.forget();
    c.queue(INITIATOR, CreateChildSa.rekey(c.established(INITIATOR).children().get(0)
        .inboundSpi()));
    c.run();
  }

  @ParameterizedTest
  @EnumSource(EngineConfig.KeyDeliveryMode.class)
  void ikeAuthsChildSa(EngineConfig.KeyDeliveryMode mode) {
    assertOverTheWireKeysAreTheChildSas(ChildRekeyTest.established(601, false, mode), 2);
  }

  @ParameterizedTest
  @EnumSource(EngineConfig.KeyDeliveryMode.class)
  void rfc7296Section2_17ChildSaRekeyedWithAndWithoutX25519Pfs(EngineConfig.KeyDeliveryMode mode) {
    for (boolean pfs : new boolean[] {false, true}) {
      Conversation c = ChildRekeyTest.established(602, pfs, mode);
      rekeyChild(c);
      assertOverTheWireKeysAreTheChildSas(c, 2);
      assertEquals(pfs ? 32 : 0, c.derived.get(0).delivery().pfsSecret().length);
    }
  }

  @ParameterizedTest
  @EnumSource(EngineConfig.KeyDeliveryMode.class)
  void rfc5903Section7ChildSaRekeyedWithEcp256Pfs(EngineConfig.KeyDeliveryMode mode) {
    Conversation base = TestProfiles.pskConversation(TestSuite.AES_GCM_16_X25519, 603);
    List<DhGroup> ecp = List.of(DhGroup.ECP_256);
    Conversation c = new Conversation(
        base.initiatorConfig.withKeyDelivery(mode).withProfile(
            TestProfiles.withGroups(base.initiatorConfig.profile(), ecp).withChildSaPfs(true)),
        base.responderConfig.withKeyDelivery(mode).withProfile(
            TestProfiles.withGroups(base.responderConfig.profile(), ecp).withChildSaPfs(true)),
        603);
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    rekeyChild(c);
    assertOverTheWireKeysAreTheChildSas(c, 2);
    assertEquals(32, c.derived.get(0).delivery().pfsSecret().length, "the x coordinate");
  }

  @ParameterizedTest
  @EnumSource(EngineConfig.KeyDeliveryMode.class)
  void rfc7296Section2_18ChildSaAfterAnIkeSaRekey(EngineConfig.KeyDeliveryMode mode) {
    Conversation c = ChildRekeyTest.established(604, false, mode);
    c.queue(RESPONDER, new RekeyIkeSa());
    c.run();
    rekeyChild(c);
    assertOverTheWireKeysAreTheChildSas(c, 2);
    KeyDelivery k = c.derived.get(0).delivery();
    assertFalse(Arrays.equals(k.ikeNi(), k.ni()), "the IKE SA's nonces are not the CHILD_SA's");
  }
}

package net.iotgw.protocols.ike.engine;

import static net.iotgw.protocols.ike.engine.Conversation.Side.INITIATOR;
import static net.iotgw.protocols.ike.engine.Conversation.Side.RESPONDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.NotifyPayload;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.engine.Conversation.Side;
import net.iotgw.protocols.ike.engine.TestProfiles.TestSuite;
import org.junit.jupiter.api.Test;

/**
 * The responder's bound on the CHILD_SAs one IKE SA holds for the CD ({@link
 * Profile#maxChildSas()}): a new one beyond it is answered NO_ADDITIONAL_SAS (RFC 7296 §1.3,
 * §3.10.1, type 35) with no key delivery and the IKE SA up; a rekey at the bound still goes
 * through; a deleted CHILD_SA frees its place.
 */
class ChildSaBoundTest {

  /** Our UD initiator against the CD's responder, whose profile allows {@code max} CHILD_SAs. */
  private static Conversation established(long seed, int max) {
    Conversation c = TestProfiles.pskConversation(TestSuite.AES_GCM_16_X25519, seed);
    c = new Conversation(c.initiatorConfig,
        c.responderConfig.withProfile(c.responderConfig.profile().withMaxChildSas(max)), seed);
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    return c;
  }

  private static void additional(Conversation c) {
    c.forget();
    c.queue(INITIATOR, CreateChildSa.additional());
    c.run();
  }

  @Test
  void rfc7296Section1_3TheChildSaBeyondTheBoundIsRefusedNoAdditionalSasAndTheIkeSaStays() {
    Conversation c = established(501, 3);
    additional(c);
    additional(c);
    assertEquals(3, c.established(RESPONDER).children().size(), "the IKE_AUTH one and two more");
    additional(c);

    List<Payload> answer = KeyDeliveryTest.open(
        KeyDeliveryTest.copy(c.established(RESPONDER).sa(), true), c.sentByResponder.get(0));
    assertEquals(List.of(NotifyPayload.of(NotifyType.NO_ADDITIONAL_SAS)), answer);
    assertEquals(35, NotifyType.NO_ADDITIONAL_SAS.id());
    assertEquals(ExchangeType.CREATE_CHILD_SA.id(),
        TaskQueueTest.header(c.sentByResponder.get(0)).exchangeType());
    assertEquals(List.of(new IkeOutput.ChildSaRefused(NotifyType.NO_ADDITIONAL_SAS)),
        c.outputs(RESPONDER, IkeOutput.ChildSaRefused.class));
    assertEquals(List.of(new IkeOutput.ChildSaRefused(NotifyType.NO_ADDITIONAL_SAS)),
        c.outputs(INITIATOR, IkeOutput.ChildSaRefused.class), "our initiator reports it");
    assertTrue(c.derived.isEmpty(), "no key delivery to the CD");
    assertTrue(c.outputs(RESPONDER, IkeOutput.ChildSaAgreed.class).isEmpty());
    for (Side side : Side.values()) {
      assertEquals(3, c.established(side).children().size(), side.toString());
      assertTrue(c.outputs(side, IkeOutput.Closed.class).isEmpty(), "the IKE SA stays up");
    }
    additional(c);
    assertEquals(List.of(NotifyPayload.of(NotifyType.NO_ADDITIONAL_SAS)),
        KeyDeliveryTest.open(KeyDeliveryTest.copy(c.established(RESPONDER).sa(), true),
            c.sentByResponder.get(0)), "and again: the IKE SA still answers");
  }

  @Test
  void aBoundOfOneRefusesEveryChildSaBeyondTheIkeAuthOne() {
    Conversation c = established(502, 1);
    additional(c);
    assertEquals(List.of(new IkeOutput.ChildSaRefused(NotifyType.NO_ADDITIONAL_SAS)),
        c.outputs(INITIATOR, IkeOutput.ChildSaRefused.class));
    assertEquals(1, c.established(RESPONDER).children().size());
  }

  @Test
  void rfc7296Section1_3_3ARekeyAtTheBoundReplacesAChildSaAndIsAccepted() {
    Conversation c = established(503, 2);
    additional(c);
    for (Side rekeyer : Side.values()) {
      ChildSa old = c.established(rekeyer).children().get(0);
      c.forget();
      c.queue(rekeyer, CreateChildSa.rekey(old.inboundSpi()));
      c.run();
      assertTrue(c.outputs(RESPONDER, IkeOutput.ChildSaRefused.class).isEmpty(), rekeyer + "");
      assertEquals(1, c.outputs(RESPONDER, IkeOutput.ChildSaRekeyed.class).size());
      assertEquals(2, c.derived.size(), "one key delivery on each side");
      for (Side side : Side.values()) {
        assertEquals(2, c.established(side).children().size(), "the old one deleted");
      }
    }
    additional(c);
    assertEquals(List.of(new IkeOutput.ChildSaRefused(NotifyType.NO_ADDITIONAL_SAS)),
        c.outputs(RESPONDER, IkeOutput.ChildSaRefused.class), "still at the bound after rekeys");
  }

  @Test
  void rfc7296Section1_4_1ADeletedChildSaFreesItsPlace() {
    Conversation c = established(504, 2);
    additional(c);
    additional(c);
    assertEquals(1, c.outputs(RESPONDER, IkeOutput.ChildSaRefused.class).size());
    ChildSa first = c.established(INITIATOR).children().get(0);
    c.forget();
    c.queue(INITIATOR, new DeleteChildSa(first.inboundSpi()));
    c.run();
    assertEquals(1, c.established(RESPONDER).children().size());
    additional(c);
    assertTrue(c.outputs(RESPONDER, IkeOutput.ChildSaRefused.class).isEmpty());
    IkeOutput.ChildSaAgreed agreed = c.only(RESPONDER, IkeOutput.ChildSaAgreed.class);
    assertInstanceOf(ChildSa.class, agreed.child());
    assertEquals(2, c.derived.size(), "this one is delivered to the CD again");
    assertEquals(2, c.established(RESPONDER).children().size());
  }

  @Test
  void aProfileMustAllowAtLeastTheFirstChildSa() {
    Profile p = TestProfiles.psk(TestProfiles.CD, TestProfiles.UD, TestSuite.AES_GCM_16_X25519);
    assertEquals(Profile.DEFAULT_MAX_CHILD_SAS, p.maxChildSas());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> p.withMaxChildSas(0));
    assertTrue(e.getMessage().contains("at least its first CHILD_SA"), e.getMessage());
  }
}

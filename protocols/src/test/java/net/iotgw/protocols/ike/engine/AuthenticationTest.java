package net.iotgw.protocols.ike.engine;

import static net.iotgw.protocols.ike.engine.Conversation.Side.INITIATOR;
import static net.iotgw.protocols.ike.engine.Conversation.Side.RESPONDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.engine.IkeOutput.CloseReason;
import net.iotgw.protocols.ike.engine.TestPki.KeyType;
import net.iotgw.protocols.ike.engine.TestPki.Party;
import net.iotgw.protocols.ike.engine.TestProfiles.TestSuite;
import org.junit.jupiter.api.Test;

/** IKE_AUTH refusals (RFC 7296 §2.15, §2.21.2) and the authorization policy. */
class AuthenticationTest {
  private static final TestSuite SUITE = TestSuite.AES_GCM_16_X25519;

  private static Conversation psk(Profile initiator, Profile responder, long seed) {
    return new Conversation(TestProfiles.config(initiator, true),
        TestProfiles.config(responder, false), seed);
  }

  private static Profile ud() {
    return TestProfiles.psk(TestProfiles.UD, TestProfiles.CD, SUITE);
  }

  private static Profile cd() {
    return TestProfiles.psk(TestProfiles.CD, TestProfiles.UD, SUITE);
  }

  /** The responder answered AUTHENTICATION_FAILED and both ended with {@code responderReason}. */
  private static void refusedByResponder(Conversation c, CloseReason responderReason) {
    assertEquals(responderReason, assertInstanceOf(IkeState.Closed.class, c.responder).reason());
    assertEquals(CloseReason.AUTHENTICATION_FAILED,
        assertInstanceOf(IkeState.Closed.class, c.initiator).reason());
    assertTrue(c.outputs(RESPONDER, IkeOutput.ChildSaAgreed.class).isEmpty());
    assertTrue(c.outputs(INITIATOR, IkeOutput.Established.class).isEmpty());
  }

  @Test
  void wrongPreSharedKeyIsRefusedWithAuthenticationFailed() {
    byte[] other = "another shared secret entirely".getBytes(StandardCharsets.US_ASCII);
    Conversation c = psk(TestProfiles.withPeerPsk(ud(), other), cd(), 41);
    c.start(Optional.of(TestProfiles.CD));
    c.stepToResponder();
    c.stepToInitiator();
    IkeSa responderSa = ((IkeState.HalfOpen) c.responder).sa();
    IkeSa copy = responderSa;
    var keys = KeyDeliveryTest.copy(copy, true);
    c.run();
    refusedByResponder(c, CloseReason.AUTHENTICATION_FAILED);
    assertEquals(List.of(NotifyType.AUTHENTICATION_FAILED.id()),
        KeyDeliveryTest.notifyTypes(keys, c.sentByResponder.get(1)));
  }

  @Test
  void peerOutsideTheAuthorizationPolicyIsRefusedAndTheOwnerLearnsWho() {
    Conversation c = psk(ud(), cd().withAllowedPeers(List.of(Identity.rfc822("ud2@example.org"))),
        42);
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    refusedByResponder(c, CloseReason.AUTHORIZATION_REFUSED);
    assertEquals(TestProfiles.UD, c.only(RESPONDER, IkeOutput.AuthorizationRefused.class).peer());
  }

  @Test
  void initiatorAppliesItsPolicyToTheResponderToo() {
    Conversation c = psk(ud().withAllowedPeers(List.of()), cd(), 43);
    c.start(Optional.empty());
    c.run();
    assertEquals(CloseReason.AUTHORIZATION_REFUSED,
        assertInstanceOf(IkeState.Closed.class, c.initiator).reason());
    assertEquals(TestProfiles.CD, c.only(INITIATOR, IkeOutput.AuthorizationRefused.class).peer());
  }

  @Test
  void idrNamingAnotherIdentityThanTheCdsIsRefused() {
    Conversation c = psk(ud(), cd(), 44);
    c.start(Optional.of(Identity.rfc822("cd7@example.org")));
    c.run();
    refusedByResponder(c, CloseReason.AUTHENTICATION_FAILED);
  }

  @Test
  void initiatorChecksTheRespondersAuthToo() {
    byte[] other = "another shared secret entirely".getBytes(StandardCharsets.US_ASCII);
    Profile u = ud();
    Profile initiator = new Profile(u.identity(), u.credentials(), u.ikeProposals(), u.dhGroups(),
        u.espProposals(), false, u.allowedPeers(),
        Optional.of(new Credentials.PreSharedKey(other)), u.trustAnchors());
    Conversation c = psk(initiator, cd(), 45);
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    assertInstanceOf(IkeState.Established.class, c.responder);
    assertEquals(CloseReason.AUTHENTICATION_FAILED,
        assertInstanceOf(IkeState.Closed.class, c.initiator).reason());
    assertTrue(c.outputs(INITIATOR, IkeOutput.ChildSaAgreed.class).isEmpty());
  }

  @Test
  void initiatorRefusesAResponseWhoseIdrIsNotThePeerItAskedFor() {
    Conversation c = psk(ud(), cd(), 46);
    c.start(Optional.of(TestProfiles.CD));
    c.stepToResponder();
    c.stepToInitiator();
    IkeState.AuthRequested asking = (IkeState.AuthRequested) c.initiator;
    TaskOutcome outcome = asking.task().processResponse(asking.sa(), List.of(
        Identity.rfc822("cd7@example.org").toPayload(net.iotgw.protocols.ike.codec.Role.RESPONDER),
        new net.iotgw.protocols.ike.codec.AuthPayload(2, new byte[32])), TestPki.NOW);
    TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, outcome);
    assertEquals(CloseReason.AUTHENTICATION_FAILED, failed.reason());
    assertTrue(failed.detail().contains("cd7@example.org"), failed.detail());
  }

  // ---- certificates

  private static Conversation certs(Party ud, Party cd, Party udTrusts, Party cdTrusts, long seed) {
    return new Conversation(
        TestProfiles.config(TestProfiles.cert(TestProfiles.UD, TestProfiles.CD, ud, udTrusts, SUITE), true),
        TestProfiles.config(TestProfiles.cert(TestProfiles.CD, TestProfiles.UD, cd, cdTrusts, SUITE), false),
        seed);
  }

  @Test
  void certificateFromAnUntrustedCaIsRefused() {
    TestPki pki = new TestPki(Conversation.seeded(50));
    Party ca = pki.ca("iotgw test CA", KeyType.P256);
    Party rogue = pki.ca("rogue CA", KeyType.P256);
    Conversation c = certs(pki.endEntity(rogue, "ud@example.org", KeyType.P256),
        pki.endEntity(ca, "cd1@example.org", KeyType.P256), ca, ca, 51);
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    refusedByResponder(c, CloseReason.AUTHENTICATION_FAILED);
  }

  @Test
  void certificateOutsideItsValidityPeriodIsRefused() {
    TestPki pki = new TestPki(Conversation.seeded(52));
    Party ca = pki.ca("iotgw test CA", KeyType.P256);
    Party expired = pki.endEntity(ca, "ud@example.org", KeyType.P256, TestPki.NOT_BEFORE,
        TestPki.NOW - 1, true);
    Conversation c = certs(expired, pki.endEntity(ca, "cd1@example.org", KeyType.P256), ca, ca, 53);
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    refusedByResponder(c, CloseReason.AUTHENTICATION_FAILED);
  }

  @Test
  void certificateNamingAnotherIdentityIsRefused() {
    TestPki pki = new TestPki(Conversation.seeded(54));
    Party ca = pki.ca("iotgw test CA", KeyType.P256);
    Conversation c = certs(pki.endEntity(ca, "mallory@example.org", KeyType.P256),
        pki.endEntity(ca, "cd1@example.org", KeyType.P256), ca, ca, 55);
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    refusedByResponder(c, CloseReason.AUTHENTICATION_FAILED);
  }

  @Test
  void certificateWithoutDigitalSignatureUsageIsRefused() {
    TestPki pki = new TestPki(Conversation.seeded(56));
    Party ca = pki.ca("iotgw test CA", KeyType.P256);
    Party encryptionOnly = pki.endEntity(ca, "ud@example.org", KeyType.P256, TestPki.NOT_BEFORE,
        TestPki.NOT_AFTER, false);
    Conversation c = certs(encryptionOnly, pki.endEntity(ca, "cd1@example.org", KeyType.P256), ca,
        ca, 57);
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    refusedByResponder(c, CloseReason.AUTHENTICATION_FAILED);
  }

  @Test
  void chainThroughAnIntermediateSentInCertPayloadsIsAccepted() {
    TestPki pki = new TestPki(Conversation.seeded(58));
    Party root = pki.ca("iotgw root", KeyType.ED25519);
    Party sub = pki.intermediate(root, "iotgw issuing CA", KeyType.P256);
    Party ud = pki.endEntity(sub, "ud@example.org", KeyType.ED25519);
    Profile initiator = TestProfiles.cert(TestProfiles.UD, TestProfiles.CD, ud, root, SUITE);
    initiator = new Profile(initiator.identity(),
        new Credentials.Certificate(ud.privateKey(), List.of(ud.der(), sub.der())),
        initiator.ikeProposals(), initiator.dhGroups(), initiator.espProposals(), false,
        initiator.allowedPeers(), Optional.empty(), List.of(root.cert()));
    Party cd = pki.endEntity(root, "cd1@example.org", KeyType.P256);
    Conversation c = new Conversation(TestProfiles.config(initiator, true),
        TestProfiles.config(TestProfiles.cert(TestProfiles.CD, TestProfiles.UD, cd, root, SUITE),
            false), 59);
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    HandshakeTest.assertBothEstablished(c, 2);
  }

  @Test
  void pskPeerIsRefusedByACertificateOnlyProfile() {
    TestPki pki = new TestPki(Conversation.seeded(60));
    Party ca = pki.ca("iotgw test CA", KeyType.P256);
    Profile responder = TestProfiles.cert(TestProfiles.CD, TestProfiles.UD,
        pki.endEntity(ca, "cd1@example.org", KeyType.P256), ca, SUITE);
    Conversation c = psk(ud(), responder, 61);
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    refusedByResponder(c, CloseReason.AUTHENTICATION_FAILED);
  }
}

package net.iotgw.protocols.ike.engine;

import static net.iotgw.protocols.ike.engine.Conversation.Side.INITIATOR;
import static net.iotgw.protocols.ike.engine.Conversation.Side.RESPONDER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.IdPayload;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.codec.UnknownPayload;
import net.iotgw.protocols.ike.engine.IkeOutput.CloseReason;
import net.iotgw.protocols.ike.engine.IkeOutput.DropReason;
import net.iotgw.protocols.ike.engine.TestProfiles.TestSuite;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.junit.jupiter.api.Test;

/** The SA's end: destruction by the owner, protected errors (RFC 7296 §2.21.2), closed SAs. */
class LifecycleTest {

  private static Conversation established() {
    Conversation c = TestProfiles.pskConversation(TestSuite.AES_CBC_256_SHA256_ECP256, 141);
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    return c;
  }

  @Test
  void destroyZeroesEveryKeyAndDisarmsEveryTimer() {
    Conversation c = established();
    IkeState.Established e = (IkeState.Established) c.responder;
    IkeStep step = IkeSaEngine.destroy(e);
    assertEquals(CloseReason.DESTROYED, assertInstanceOf(IkeState.Closed.class, step.state()).reason());
    assertEquals(Set.of(IkeTimer.values()), step.all(IkeOutput.Disarm.class).stream()
        .map(IkeOutput.Disarm::timer).collect(Collectors.toSet()));
    var keys = e.sa().keys();
    for (byte[] k : List.of(keys.skeyseed(), keys.skD(), keys.skAi(), keys.skAr(), keys.skEi(),
        keys.skEr(), keys.skPi(), keys.skPr())) {
      assertArrayEquals(new byte[k.length], k);
    }
    var child = e.children().get(0).keys();
    assertArrayEquals(new byte[child.responderIntegrity().length], child.responderIntegrity());
    assertTrue(step.all(IkeOutput.Send.class).isEmpty(), "nothing is sent");
  }

  @Test
  void aClosedSaTakesNoMoreEvents() {
    Conversation c = established();
    IkeState closed = IkeSaEngine.destroy(c.responder).state();
    IkeStep step = IkeSaEngine.handle(closed,
        new IkeEvent.Received(c.sentByInitiator.get(1)), c.now, c.random);
    assertEquals(closed, step.state());
    assertEquals(DropReason.CLOSED, step.all(IkeOutput.Dropped.class).get(0).reason());
    assertEquals(closed, IkeSaEngine.destroy(closed).state());
  }

  @Test
  void destroyingEachEarlierStateZeroesWhatItHolds() {
    Conversation c = TestProfiles.pskConversation(TestSuite.AES_GCM_16_X25519, 142);
    c.holdKeys = true;
    c.start(Optional.of(TestProfiles.CD));
    Conversation other = TestProfiles.pskConversation(TestSuite.AES_GCM_16_X25519, 144);
    other.start(Optional.empty());
    assertInstanceOf(IkeState.Closed.class, IkeSaEngine.destroy(other.initiator).state());
    c.stepToResponder();
    IkeSa half = ((IkeState.HalfOpen) c.responder).sa();
    c.stepToInitiator();
    IkeState.AuthRequested asking = (IkeState.AuthRequested) c.initiator;
    c.stepToResponder();
    IkeState.AwaitingKeys waiting = (IkeState.AwaitingKeys) c.responder;
    byte[] secret = waiting.held().delivery().secret();
    IkeSaEngine.destroy(asking);
    IkeSaEngine.destroy(waiting);
    assertArrayEquals(new byte[32], half.keys().skD());
    assertArrayEquals(new byte[32], asking.sa().keys().skD());
    assertTrue(Arrays.equals(new byte[secret.length], waiting.held().delivery().secret()));
  }

  @Test
  void rfc7296Section2_21_2AnAuthenticButUndecodableRequestIsAnsweredAndEndsTheSa() {
    Conversation c = TestProfiles.pskConversation(TestSuite.AES_GCM_16_X25519, 143);
    c.start(Optional.of(TestProfiles.CD));
    c.stepToResponder();
    c.stepToInitiator();
    c.loseQueued();
    IkeSa initiator = ((IkeState.AuthRequested) c.initiator).sa();
    IkeSa responder = ((IkeState.HalfOpen) c.responder).sa();
    var responderKeys = KeyDeliveryTest.copy(responder, true);
    List<Payload> bad = List.of(
        TestProfiles.UD.toPayload(net.iotgw.protocols.ike.codec.Role.INITIATOR),
        new UnknownPayload(200, true, new byte[] {1, 2, 3}));
    for (Datagram d : Outbound.seal(initiator, 1, ExchangeType.IKE_AUTH, false, bad, c.random)) {
      c.deliverToResponder(d);
    }
    assertEquals(CloseReason.INVALID_SYNTAX,
        assertInstanceOf(IkeState.Closed.class, c.responder).reason());
    Datagram answer = c.sentByResponder.get(c.sentByResponder.size() - 1);
    assertEquals(List.of(NotifyType.UNSUPPORTED_CRITICAL_PAYLOAD.id()),
        KeyDeliveryTest.notifyTypes(responderKeys, answer));
    assertInstanceOf(IdPayload.class, bad.get(0));
  }

  @Test
  void withoutTheIkeFragmentationNotifyLargeMessagesAreNotFragmented() {
    Conversation c = established();
    IkeSa sa = ((IkeState.Established) c.responder).sa();
    IkeSa noFragments = new IkeSa(sa.config().withLimits(Limits.DEFAULT.withMaxMessageBytes(256)),
        sa.role(), sa.spiI(), sa.spiR(), sa.keys(), sa.sendCipher(), sa.receiveCipher(), sa.local(),
        sa.remote(), new IkeSa.PeerSupport(false, List.of()), sa.natDetected(), sa.peerIdentity(),
        sa.nonces());
    List<Payload> big = List.of(new UnknownPayload(200, false, new byte[1000]));
    assertEquals(1, Outbound.seal(noFragments, 5, ExchangeType.INFORMATIONAL, true, big, c.random)
        .size());
    IkeSa withFragments = new IkeSa(noFragments.config(), sa.role(), sa.spiI(), sa.spiR(),
        sa.keys(), sa.sendCipher(), sa.receiveCipher(), sa.local(), sa.remote(),
        new IkeSa.PeerSupport(true, List.of()), sa.natDetected(), sa.peerIdentity(),
        sa.nonces());
    assertTrue(Outbound.seal(withFragments, 5, ExchangeType.INFORMATIONAL, true, big, c.random)
        .size() > 4);
  }

  @Test
  void aCertificateKeyOfAnUnsupportedCurveIsRefusedAtConfigurationTime() {
    var x9 = CustomNamedCurves.getByName("secp384r1");
    var p384 = new ECPrivateKeyParameters(java.math.BigInteger.TEN,
        new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH()));
    assertThrows(IllegalArgumentException.class,
        () -> new Credentials.Certificate(p384, List.of(new byte[] {1})));
  }

  @Test
  void eventsOtherThanDatagramsAreRefusedWhereTheyMeanNothing() {
    Conversation c = established();
    for (Conversation.Side side : List.of(INITIATOR, RESPONDER)) {
      IkeStep step = c.handle(side, new IkeEvent.KeysDelivered());
      assertEquals(DropReason.UNEXPECTED, step.all(IkeOutput.Dropped.class).get(0).reason());
      assertInstanceOf(IkeState.Established.class, step.state());
    }
  }
}

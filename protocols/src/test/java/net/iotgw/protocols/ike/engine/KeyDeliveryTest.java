package net.iotgw.protocols.ike.engine;

import static net.iotgw.protocols.ike.engine.Conversation.Side.INITIATOR;
import static net.iotgw.protocols.ike.engine.Conversation.Side.RESPONDER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.IkeDecoder;
import net.iotgw.protocols.ike.codec.IkeHeader;
import net.iotgw.protocols.ike.codec.NotifyPayload;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.crypto.IkeCipher;
import net.iotgw.protocols.ike.engine.IkeOutput.CloseReason;
import net.iotgw.protocols.ike.engine.IkeOutput.DropReason;
import net.iotgw.protocols.ike.engine.TestProfiles.TestSuite;
import net.iotgw.protocols.ike.keys.KeySchedule;
import net.iotgw.protocols.ike.protect.ProtectedMessages;
import org.junit.jupiter.api.Test;

/**
 * The paper's key delivery rule (Sec. III-D): the CHILD_SA's keying material goes to the CD before
 * the responder releases its IKE_AUTH response, or before the initiator reports the SA.
 */
class KeyDeliveryTest {

  private static Conversation held(EngineConfig.KeyDeliveryMode mode) {
    Conversation c = TestProfiles.pskConversation(TestSuite.AES_GCM_16_X25519, 11);
    c = new Conversation(c.initiatorConfig.withKeyDelivery(mode),
        c.responderConfig.withKeyDelivery(mode), 11);
    c.holdKeys = true;
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    return c;
  }

  @Test
  void responderHoldsItsIkeAuthResponseUntilKeysDeliveredAndIgnoresRetransmissionsMeanwhile() {
    Conversation c = held(EngineConfig.KeyDeliveryMode.SKEYSEED);
    IkeState.AwaitingKeys waiting = assertInstanceOf(IkeState.AwaitingKeys.class, c.responder);
    assertEquals(1, c.sentByResponder.size(), "only the IKE_SA_INIT response went out");
    assertInstanceOf(IkeState.AuthRequested.class, c.initiator);

    IkeOutput.ChildSaAgreed agreed = c.only(RESPONDER, IkeOutput.ChildSaAgreed.class);
    KeyDelivery d = agreed.delivery();
    ChildSa child = agreed.child();
    assertEquals(waiting.sa().spiI(), d.spiI());
    assertEquals(waiting.sa().spiR(), d.spiR());
    assertEquals(Role.RESPONDER, d.cdRole());
    assertEquals(child.inboundSpi(), d.cdInboundSpi());
    assertEquals(child.outboundSpi(), d.cdOutboundSpi());
    assertEquals(ChildSa.Mode.TUNNEL, d.childMode());
    assertEquals(Conversation.UD_ADDRESS, d.peer().getAddress());
    assertArrayEquals(waiting.sa().keys().skeyseed(), d.secret());
    // What the CD computes from the delivery is exactly what the gateway agreed.
    HandshakeTest.sameKeys(child.keys(), d.deriveChildKeys());

    // The initiator retransmits; the responder must not answer twice.
    IkeState.AuthRequested asking = (IkeState.AuthRequested) c.initiator;
    c.now = asking.exchanges().outstanding().orElseThrow().deadline();
    c.fire(INITIATOR, IkeTimer.RETRANSMIT);
    c.run();
    assertEquals(DropReason.HELD,
        c.outputs(RESPONDER, IkeOutput.Dropped.class).get(0).reason());
    assertEquals(1, c.sentByResponder.size());

    c.handle(RESPONDER, new IkeEvent.KeysDelivered());
    assertEquals(2, c.sentByResponder.size(), "the held response is released");
    assertArrayEquals(new byte[d.secret().length], d.secret(), "the delivered secret is zeroed");
    c.run();
    assertInstanceOf(IkeState.AwaitingKeys.class, c.initiator);
    assertTrue(c.outputs(INITIATOR, IkeOutput.Established.class).isEmpty(),
        "the initiator reports the SA only once its CD has the keys");
    c.handle(INITIATOR, new IkeEvent.KeysDelivered());
    HandshakeTest.assertBothEstablished(c, 3, 2);
  }

  @Test
  void leastPrivilegeDeliveryCarriesSkDAloneAndStillYieldsTheChildKeys() {
    Conversation c = held(EngineConfig.KeyDeliveryMode.SK_D);
    IkeState.AwaitingKeys waiting = (IkeState.AwaitingKeys) c.responder;
    KeyDelivery d = c.only(RESPONDER, IkeOutput.ChildSaAgreed.class).delivery();
    assertEquals(EngineConfig.KeyDeliveryMode.SK_D, d.mode());
    assertArrayEquals(waiting.sa().keys().skD(), d.secret());
    assertArrayEquals(
        KeySchedule.skD(d.prf(), waiting.sa().keys().skeyseed(), d.ni(), d.nr(), d.spiI(),
            d.spiR()),
        d.secret());
    HandshakeTest.sameKeys(waiting.held().child().keys(), d.deriveChildKeys());
    assertTrue(d.toString().contains("redacted"));
  }

  @Test
  void theIkeAuthFormOfADeliveryTakesTheIkeSasNoncesForBothStepsAndNoPfs() {
    Conversation c = held(EngineConfig.KeyDeliveryMode.SKEYSEED);
    KeyDelivery d = c.only(RESPONDER, IkeOutput.ChildSaAgreed.class).delivery();
    KeyDelivery again = new KeyDelivery(d.mode(), d.secret(), d.prf(), d.ni(), d.nr(), d.spiI(),
        d.spiR(), d.esp(), d.childMode(), d.cdInboundSpi(), d.cdOutboundSpi(), d.cdSelectors(),
        d.peerSelectors(), d.cdRole(), d.peer(), d.udpEncapsulation(), d.lifetimeMillis());
    assertArrayEquals(d.ikeNi(), again.ikeNi());
    assertArrayEquals(d.ikeNr(), again.ikeNr());
    assertEquals(false, again.pfs());
    HandshakeTest.sameKeys(d.deriveChildKeys(), again.deriveChildKeys());
  }

  @Test
  void responderDeliveryFailureAnswersTemporaryFailureAndBothSidesCloseWithKeysZeroed() {
    Conversation c = held(EngineConfig.KeyDeliveryMode.SKEYSEED);
    IkeState.AwaitingKeys waiting = (IkeState.AwaitingKeys) c.responder;
    ChildSa child = waiting.held().child();
    IkeCipher responderKeys = copy(waiting.sa(), true);
    c.handle(RESPONDER, new IkeEvent.KeyDeliveryFailed("CD unreachable"));
    assertEquals(CloseReason.KEY_DELIVERY_FAILED,
        assertInstanceOf(IkeState.Closed.class, c.responder).reason());
    assertEquals(List.of(NotifyType.TEMPORARY_FAILURE.id()),
        notifyTypes(responderKeys, c.sentByResponder.get(1)));
    assertArrayEquals(new byte[child.keys().initiatorEncryption().length],
        child.keys().initiatorEncryption());
    assertArrayEquals(new byte[32], waiting.sa().keys().skD());
    c.run();
    assertEquals(CloseReason.PEER_ERROR,
        assertInstanceOf(IkeState.Closed.class, c.initiator).reason());
  }

  @Test
  void responderGivesUpWhenKeysAreNotDeliveredInTime() {
    Conversation c = held(EngineConfig.KeyDeliveryMode.SKEYSEED);
    IkeState.AwaitingKeys waiting = (IkeState.AwaitingKeys) c.responder;
    c.now = waiting.held().deadline() - 1;
    assertEquals(DropReason.STALE_TIMER,
        c.fire(RESPONDER, IkeTimer.KEY_DELIVERY).all(IkeOutput.Dropped.class).get(0).reason());
    c.now++;
    c.fire(RESPONDER, IkeTimer.KEY_DELIVERY);
    assertEquals(CloseReason.KEY_DELIVERY_FAILED,
        assertInstanceOf(IkeState.Closed.class, c.responder).reason());
    assertEquals(waiting.held().deadline(),
        TestPki.NOW + Limits.DEFAULT.keyDeliveryMillis());
  }

  @Test
  void initiatorDeliveryFailureDeletesTheIkeSaAtThePeerOnce() {
    Conversation c = held(EngineConfig.KeyDeliveryMode.SKEYSEED);
    c.handle(RESPONDER, new IkeEvent.KeysDelivered());
    c.run();
    IkeState.AwaitingKeys waiting = assertInstanceOf(IkeState.AwaitingKeys.class, c.initiator);
    IkeCipher initiatorKeys = copy(waiting.sa(), false);
    c.handle(INITIATOR, new IkeEvent.KeyDeliveryFailed("CD asleep"));
    assertInstanceOf(IkeState.Closed.class, c.initiator);
    Datagram delete = c.sentByInitiator.get(c.sentByInitiator.size() - 1);
    IkeHeader h = IkeDecoder.decodeHeader(delete.message()).orThrow();
    assertEquals(ExchangeType.INFORMATIONAL.id(), h.exchangeType());
    assertEquals(2, h.messageId());
    assertEquals(List.of(net.iotgw.protocols.ike.codec.DeletePayload.ikeSa()),
        open(initiatorKeys, delete));
  }

  static List<Integer> notifyTypes(IkeCipher cipher, Datagram d) {
    return open(cipher, d).stream()
        .filter(p -> p instanceof NotifyPayload)
        .map(p -> ((NotifyPayload) p).notifyType())
        .toList();
  }

  /** The SK cipher of one side of {@code sa}, from copies of its keys (the SA may die later). */
  static IkeCipher copy(IkeSa sa, boolean responderSide) {
    var k = sa.keys();
    return IkeCipher.create(k.suite().protection(),
        (responderSide ? k.skEr() : k.skEi()).clone(), (responderSide ? k.skAr() : k.skAi()).clone());
  }

  static List<Payload> open(IkeCipher cipher, Datagram d) {
    var m = IkeDecoder.decode(d.message()).orThrow();
    return ProtectedMessages.open(d.message(), m, cipher).orThrow();
  }
}

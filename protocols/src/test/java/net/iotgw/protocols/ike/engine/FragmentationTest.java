package net.iotgw.protocols.ike.engine;

import static net.iotgw.protocols.ike.engine.Conversation.Side.RESPONDER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.EncryptedFragmentPayload;
import net.iotgw.protocols.ike.codec.IkeDecoder;
import net.iotgw.protocols.ike.codec.IkeMessage;
import net.iotgw.protocols.ike.engine.IkeOutput.DropReason;
import net.iotgw.protocols.ike.engine.TestPki.KeyType;
import net.iotgw.protocols.ike.engine.TestPki.Party;
import net.iotgw.protocols.ike.engine.TestProfiles.TestSuite;
import org.junit.jupiter.api.Test;

/** IKE fragmentation (RFC 7383) of the certificate-bearing IKE_AUTH messages. */
class FragmentationTest {
  private static final int SMALL = 300;

  private static Conversation certificates(TestSuite suite, long seed) {
    TestPki pki = new TestPki(Conversation.seeded(seed));
    Party ca = pki.ca("iotgw test CA", KeyType.P256);
    Party ud = pki.endEntity(ca, "ud@example.org", KeyType.P256);
    Party cd = pki.endEntity(ca, "cd1@example.org", KeyType.P256);
    Limits small = Limits.DEFAULT.withMaxMessageBytes(SMALL);
    return new Conversation(
        TestProfiles.config(TestProfiles.cert(TestProfiles.UD, TestProfiles.CD, ud, ca, suite), true)
            .withLimits(small),
        TestProfiles.config(TestProfiles.cert(TestProfiles.CD, TestProfiles.UD, cd, ca, suite), false)
            .withLimits(small),
        seed);
  }

  @Test
  void rfc7383LargeIkeAuthMessagesTravelInFragmentsWithinTheSizeLimitBothWays() {
    for (TestSuite suite : List.of(TestSuite.AES_GCM_16_X25519, TestSuite.AES_CBC_256_SHA256_ECP256)) {
      Conversation c = certificates(suite, 81);
      c.start(Optional.of(TestProfiles.CD));
      c.run();
      int requestFragments = c.sentByInitiator.size() - 1;
      int responseFragments = c.sentByResponder.size() - 1;
      assertTrue(requestFragments > 2, suite + ": " + requestFragments + " request fragments");
      assertTrue(responseFragments > 2, suite + ": " + responseFragments + " response fragments");
      for (Datagram d : c.sentByInitiator.subList(1, c.sentByInitiator.size())) {
        assertTrue(d.message().length <= SMALL);
        IkeMessage m = IkeDecoder.decode(d.message()).orThrow();
        assertEquals(1, m.payloads().size());
        assertInstanceOf(EncryptedFragmentPayload.class, m.payloads().get(0));
      }
      assertInstanceOf(IkeState.Established.class, c.initiator, suite::toString);
      assertInstanceOf(IkeState.Established.class, c.responder, suite::toString);
    }
  }

  @Test
  void rfc7383Section2_6_1OnlyARetransmittedFirstFragmentGetsTheResponseAgain() {
    Conversation c = certificates(TestSuite.AES_GCM_16_X25519, 82);
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    int sent = c.sentByResponder.size();
    List<Datagram> response = List.copyOf(c.sentByResponder.subList(1, sent));
    c.deliverToResponder(c.sentByInitiator.get(2));
    assertEquals(sent, c.sentByResponder.size(), "fragment 2 is ignored");
    assertEquals(DropReason.FRAGMENT, RetransmissionTest.lastDrop(c, RESPONDER).reason());
    c.deliverToResponder(c.sentByInitiator.get(1));
    assertEquals(sent + response.size(), c.sentByResponder.size());
    for (int i = 0; i < response.size(); i++) {
      assertArrayEquals(response.get(i).message(), c.sentByResponder.get(sent + i).message());
    }
  }

  @Test
  void aLostFragmentIsRecoveredByTheWholeRequestsRetransmission() {
    Conversation c = certificates(TestSuite.AES_GCM_16_X25519, 83);
    c.start(Optional.of(TestProfiles.CD));
    c.stepToResponder();
    c.stepToInitiator();
    int fragments = c.queuedToResponder();
    c.stepToResponder();
    c.loseQueued();
    assertInstanceOf(IkeState.HalfOpen.class, c.responder);
    IkeState.AuthRequested asking = (IkeState.AuthRequested) c.initiator;
    c.now = asking.exchanges().outstanding().orElseThrow().deadline();
    c.fire(Conversation.Side.INITIATOR, IkeTimer.RETRANSMIT);
    assertEquals(fragments, c.queuedToResponder());
    c.run();
    assertInstanceOf(IkeState.Established.class, c.initiator);
  }
}

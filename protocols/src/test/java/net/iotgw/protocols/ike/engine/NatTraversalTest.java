package net.iotgw.protocols.ike.engine;

import static net.iotgw.protocols.ike.engine.Conversation.Side.RESPONDER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Optional;
import net.iotgw.protocols.ike.engine.TestProfiles.TestSuite;
import org.junit.jupiter.api.Test;

/** NAT detection and the float to the NAT-T port (RFC 7296 §2.23). */
class NatTraversalTest {

  private static Conversation conversation(EngineConfig.NatTraversal mode, long seed) {
    Conversation c = TestProfiles.pskConversation(TestSuite.AES_GCM_16_X25519, seed);
    return new Conversation(c.initiatorConfig.withNatTraversal(mode),
        c.responderConfig.withNatTraversal(mode), seed);
  }

  @Test
  void withoutNatEverythingStaysOnPort500AndEspIsNotEncapsulated() {
    Conversation c = conversation(EngineConfig.NatTraversal.DETECT, 71);
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    HandshakeTest.assertBothEstablished(c, 2);
    c.sentByInitiator.forEach(d -> assertEquals(500, d.local().getPort()));
    c.sentByResponder.forEach(d -> assertEquals(500, d.remote().getPort()));
    assertFalse(HandshakeTest.childOf(c.initiator).udpEncapsulation());
    assertFalse(c.only(RESPONDER, IkeOutput.ChildSaAgreed.class).delivery().udpEncapsulation());
  }

  @Test
  void forcedNatTraversalFloatsToPort4500AfterIkeSaInitLikeStrongSwansLibipsec() {
    Conversation c = conversation(EngineConfig.NatTraversal.FORCE, 72);
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    HandshakeTest.assertBothEstablished(c, 2);
    assertEquals(500, c.sentByInitiator.get(0).local().getPort());
    assertEquals(4500, c.sentByInitiator.get(1).local().getPort());
    assertEquals(4500, c.sentByInitiator.get(1).remote().getPort());
    assertEquals(4500, c.sentByResponder.get(1).local().getPort(),
        "the responder answers on the port the request came in");
    KeyDelivery d = c.only(RESPONDER, IkeOutput.ChildSaAgreed.class).delivery();
    assertTrue(d.udpEncapsulation());
    assertEquals(new InetSocketAddress(Conversation.UD_ADDRESS, 4500), d.peer());
    // On the NAT-T port the UDP payload carries the non-ESP marker (RFC 3948 §2.2).
    Datagram auth = c.sentByInitiator.get(1);
    byte[] udp = auth.udpPayload(4500);
    assertArrayEquals(new byte[4], java.util.Arrays.copyOf(udp, 4));
    assertEquals(auth, Datagram.fromUdp(auth.local(), auth.remote(), udp, 4500).orElseThrow());
    assertEquals(Optional.empty(),
        Datagram.fromUdp(auth.local(), auth.remote(), new byte[] {(byte) 0xff}, 4500),
        "a NAT-keepalive is not IKE");
  }

  @Test
  void aNatRewritingTheInitiatorsPortIsDetectedAndBothSidesEncapsulate() {
    Conversation c = conversation(EngineConfig.NatTraversal.DETECT, 73);
    c.nat = a -> new InetSocketAddress(a.getAddress(), a.getPort() + 40000);
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    HandshakeTest.assertBothEstablished(c, 2);
    assertEquals(4500, c.sentByInitiator.get(1).local().getPort());
    assertTrue(HandshakeTest.childOf(c.initiator).udpEncapsulation());
    ChildSa atResponder = HandshakeTest.childOf(c.responder);
    assertTrue(atResponder.udpEncapsulation());
    assertEquals(44500, atResponder.peer().getPort(), "the peer's NAT-T port as the NAT maps it");
    assertEquals(44500, c.sentByResponder.get(1).remote().getPort());
  }
}

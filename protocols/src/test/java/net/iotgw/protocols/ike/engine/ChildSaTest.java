package net.iotgw.protocols.ike.engine;

import static net.iotgw.protocols.ike.engine.Conversation.Side.INITIATOR;
import static net.iotgw.protocols.ike.engine.Conversation.Side.RESPONDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.codec.SaPayload;
import net.iotgw.protocols.ike.codec.TrafficSelector;
import net.iotgw.protocols.ike.codec.TsPayload;
import net.iotgw.protocols.ike.engine.TestProfiles.TestSuite;
import org.junit.jupiter.api.Test;

/** The first CHILD_SA: mode (RFC 7296 §1.3.1), selectors (§2.9), ESP proposal. */
class ChildSaTest {
  private static final TestSuite SUITE = TestSuite.AES_GCM_16_X25519;
  private static final byte[] UD = Conversation.UD_ADDRESS.getAddress();
  private static final byte[] CD = Conversation.CD_ADDRESS.getAddress();

  private static Conversation run(Profile initiator, Profile responder, long seed) {
    Conversation c = new Conversation(TestProfiles.config(initiator, true),
        TestProfiles.config(responder, false), seed);
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    return c;
  }

  @Test
  void rfc7296Section1_3_1TransportModeWhenAskedAndAllowedIsEchoed() {
    Conversation c = run(
        TestProfiles.withTransport(TestProfiles.psk(TestProfiles.UD, TestProfiles.CD, SUITE), true),
        TestProfiles.withTransport(TestProfiles.psk(TestProfiles.CD, TestProfiles.UD, SUITE), true),
        61);
    HandshakeTest.assertBothEstablished(c, 2);
    assertEquals(ChildSa.Mode.TRANSPORT, HandshakeTest.childOf(c.initiator).mode());
    assertEquals(ChildSa.Mode.TRANSPORT, HandshakeTest.childOf(c.responder).mode());
    assertEquals(ChildSa.Mode.TRANSPORT,
        c.only(RESPONDER, IkeOutput.ChildSaAgreed.class).delivery().childMode());
  }

  @Test
  void transportModeAskedButNotAllowedByTheCdsProfileGivesTunnelMode() {
    Conversation c = run(
        TestProfiles.withTransport(TestProfiles.psk(TestProfiles.UD, TestProfiles.CD, SUITE), true),
        TestProfiles.psk(TestProfiles.CD, TestProfiles.UD, SUITE), 62);
    assertEquals(ChildSa.Mode.TUNNEL, HandshakeTest.childOf(c.initiator).mode());
    assertEquals(ChildSa.Mode.TUNNEL, HandshakeTest.childOf(c.responder).mode());
  }

  @Test
  void hostSelectorsNameTheCdAndThePeerExactly() {
    Conversation c = run(TestProfiles.psk(TestProfiles.UD, TestProfiles.CD, SUITE),
        TestProfiles.psk(TestProfiles.CD, TestProfiles.UD, SUITE), 63);
    ChildSa r = HandshakeTest.childOf(c.responder);
    assertEquals(List.of(TrafficSelector.AddressRange.of(CD, CD)), r.cdSelectors());
    assertEquals(List.of(TrafficSelector.AddressRange.of(UD, UD)), r.peerSelectors());
  }

  @Test
  void rfc7296Section2_9WideSelectorsAreNarrowedToTheCdAndThePeer() {
    Conversation c = TestProfiles.pskConversation(SUITE, 64);
    c.start(Optional.of(TestProfiles.CD));
    c.stepToResponder();
    IkeSa sa = ((IkeState.HalfOpen) c.responder).sa();
    byte[] zero = new byte[16];
    byte[] ones = new byte[16];
    java.util.Arrays.fill(ones, (byte) 0xff);
    byte[] prefixEnd = CD.clone();
    java.util.Arrays.fill(prefixEnd, 8, 16, (byte) 0xff);
    byte[] prefixStart = CD.clone();
    java.util.Arrays.fill(prefixStart, 8, 16, (byte) 0);
    List<net.iotgw.protocols.ike.codec.Payload> request = List.of(
        Proposals.espOffer(sa.config().profile(), 0x01020304),
        new TsPayload(Role.INITIATOR, List.of(
            new TrafficSelector.AddressRange(17, 5683, 5683, zero, ones))),
        new TsPayload(Role.RESPONDER, List.of(
            new TrafficSelector.AddressRange(0, 0, 0xffff, UD, UD),
            new TrafficSelector.AddressRange(17, 0, 0xffff, prefixStart, prefixEnd))));
    var result = ChildSaNegotiation.respond(sa, request, new byte[32], new byte[32], c.random);
    var agreed = assertInstanceOf(ChildSaNegotiation.Agreed.class, result);
    assertEquals(List.of(new TrafficSelector.AddressRange(17, 0, 0xffff, CD, CD)),
        agreed.child().cdSelectors());
    assertEquals(List.of(new TrafficSelector.AddressRange(17, 5683, 5683, UD, UD)),
        agreed.child().peerSelectors());
    assertEquals(0x01020304, agreed.child().outboundSpi());
    assertTrue(agreed.payloads().get(0) instanceof SaPayload);
  }

  @Test
  void selectorsExcludingTheCdAreTsUnacceptable() {
    Conversation c = TestProfiles.pskConversation(SUITE, 65);
    c.start(Optional.of(TestProfiles.CD));
    c.stepToResponder();
    IkeSa sa = ((IkeState.HalfOpen) c.responder).sa();
    List<net.iotgw.protocols.ike.codec.Payload> request = List.of(
        Proposals.espOffer(sa.config().profile(), 0x01020304),
        new TsPayload(Role.INITIATOR, List.of(TrafficSelector.AddressRange.of(UD, UD))),
        new TsPayload(Role.RESPONDER, List.of(TrafficSelector.AddressRange.of(UD, UD))));
    var refused = assertInstanceOf(ChildSaNegotiation.Refused.class,
        ChildSaNegotiation.respond(sa, request, new byte[32], new byte[32], c.random));
    assertEquals(NotifyType.TS_UNACCEPTABLE, refused.error());
  }

  @Test
  void tsUnacceptableLeavesTheIkeSaUpWithoutAChildSaOnBothSides() {
    // The CD behind this responder has another address than the one the initiator reached.
    EngineConfig responder =
        new EngineConfig(TestProfiles.psk(TestProfiles.CD, TestProfiles.UD, SUITE),
            Conversation.address("2001:db8:cd::1").getAddress(), Limits.DEFAULT,
            EngineConfig.NatTraversal.DETECT, EngineConfig.KeyDeliveryMode.SKEYSEED, 500, 4500,
            false);
    Conversation c = new Conversation(
        TestProfiles.config(TestProfiles.psk(TestProfiles.UD, TestProfiles.CD, SUITE), true),
        responder, 66);
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    for (Conversation.Side side : List.of(INITIATOR, RESPONDER)) {
      assertEquals(NotifyType.TS_UNACCEPTABLE, c.only(side, IkeOutput.ChildSaRefused.class).error());
      assertEquals(Optional.empty(), c.only(side, IkeOutput.Established.class).child());
      assertTrue(c.outputs(side, IkeOutput.ChildSaAgreed.class).isEmpty());
    }
    assertTrue(((IkeState.Established) c.initiator).children().isEmpty());
  }

  @Test
  void noCommonEspProposalIsNoProposalChosenForTheChildOnly() {
    Profile responder = TestProfiles.psk(TestProfiles.CD, TestProfiles.UD, SUITE);
    responder = new Profile(responder.identity(), responder.credentials(),
        responder.ikeProposals(), responder.dhGroups(), List.of(TestProfiles.CBC_256_SHA256),
        false, responder.allowedPeers(), responder.peerPsk(), responder.trustAnchors());
    Conversation c = run(TestProfiles.psk(TestProfiles.UD, TestProfiles.CD, SUITE), responder, 67);
    assertEquals(NotifyType.NO_PROPOSAL_CHOSEN,
        c.only(INITIATOR, IkeOutput.ChildSaRefused.class).error());
    assertInstanceOf(IkeState.Established.class, c.initiator);
  }
}

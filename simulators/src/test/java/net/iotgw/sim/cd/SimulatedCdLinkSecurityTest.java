package net.iotgw.sim.cd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.iotgw.protocols.ieee802154.AuxSecurityHeader;
import net.iotgw.protocols.ieee802154.KeyIdMode;
import net.iotgw.protocols.ieee802154.MacFrame;
import net.iotgw.protocols.ieee802154.MacFrameCodec;
import net.iotgw.protocols.ieee802154.SecurityLevel;
import net.iotgw.protocols.ieee802154.security.LinkKey;
import net.iotgw.protocols.ieee802154.security.Unprotected;
import net.iotgw.protocols.ipv6.EchoMessage;
import net.iotgw.protocols.ipv6.IcmpV6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.ipv6.UdpCodec;
import net.iotgw.protocols.ipv6.UdpDatagram;
import org.junit.jupiter.api.Test;

/**
 * The CD's side of link security once admitted (the network-entry contract, 802.15.4-2006
 * §7.5.8): data secured both ways under the PEMK key, PANA only unsecured, replays and forgeries
 * dropped.
 */
class SimulatedCdLinkSecurityTest {
  private final JoinHarness h = new JoinHarness();

  private List<byte[]> securedPing(byte[] data) {
    return h.gateway.securedFramesTo(h.cd, Ipv6Packets.icmpEchoRequest(
        GatewaySide.UD, h.cd.address(), 0x77, 3, data, 64));
  }

  private List<byte[]> deliver(List<byte[]> frames) {
    List<byte[]> out = new ArrayList<>();
    for (byte[] f : frames) {
      out.addAll(h.cd.onFrame(f, h.now));
    }
    return out;
  }

  private static AuxSecurityHeader aux(byte[] psdu) {
    return MacFrameCodec.decode(psdu, true).orThrow().header().security().orElseThrow();
  }

  @Test
  void echoReplyToAnAdmittedCdComesBackInALevel6FrameTheGatewayUnprotects() {
    h.start();

    List<byte[]> out = deliver(securedPing("ping".getBytes()));

    assertEquals(1, out.size());
    AuxSecurityHeader aux = aux(out.get(0));
    assertEquals(SecurityLevel.ENC_MIC_64, aux.level());
    assertEquals(KeyIdMode.IMPLICIT, aux.keyIdMode());
    assertEquals(0, aux.frameCounter().getAsLong(), "a new key's counter starts at 0");
    List<GatewaySide.Received> back = h.received(out);
    assertEquals(1, back.size());
    assertTrue(back.get(0).secured());
    Ipv6Packet reply = back.get(0).packet();
    assertEquals(h.cd.address(), reply.source());
    assertEquals(new EchoMessage(true, 0x77, 3, "ping".getBytes()),
        EchoMessage.from(IcmpV6Codec.decode(reply).orThrow()).orThrow());
    assertEquals(1, h.cd.stats().securedFramesReceived());
    assertEquals(1, h.cd.stats().securedFramesSent());
    assertEquals(1, h.cd.stats().pingsAnswered());
  }

  @Test
  void consecutiveSecuredFramesTakeConsecutiveCounters() {
    h.start();

    List<byte[]> first = deliver(securedPing(new byte[4]));
    List<byte[]> second = deliver(securedPing(new byte[4]));

    assertEquals(0, aux(first.get(0)).frameCounter().getAsLong());
    assertEquals(1, aux(second.get(0)).frameCounter().getAsLong());
    assertEquals(2, h.received(new ArrayList<>(List.of(first.get(0), second.get(0)))).size());
  }

  @Test
  void securedFragmentsLeaveRoomForAuxHeaderAndMicAndNeverExceed127Octets() {
    h.start();
    byte[] data = new byte[1000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 13);
    }

    List<byte[]> out = deliver(securedPing(data));

    // Unsecured, the same reply takes fewer frames: 21 octets of MAC header and 2 of FCS leave
    // 104 for 6LoWPAN; secured, 5 of auxiliary header and 8 of MIC leave 91.
    SimulatedCd plain = new SimulatedCd(GatewaySide.NETWORK, JoinHarness.CD_EUI64 + 1);
    List<byte[]> plainOut = new ArrayList<>();
    for (byte[] f : new GatewaySide().framesTo(plain, Ipv6Packets.icmpEchoRequest(
        GatewaySide.UD, plain.address(), 0x77, 3, data, 64))) {
      plainOut.addAll(plain.onFrame(f, h.now));
    }
    assertTrue(out.size() > plainOut.size(), out.size() + " vs " + plainOut.size());
    for (byte[] f : out) {
      assertTrue(f.length <= MacFrameCodec.MAX_PHY_PACKET_SIZE, f.length + " octets");
      MacFrame frame = MacFrameCodec.decode(f, true).orThrow();
      assertTrue(frame.payload().length <= 91 + 8, frame.payload().length + " octets");
    }
    Ipv6Packet reply = h.gateway.onlyPacketFrom(h.cd, out, h.now);
    assertArrayEquals(data, EchoMessage.from(IcmpV6Codec.decode(reply).orThrow()).orThrow()
        .data());
  }

  @Test
  void anUnsecuredFragmentDoesNotCompleteASecuredDatagram() {
    h.start();
    Ipv6Packet ping = Ipv6Packets.icmpEchoRequest(
        GatewaySide.UD, h.cd.address(), 0x77, 9, new byte[300], 64);
    h.gateway.nextTag(0x4242);
    List<byte[]> secured = h.gateway.securedFramesTo(h.cd, ping);
    h.gateway.nextTag(0x4242);
    // 127 - 21 (MAC header) - 5 (auxiliary header) - 8 (MIC) - 2 (FCS): a secured frame's room.
    List<byte[]> unsecured = h.gateway.framesTo(h.cd, ping, 91);
    assertEquals(secured.size(), unsecured.size(), "the same fragments, the same tag");
    int last = secured.size() - 1;

    assertEquals(List.of(), deliver(secured.subList(0, last)));
    assertEquals(List.of(), deliver(List.of(unsecured.get(last))));
    assertEquals(0, h.cd.stats().pingsAnswered());
    List<byte[]> out = deliver(List.of(secured.get(last)));

    assertEquals(1, h.cd.stats().pingsAnswered());
    assertTrue(h.received(out).get(0).secured());
  }

  @Test
  void securityLevel5IsConfigurable() {
    JoinHarness five = new JoinHarness(
        JoinSettings.DEFAULTS.withLevel(SecurityLevel.ENC_MIC_32), JoinHarness.PSK, 3600);
    five.start();

    List<byte[]> out = new ArrayList<>();
    for (byte[] f : five.gateway.securedFramesTo(five.cd,
        Ipv6PacketsForTests.echoFromUd(five.cd))) {
      out.addAll(five.cd.onFrame(f, five.now));
    }

    assertEquals(SecurityLevel.ENC_MIC_32, aux(out.get(0)).level());
    assertTrue(five.received(out).get(0).secured());
  }

  @Test
  void unsecuredEchoRequestToAnAdmittedCdIsDroppedAndCounted() {
    h.start();

    List<byte[]> out = deliver(h.gateway.framesTo(h.cd, Ipv6PacketsForTests.echoFromUd(h.cd)));

    assertEquals(List.of(), out);
    assertEquals(1, h.cd.stats().drops(DropReason.UNSECURED_DATA));
    assertEquals(0, h.cd.stats().pingsAnswered());
  }

  @Test
  void replayedSecuredFrameIsDroppedAndCounted() {
    h.start();
    List<byte[]> ping = securedPing(new byte[4]);
    assertEquals(1, deliver(ping).size());

    assertEquals(List.of(), deliver(ping));

    assertEquals(1, h.cd.stats().drops(DropReason.REPLAYED_FRAME));
    assertEquals(1, h.cd.stats().pingsAnswered());
  }

  @Test
  void securedFrameUnderAnotherKeyOrTamperedIsDroppedAndCounted() {
    h.start();
    LinkKey real = h.gateway.key();
    h.gateway.install(LinkKey.of(new byte[16]), SecurityLevel.ENC_MIC_64);
    List<byte[]> wrongKey = securedPing(new byte[4]);
    h.gateway.install(real, SecurityLevel.ENC_MIC_64);
    List<byte[]> tampered = securedPing(new byte[4]);
    byte[] t = tampered.get(0);
    t[t.length - 5] ^= 0x01;
    net.iotgw.protocols.ieee802154.Fcs.fill(t);

    assertEquals(List.of(), deliver(wrongKey));
    assertEquals(List.of(), deliver(tampered));

    assertEquals(2, h.cd.stats().drops(DropReason.UNVERIFIED_FRAME));
    assertEquals(1, deliver(securedPing(new byte[4])).size(), "the replay state did not move");
  }

  @Test
  void securedFrameBeforeAdmissionIsNotRead() {
    h.cd.start(h.now);
    h.gateway.install(LinkKey.of(new byte[16]), SecurityLevel.ENC_MIC_64);

    assertEquals(List.of(), deliver(securedPing(new byte[4])));

    assertEquals(1, h.cd.stats().drops(DropReason.SECURED_FRAME));
  }

  @Test
  void dataOfItsOwnIsWithheldBeforeAdmissionAndSecuredAfter() {
    assertEquals(List.of(), h.cd.send(Ipv6PacketsForTests.echoToUd(h.cd)));
    boolean[] lost = {false};
    h.loseFromCd = m -> !lost[0] && (lost[0] = true);
    h.start();
    assertEquals(JoinState.JOINING, h.cd.joinStatus().state());
    assertEquals(List.of(), h.cd.send(Ipv6PacketsForTests.echoToUd(h.cd)));
    assertEquals(2, h.cd.stats().drops(DropReason.NOT_ADMITTED));
    h.fireUntil(JoinState.ADMITTED, 5);

    List<byte[]> out = h.cd.send(Ipv6PacketsForTests.echoToUd(h.cd));

    GatewaySide.Received r = h.received(out).get(0);
    assertTrue(r.secured());
    assertEquals(GatewaySide.UD, r.packet().destination());
  }

  @Test
  void coapAnswerToSourcePort716IsDataAndGoesSecured() {
    h.start();
    // CON GET, MID 1, no token, Uri-Path "sensors" (option 11, length 7).
    byte[] request = HexFormat.of().parseHex("40010001b7" + "73656e736f7273");
    Ipv6Packet p = Ipv6Packets.udp(GatewaySide.UD, h.cd.address(), SimulatedCd.PANA_PORT, 5683,
        request, 64);

    assertEquals(List.of(), deliver(h.gateway.framesTo(h.cd, p)), "unsecured: refused");
    List<byte[]> out = deliver(h.gateway.securedFramesTo(h.cd, p));

    assertTrue(h.received(out).get(0).secured());
    assertEquals(1, h.cd.stats().drops(DropReason.UNSECURED_DATA));
  }

  @Test
  void cdWithoutCredentialsKeepsNoLinkSecurity() {
    SimulatedCd plain = new SimulatedCd(GatewaySide.NETWORK, JoinHarness.CD_EUI64);
    GatewaySide gw = new GatewaySide();

    List<byte[]> out = plain.onFrame(
        gw.framesTo(plain, Ipv6PacketsForTests.echoFromUd(plain)).get(0), h.now);

    assertTrue(MacFrameCodec.decode(out.get(0), true).orThrow().header().security().isEmpty());
    assertEquals(1, plain.send(Ipv6PacketsForTests.echoToUd(plain)).size());
  }

  @Test
  void gatewayRefusesWhatAForgingCdSendsUnsecuredBeforeAdmission() {
    JoinHarness forger = new JoinHarness(
        JoinSettings.DEFAULTS.withForgery(Forgery.UNSECURED, 1_000),
        HexFormat.of().parseHex("ff0102030405060708090a0b0c0d0e0f"), 3600);
    forger.start();
    assertEquals(JoinState.REJECTED, forger.cd.joinStatus().state());

    // Rejected, it keeps sending echo requests of its own, and answers unsecured ones.
    assertEquals(forger.now + 1_000, forger.cd.nextDeadline().getAsLong());
    forger.fireNext();
    List<byte[]> answered = new ArrayList<>();
    for (byte[] f : forger.gateway.framesTo(forger.cd,
        Ipv6PacketsForTests.echoFromUd(forger.cd))) {
      answered.addAll(forger.cd.onFrame(f, forger.now));
    }

    assertEquals(1, forger.dataFromCd.size());
    assertEquals(GatewaySide.NETWORK.gatewayLinkLocalAddress(),
        forger.dataFromCd.get(0).packet().destination());
    List<GatewaySide.Received> replies = forger.received(answered);
    assertEquals(1, replies.size());
    for (GatewaySide.Received r : List.of(forger.dataFromCd.get(0), replies.get(0))) {
      // Unsecured data other than PANA: the enforcement point drops it.
      assertFalse(r.secured());
      assertFalse(isPana(r.packet()));
    }
    assertEquals(2, forger.cd.stats().forgedFramesSent());
  }

  @Test
  void gatewayRefusesWhatAForgingCdSecuresWithAKeyOfItsOwn() {
    JoinSettings forging = JoinSettings.DEFAULTS.withForgery(Forgery.WRONG_KEY, 0);
    SimulatedCd forger = SimulatedCd.joining(GatewaySide.NETWORK, JoinHarness.CD_EUI64,
        new CdCredentials(JoinHarness.IDENTITY, JoinHarness.PSK, java.util.OptionalLong.empty()),
        forging, new java.util.SplittableRandom(1));

    List<byte[]> out = forger.send(Ipv6PacketsForTests.echoToUd(forger));

    assertEquals(1, out.size());
    assertEquals(SecurityLevel.ENC_MIC_64, aux(out.get(0)).level());
    // No key for this CD yet: unknown device; with one, the MIC does not verify.
    GatewaySide gw = new GatewaySide();
    assertEquals(Unprotected.Reason.UNKNOWN_DEVICE,
        assertInstanceOf(Unprotected.Rejected.class, gw.unprotect(forger, out.get(0))).reason());
    gw.install(LinkKey.of(new byte[16]), SecurityLevel.ENC_MIC_64);
    assertEquals(Unprotected.Reason.BAD_MIC,
        assertInstanceOf(Unprotected.Rejected.class, gw.unprotect(forger, out.get(0))).reason());
    assertEquals(1, forger.stats().forgedFramesSent());
  }

  static boolean isPana(Ipv6Packet p) {
    if (p.protocol() != UdpDatagram.PROTOCOL) {
      return false;
    }
    UdpDatagram d = UdpCodec.decode(p).orThrow();
    return d.sourcePort() == SimulatedCd.PANA_PORT || d.destinationPort() == SimulatedCd.PANA_PORT;
  }
}

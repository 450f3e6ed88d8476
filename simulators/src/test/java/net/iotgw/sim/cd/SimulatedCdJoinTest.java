package net.iotgw.sim.cd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ieee802154.MacFrame;
import net.iotgw.protocols.ieee802154.MacFrameCodec;
import net.iotgw.protocols.ieee802154.security.Pemk;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.crypto.Prf;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.pana.PanaHeader;
import net.iotgw.protocols.pana.PanaMessageType;
import net.iotgw.protocols.pana.engine.OpenSession;
import org.junit.jupiter.api.Test;

/** Network entry of a simulated CD against an in-test PAA: the keys both sides derive. */
class SimulatedCdJoinTest {
  private final JoinHarness h = new JoinHarness();

  private static OpenSession.Open open(Object state) {
    return assertInstanceOf(OpenSession.Open.class, state);
  }

  @Test
  void joinsWithPanaAndEapPskAndHoldsTheSameMskAndLinkKeyAsThePaaRfc5191Section4_1() {
    h.start();

    JoinStatus status = h.cd.joinStatus();
    assertEquals(JoinState.ADMITTED, status.state());
    assertEquals(Optional.empty(), status.lastEnd());
    assertEquals(OptionalLong.of(JoinHarness.NOW), status.joinStartedAt());
    assertEquals(OptionalLong.of(JoinHarness.NOW), status.admittedAt());
    assertEquals(1, status.joins());
    assertTrue(h.paa.isOpen());
    NetworkEntry entry = h.cd.networkEntry();
    assertArrayEquals(h.paa.keys.msk(), entry.msk().orElseThrow());
    assertArrayEquals(open(h.paa.paa).channel().key().bytes(),
        open(entry.pac()).channel().key().bytes());
    assertArrayEquals(h.paa.linkKey.bytes(), entry.security().key().bytes());
    assertArrayEquals(h.gateway.key().bytes(), entry.security().key().bytes());
  }

  @Test
  void linkKeyIsTheFirstSixteenPemkOctetsOverSessionIdKeyIdAndTheGatewaysEpidRfc5807Section3() {
    h.start();

    Pemk pemk = Pemk.derive(Prf.of(PrfAlgorithm.PRF_HMAC_SHA2_256), h.paa.keys.msk(),
        h.paa.sessionId, h.paa.keyId,
        Pemk.epIdOf(new Address.Extended(GatewaySide.GATEWAY_EUI64)));
    byte[] expected = java.util.Arrays.copyOf(pemk.bytes(), 16);
    assertArrayEquals(expected, h.cd.networkEntry().security().key().bytes());
    // Another EPID (another gateway) gives another key: the gateway's EUI-64 is in it.
    Pemk other = Pemk.derive(Prf.of(PrfAlgorithm.PRF_HMAC_SHA2_256), h.paa.keys.msk(),
        h.paa.sessionId, h.paa.keyId,
        Pemk.epIdOf(new Address.Extended(GatewaySide.GATEWAY_EUI64 + 1)));
    assertFalse(java.util.Arrays.equals(other.linkKey().bytes(), expected));
  }

  @Test
  void pciGoesUnsecuredFromItsLinkLocalAddressPort716ToTheGatewaysRfc5191Section4_1() {
    List<byte[]> pci = h.cd.start(JoinHarness.NOW);

    assertEquals(1, pci.size());
    // 61 dc: data frame, AR, PAN ID compression, 2006, both addresses extended, no security;
    // sequence 0; PAN abcd; gateway then CD address. IPHC 7e 33: TF=11, NH compressed, HLIM=64,
    // both addresses link-local and elided (the frame's). UDP NHC f0: ports 716 (02cc) inline,
    // checksum b1ff. PANA PCI: length 16, no flags, type 1, session 0, sequence 0. FCS b4d7.
    assertEquals("61dc00cdab01000000004b120201000000000000027e33" + "f002cc02ccb1ff"
            + "00000010000000010000000000000000" + "b4d7",
        HexFormat.of().formatHex(pci.get(0)));
    Ipv6Packet p = h.gateway.onlyPacketFrom(h.cd, pci, JoinHarness.NOW);
    assertEquals(Ipv6Address.of("fe80::1"), p.source());
    assertEquals(GatewaySide.NETWORK.gatewayLinkLocalAddress(), p.destination());
    assertEquals(JoinState.JOINING, h.cd.joinStatus().state());
    // RFC 5191 §9: PCI_IRT 1 s with a jitter of +-10%.
    long rt = h.cd.nextDeadline().getAsLong() - JoinHarness.NOW;
    assertTrue(rt >= 900 && rt <= 1100, rt + " ms");
  }

  @Test
  void everyFrameOfTheJoinIsUnsecuredPanaAndNoneExceeds127Octets() {
    h.start();

    assertTrue(h.cdFrames.size() >= 4, h.cdFrames.size() + " frames");
    for (byte[] f : h.cdFrames) {
      MacFrame frame = MacFrameCodec.decode(f, true).orThrow();
      assertTrue(frame.header().security().isEmpty());
    }
    assertEquals(List.of(), h.dataFromCd);
    // PCI, PAN-S, PAN with Nonce and EAP-PSK message 2, PAN with message 4, PAN-C.
    assertEquals(List.of(1, 2, 2, 2, 2),
        h.panaFromCd.stream().map(m -> m.header().messageType()).toList());
    PanaHeader last = h.panaFromCd.get(h.panaFromCd.size() - 1).header();
    assertEquals(PanaHeader.FLAG_C, last.flags());
    assertEquals(0, h.cd.stats().securedFramesSent());
  }

  @Test
  void wrongPskIsRejectedAndTheCdStopsSendingNothingButPana() {
    JoinHarness wrong = new JoinHarness(JoinSettings.DEFAULTS,
        HexFormat.of().parseHex("ff0102030405060708090a0b0c0d0e0f"), 3600);
    wrong.start();

    JoinStatus status = wrong.cd.joinStatus();
    assertEquals(JoinState.REJECTED, status.state());
    assertEquals(Optional.of(SessionEnd.AUTHENTICATION_REJECTED), status.lastEnd());
    assertEquals(OptionalLong.empty(), status.admittedAt());
    assertEquals(OptionalLong.empty(), wrong.cd.nextDeadline());
    assertEquals(List.of(), wrong.cd.start(wrong.now + 10_000), "a rejected CD stops");
    assertEquals(List.of(), wrong.cd.onTimer(wrong.now + 3_600_000));
    assertEquals(List.of(), wrong.cd.send(Ipv6PacketsForTests.echoToUd(wrong.cd)));
    assertEquals(1, wrong.cd.stats().drops(DropReason.NOT_ADMITTED));
    assertEquals(List.of(), wrong.cd.onFrame(wrong.gateway.framesTo(wrong.cd,
        Ipv6PacketsForTests.echoFromUd(wrong.cd)).get(0), wrong.now));
    assertEquals(1, wrong.cd.stats().drops(DropReason.UNSECURED_DATA));
    for (byte[] f : wrong.cdFrames) {
      assertTrue(MacFrameCodec.decode(f, true).orThrow().header().security().isEmpty());
    }
    assertEquals(List.of(), wrong.dataFromCd);
    assertEquals(PanaHeader.FLAG_C,
        wrong.panaFromCd.get(wrong.panaFromCd.size() - 1).header().flags());
    assertEquals(wrong.cdFrames.size(), wrong.cd.stats().framesSent());
  }

  @Test
  void lostPciParAndPanAreRecoveredThroughOnTimerRfc5191Section9() {
    boolean[] lost = new boolean[3];
    h.loseFromCd = m -> {
      int type = m.header().messageType();
      if (type == PanaMessageType.CLIENT_INITIATION.id() && !lost[0]) {
        return lost[0] = true;
      }
      // The first PAN that carries EAP (message 2).
      if (type == PanaMessageType.AUTH.id() && m.header().flags() == 0 && !lost[2]) {
        return lost[2] = true;
      }
      return false;
    };
    h.loseFromGateway = m -> m.header().has(PanaHeader.FLAG_S) && !lost[1] && (lost[1] = true);

    h.start();
    assertEquals(JoinState.JOINING, h.cd.joinStatus().state());
    h.fireUntil(JoinState.ADMITTED, 20);

    assertEquals(JoinState.ADMITTED, h.cd.joinStatus().state());
    assertTrue(lost[0] && lost[1] && lost[2]);
    assertEquals(2, h.panaFromCd.stream()
        .filter(m -> m.header().messageType() == PanaMessageType.CLIENT_INITIATION.id()).count());
    assertTrue(h.paa.isOpen());
    assertArrayEquals(h.paa.linkKey.bytes(), h.cd.networkEntry().security().key().bytes());
    assertTrue(h.cd.joinStatus().admittedAt().getAsLong() > JoinHarness.NOW);
    assertEquals(OptionalLong.of(JoinHarness.NOW), h.cd.joinStatus().joinStartedAt());
  }

  @Test
  void cdSecuresRightAfterItsFinalPanAndAnswersTheRetransmittedParWithCFromTheCache() {
    boolean[] lost = {false};
    h.loseFromCd = m -> m.header().has(PanaHeader.FLAG_C) && !lost[0] && (lost[0] = true);

    h.start();
    assertEquals(JoinState.ADMITTED, h.cd.joinStatus().state());
    assertFalse(h.paa.isOpen());
    assertEquals(null, h.gateway.key(), "the gateway installs the key only when it opens");
    h.fireUntil(JoinState.ADMITTED, 5);
    h.fireNext();

    assertTrue(h.paa.isOpen());
    assertEquals(2, h.panaFromCd.stream().filter(m -> m.header().has(PanaHeader.FLAG_C)).count());
    assertArrayEquals(h.gateway.key().bytes(), h.cd.networkEntry().security().key().bytes());
  }

  @Test
  void joinWithoutProgressIsAbandonedAndMayStartAgain() {
    // Every PAN-S lost: the PAA gives up after REQ_MRC and the PaC, which RFC 5191 gives no
    // timer while the PAA drives, would wait for ever.
    h.loseFromCd = m -> m.header().has(PanaHeader.FLAG_S);
    h.start();
    h.fireUntil(JoinState.NOT_JOINED, 40);

    JoinStatus status = h.cd.joinStatus();
    assertEquals(JoinState.NOT_JOINED, status.state());
    assertEquals(Optional.of(SessionEnd.JOIN_STALLED), status.lastEnd());
    assertEquals(OptionalLong.empty(), h.cd.nextDeadline());
    h.loseFromCd = m -> false;
    h.fromCd(h.cd.start(h.now));
    // The PAA, still retransmitting its PAR-S, ignores the new PCI; its next PAR-S starts the
    // new attempt.
    h.fireUntil(JoinState.ADMITTED, 10);
    assertEquals(JoinState.ADMITTED, h.cd.joinStatus().state());
    assertEquals(2, h.cd.joinStatus().joins());
  }

  @Test
  void sessionTerminatedByThePaaEndsAdmissionAndARejoinBringsAFreshKeyRfc5191Section4_4() {
    h.start();
    byte[] firstKey = h.cd.networkEntry().security().key().bytes();
    h.toCd(h.paa.terminate(h.now));

    assertEquals(JoinState.NOT_JOINED, h.cd.joinStatus().state());
    assertEquals(Optional.of(SessionEnd.TERMINATED), h.cd.joinStatus().lastEnd());
    assertEquals(null, h.cd.networkEntry().security());
    assertEquals(Optional.empty(), h.cd.networkEntry().msk());

    h.now += 5_000;
    h.fromCd(h.cd.start(h.now));

    assertEquals(JoinState.ADMITTED, h.cd.joinStatus().state());
    assertEquals(2, h.cd.joinStatus().joins());
    assertEquals(OptionalLong.of(h.now), h.cd.joinStatus().joinStartedAt());
    byte[] secondKey = h.cd.networkEntry().security().key().bytes();
    assertFalse(java.util.Arrays.equals(firstKey, secondKey));
    assertArrayEquals(h.gateway.key().bytes(), secondKey);
    assertEquals(0, h.cd.networkEntry().security().counter().value());
  }

  @Test
  void sessionLifetimeRunningOutReturnsTheCdToNotJoinedRfc5191Section4_4() {
    JoinHarness shortLived = new JoinHarness(JoinSettings.DEFAULTS, JoinHarness.PSK, 60);
    shortLived.start();
    // RFC 5191 §4.3: the PaC re-authenticates before the lifetime ends (at 3/4 of it); with every
    // message of that attempt lost, the lifetime runs out.
    assertEquals(OptionalLong.of(JoinHarness.NOW + 45_000), shortLived.cd.nextDeadline());
    shortLived.loseFromCd = m -> true;
    shortLived.loseFromGateway = m -> true;

    shortLived.fireUntil(JoinState.NOT_JOINED, 50);

    assertEquals(JoinState.NOT_JOINED, shortLived.cd.joinStatus().state());
    assertEquals(Optional.of(SessionEnd.LIFETIME_EXPIRED), shortLived.cd.joinStatus().lastEnd());
    assertEquals(null, shortLived.gateway.key());
  }

  @Test
  void cdWithoutCredentialsCannotStart() {
    SimulatedCd plain = new SimulatedCd(GatewaySide.NETWORK, JoinHarness.CD_EUI64);
    assertThrows(IllegalStateException.class, () -> plain.start(JoinHarness.NOW));
    assertFalse(plain.joins());
    assertEquals(JoinStatus.NEVER_JOINED, plain.joinStatus());
    assertEquals(OptionalLong.empty(), plain.nextDeadline());
  }
}

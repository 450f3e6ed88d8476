package net.iotgw.protocols.pana.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.pana.PanaCodec;
import net.iotgw.protocols.pana.PanaHeader;
import net.iotgw.protocols.pana.PanaMessage;
import net.iotgw.protocols.pana.PanaMessageType;
import org.junit.jupiter.api.Test;

class PanaEngineTest {
  static final byte[] PSK = PanaPair.bytes(16, 0x11);

  static PanaPair opened() {
    PanaPair p = new PanaPair(PSK, PSK);
    p.startFromPac();
    assertInstanceOf(OpenSession.Open.class, p.paa);
    assertInstanceOf(OpenSession.Open.class, p.pac);
    return p;
  }

  static PanaMessage decode(byte[] wire) {
    return PanaCodec.decode(wire).orThrow();
  }

  static OpenSession.Open open(Object s) {
    return assertInstanceOf(OpenSession.Open.class, s);
  }

  static void assertClosed(PanaOutput.CloseReason reason, Object state) {
    assertEquals(reason, assertInstanceOf(OpenSession.Closed.class, state).reason());
  }

  @Test
  void rfc5191Section4_1_sessionOpensWithTheSameKeyAndMskOnBothSides() {
    PanaPair p = opened();
    assertArrayEquals(p.serverKeys.msk(), p.peerKeys.msk());
    assertArrayEquals(
        open(p.paa).channel().key().bytes(), open(p.pac).channel().key().bytes());
    assertEquals(32, open(p.pac).channel().key().bytes().length);
    assertTrue(p.paaSaw.contains(new PanaOutput.Opened(0x1234, PanaPair.LIFETIME)));
    assertTrue(p.pacSaw.contains(new PanaOutput.Opened(0x1234, PanaPair.LIFETIME)));
    assertEquals(p.now + PanaPair.LIFETIME * 1000, open(p.pac).expiresAtMillis());
  }

  @Test
  void rfc5191Section4_1_messagesFollowTheStartEapCompleteFlow() {
    PanaPair p = opened();
    PanaMessage parS = decode(p.paaSent.get(0));
    assertEquals(PanaHeader.FLAG_R | PanaHeader.FLAG_S, parS.header().flags());
    assertEquals(0x100, parS.header().sequenceNumber());
    assertEquals(List.of(new Avp.PrfAlgorithm(5)), parS.all(Avp.PrfAlgorithm.class));
    assertEquals(List.of(new Avp.IntegrityAlgorithm(12)), parS.all(Avp.IntegrityAlgorithm.class));
    PanaMessage pci = decode(p.pacSent.get(0));
    assertEquals(new PanaHeader(0, PanaMessageType.CLIENT_INITIATION, 0, 0), pci.header());
    PanaMessage panS = decode(p.pacSent.get(1));
    assertEquals(new PanaHeader(PanaHeader.FLAG_S, PanaMessageType.AUTH, 0x1234, 0x100),
        panS.header());
    PanaMessage firstPar = decode(p.paaSent.get(1));
    assertTrue(firstPar.first(Avp.Nonce.class).isPresent());
    assertTrue(firstPar.first(Avp.EapPayload.class).isPresent());
    assertTrue(decode(p.pacSent.get(2)).first(Avp.Nonce.class).isPresent());
    PanaMessage parC = decode(p.paaSent.get(p.paaSent.size() - 1));
    assertEquals(PanaHeader.FLAG_R | PanaHeader.FLAG_C, parC.header().flags());
    assertEquals(List.of(new Avp.ResultCode(0)), parC.all(Avp.ResultCode.class));
    assertEquals(List.of(new Avp.SessionLifetime(3600)), parC.all(Avp.SessionLifetime.class));
    assertEquals(List.of(new Avp.KeyId(1)), parC.all(Avp.KeyId.class));
    assertTrue(parC.first(Avp.Auth.class).isPresent());
    PanaMessage panC = decode(p.pacSent.get(p.pacSent.size() - 1));
    assertEquals(PanaHeader.FLAG_C, panC.header().flags());
    assertTrue(panC.first(Avp.Auth.class).isPresent());
  }

  @Test
  void rfc5191Section4_1_wrongPskIsRejectedWithoutAuth() {
    PanaPair p = new PanaPair(PSK, PanaPair.bytes(16, 0x12));
    p.startFromPac();
    assertClosed(PanaOutput.CloseReason.AUTHENTICATION_REJECTED, p.paa);
    assertClosed(PanaOutput.CloseReason.AUTHENTICATION_REJECTED, p.pac);
    PanaMessage parC = decode(p.paaSent.get(p.paaSent.size() - 1));
    assertEquals(PanaHeader.FLAG_R | PanaHeader.FLAG_C, parC.header().flags());
    assertEquals(List.of(new Avp.ResultCode(1)), parC.all(Avp.ResultCode.class));
    assertTrue(parC.first(Avp.Auth.class).isEmpty());
    assertTrue(p.paaTimers.isEmpty());
  }

  @Test
  void rfc5191Section9_lostMessagesAreRetransmittedAndTheExchangeCompletes() {
    PanaPair p = new PanaPair(PSK, PSK);
    int[] seen = {0};
    // Lose the first PCI, the PAR-S and the first PAR with C (each the first time only).
    p.lose = m -> {
      PanaMessage d = decode(m);
      int f = d.header().flags();
      boolean first = d.header().messageType() == 1 || (f & PanaHeader.FLAG_S) != 0 && d.header().isRequest()
          || (f & PanaHeader.FLAG_C) != 0 && d.header().isRequest();
      return first && (seen[0]++ % 2 == 0);
    };
    p.startFromPac();
    for (int i = 0; i < 10 && !(p.paa instanceof OpenSession.Open); i++) {
      p.fireNextTimer();
    }
    assertInstanceOf(OpenSession.Open.class, p.pac);
    assertInstanceOf(OpenSession.Open.class, p.paa);
    assertArrayEquals(
        open(p.paa).channel().key().bytes(), open(p.pac).channel().key().bytes());
    assertEquals(2, p.pacSent.stream().filter(m -> decode(m).header().messageType() == 1).count());
    assertEquals(2, p.paaSent.stream()
        .filter(m -> decode(m).header().has(PanaHeader.FLAG_R | PanaHeader.FLAG_C)).count());
  }

  @Test
  void rfc5191Section9_firstRetransmissionWaitsIrtWithinTenPercentJitter() {
    PanaPair p = new PanaPair(PSK, PSK);
    p.lose = m -> true;
    long t0 = p.now;
    p.startFromPac();
    long at = p.pacTimers.get(PanaOutput.Timer.RETRANSMIT);
    assertTrue(at - t0 >= 900 && at - t0 <= 1100, "RT " + (at - t0));
  }

  @Test
  void rfc5191Section9_unansweredRequestGivesUpAfterMaxRetransmissions() {
    PanaPair p = new PanaPair(PSK, PSK);
    p.lose = m -> decode(m).header().isRequest() && decode(m).header().has(PanaHeader.FLAG_S);
    p.startFromPac();
    p.pacTimers.clear(); // PCI retransmissions are not under test: only the PAA fires
    for (int i = 0; i < 10; i++) {
      p.fireNextTimer();
      p.pacTimers.clear();
    }
    assertInstanceOf(PaaEngine.Starting.class, p.paa);
    p.fireNextTimer();
    assertEquals(new OpenSession.Closed(PanaOutput.CloseReason.RETRANSMISSIONS_EXHAUSTED), p.paa);
    long parS = p.paaSent.stream().filter(m -> decode(m).header().has(PanaHeader.FLAG_S)).count();
    assertEquals(11, parS);
  }

  @Test
  void rfc5191Section9_pciIsRetransmittedWithoutLimitUpToMrtOf120Seconds() {
    PanaPair p = new PanaPair(PSK, PSK);
    p.lose = m -> true;
    p.startFromPac();
    long last = p.now;
    long gap = 0;
    for (int i = 0; i < 20; i++) {
      p.fireNextTimer();
      gap = p.pacTimers.get(PanaOutput.Timer.RETRANSMIT) - p.now;
      last = p.now;
    }
    assertInstanceOf(PacEngine.AwaitingStart.class, p.pac);
    assertEquals(21, p.pacSent.size());
    assertTrue(gap >= 108_000 && gap <= 132_000, "RT " + gap + " at " + last);
  }

  @Test
  void rfc5191Section4_2_pingIsAnsweredWithAuth() {
    PanaPair p = opened();
    p.onPaa(PaaEngine.ping(p.paa, p.now, p.random));
    p.run();
    assertTrue(p.paaSaw.contains(new PanaOutput.PingAnswered()));
    PanaMessage pna = decode(p.pacSent.get(p.pacSent.size() - 1));
    assertEquals(PanaHeader.FLAG_P, pna.header().flags());
    assertTrue(pna.first(Avp.Auth.class).isPresent());
    assertNull(open(p.paa).channel().pending());
  }

  @Test
  void rfc5191Section5_1_duplicateRequestIsAnsweredFromCache() {
    PanaPair p = opened();
    p.onPac(PacEngine.ping(p.pac, p.now, p.random));
    byte[] pnr = p.toPaa.peek();
    p.run();
    byte[] pna = p.paaSent.get(p.paaSent.size() - 1);
    PanaStep<PaaEngine.State> again = PaaEngine.receive(p.paa, pnr, p.now, p.random);
    assertEquals(1, again.outputs().size());
    assertArrayEquals(pna, ((PanaOutput.Send) again.outputs().get(0)).message());
    assertEquals(p.paa, again.state());
  }

  @Test
  void rfc5191Section4_4_terminationClosesBothSides() {
    PanaPair p = opened();
    p.onPac(PacEngine.terminate(p.pac, Avp.TerminationCause.LOGOUT, p.now, p.random));
    PanaMessage ptr = decode(p.toPaa.peek());
    assertEquals(List.of(new Avp.TerminationCause(1)), ptr.all(Avp.TerminationCause.class));
    p.run();
    assertClosed(PanaOutput.CloseReason.TERMINATED, p.paa);
    assertClosed(PanaOutput.CloseReason.TERMINATED, p.pac);
    assertTrue(p.paaTimers.isEmpty());
    assertTrue(p.pacTimers.isEmpty());
  }

  @Test
  void rfc5191Section4_4_sessionLifetimeExpiryClosesTheSession() {
    PanaPair p = opened();
    long expires = open(p.paa).expiresAtMillis();
    PanaStep<PaaEngine.State> early =
        PaaEngine.timer(p.paa, PanaOutput.Timer.LIFETIME, expires - 1, p.random);
    assertEquals(p.paa, early.state());
    PanaStep<PaaEngine.State> due =
        PaaEngine.timer(p.paa, PanaOutput.Timer.LIFETIME, expires, p.random);
    assertEquals(new OpenSession.Closed(PanaOutput.CloseReason.LIFETIME_EXPIRED), due.state());
    assertTrue(due.outputs().contains(new PanaOutput.Closed(PanaOutput.CloseReason.LIFETIME_EXPIRED)));
  }

  @Test
  void rfc5191Section5_3_messageWithTamperedAuthIsDropped() {
    PanaPair p = opened();
    p.onPaa(PaaEngine.ping(p.paa, p.now, p.random));
    byte[] pnr = p.toPac.poll();
    pnr[pnr.length - 1] ^= 1;
    PanaStep<PacEngine.State> step = PacEngine.receive(p.pac, pnr, p.now, p.random);
    assertEquals(p.pac, step.state());
    assertEquals(PanaOutput.DropReason.BAD_AUTH,
        assertInstanceOf(PanaOutput.Dropped.class, step.outputs().get(0)).reason());
  }

  @Test
  void rfc5191Section5_3_tamperedCompletionIsDroppedAndTheGenuineRetransmissionOpens() {
    PanaPair p = new PanaPair(PSK, PSK);
    p.lose = m -> decode(m).header().has(PanaHeader.FLAG_R | PanaHeader.FLAG_C);
    p.startFromPac();
    byte[] parC = p.paaSent.get(p.paaSent.size() - 1).clone();
    parC[parC.length - 1] ^= 1;
    p.onPac(PacEngine.receive(p.pac, parC, p.now, p.random));
    assertInstanceOf(PacEngine.AwaitingEapResult.class, p.pac);
    assertTrue(p.pacSaw.stream().anyMatch(o -> o instanceof PanaOutput.Dropped d
        && d.reason() == PanaOutput.DropReason.BAD_AUTH));
    p.lose = m -> false;
    p.pacTimers.clear();
    p.fireNextTimer();
    assertInstanceOf(OpenSession.Open.class, p.pac);
    assertInstanceOf(OpenSession.Open.class, p.paa);
    assertArrayEquals(
        open(p.paa).channel().key().bytes(), open(p.pac).channel().key().bytes());
  }

  @Test
  void rfc5191Section5_3_messageWithoutAuthIsDroppedOnceTheKeyExists() {
    PanaPair p = opened();
    long seq = open(p.pac).channel().nextRxSeq();
    byte[] unsigned = PanaCodec.encode(new PanaMessage(new PanaHeader(
        PanaHeader.FLAG_R | PanaHeader.FLAG_P, PanaMessageType.NOTIFICATION, 0x1234, seq),
        List.of()));
    PanaStep<PacEngine.State> step = PacEngine.receive(p.pac, unsigned, p.now, p.random);
    assertEquals(PanaOutput.DropReason.BAD_AUTH,
        assertInstanceOf(PanaOutput.Dropped.class, step.outputs().get(0)).reason());
  }

  @Test
  void rfc5191Section5_2_ptrRepeatedAfterTheSessionClosedIsAnsweredAgainFromTheEcho() {
    PanaPair p = opened();
    boolean[] lost = {false};
    p.lose = m -> !decode(m).header().isRequest() && decode(m).header().messageType() == 3
        && !lost[0] && (lost[0] = true);
    p.onPac(PacEngine.terminate(p.pac, Avp.TerminationCause.LOGOUT, p.now, p.random));
    byte[] ptr = p.toPaa.peek();
    p.run();
    assertClosed(PanaOutput.CloseReason.TERMINATED, p.paa);
    assertInstanceOf(OpenSession.Terminating.class, p.pac);
    byte[] pta = p.paaSent.get(p.paaSent.size() - 1);
    p.fireNextTimer();
    assertClosed(PanaOutput.CloseReason.TERMINATED, p.pac);
    assertArrayEquals(pta, p.paaSent.get(p.paaSent.size() - 1));
    assertEquals(2, p.pacSent.stream().filter(m -> decode(m).header().messageType() == 3).count());
    byte[] other = ptr.clone();
    other[other.length - 1] ^= 1;
    assertEquals(List.of(new PanaOutput.Dropped(PanaOutput.DropReason.UNEXPECTED, "closed")),
        PaaEngine.receive(p.paa, other, p.now, p.random).outputs());
  }

  @Test
  void rfc5191Section5_2_rejectionRepeatedAfterThePacClosedIsAnsweredAgain() {
    PanaPair p = new PanaPair(PSK, PanaPair.bytes(16, 0x12));
    boolean[] lost = {false};
    p.lose = m -> !decode(m).header().isRequest() && decode(m).header().has(PanaHeader.FLAG_C)
        && !lost[0] && (lost[0] = true);
    p.startFromPac();
    assertClosed(PanaOutput.CloseReason.AUTHENTICATION_REJECTED, p.pac);
    assertInstanceOf(PaaEngine.Rejecting.class, p.paa);
    p.fireNextTimer();
    assertClosed(PanaOutput.CloseReason.AUTHENTICATION_REJECTED, p.paa);
  }
}

package net.iotgw.protocols.pana.engine;

import static net.iotgw.protocols.pana.engine.PanaEngineTest.PSK;
import static net.iotgw.protocols.pana.engine.PanaEngineTest.assertClosed;
import static net.iotgw.protocols.pana.engine.PanaEngineTest.decode;
import static net.iotgw.protocols.pana.engine.PanaEngineTest.open;
import static net.iotgw.protocols.pana.engine.PanaEngineTest.opened;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.iotgw.protocols.eap.psk.Psk;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.pana.PanaAuth;
import net.iotgw.protocols.pana.PanaAuthKey;
import net.iotgw.protocols.pana.PanaEncrKey;
import net.iotgw.protocols.pana.PanaEncryption;
import net.iotgw.protocols.pana.PanaHeader;
import net.iotgw.protocols.pana.PanaMessage;
import net.iotgw.protocols.pana.PanaMessageType;
import org.junit.jupiter.api.Test;

/** RFC 5191 §4.3 between the two engines, EAP-PSK run again behind them. */
class ReauthenticationTest {

  /** The keys of an open session, copied, and the key objects themselves. */
  record Keys(
      byte[] auth, byte[] pacEncr, byte[] paaEncr, PanaAuthKey authKey, PanaEncrKey encrKey) {
    static Keys of(Object state) {
      Channel c = open(state).channel();
      return new Keys(c.key().bytes(), c.encrKey().bytes(PanaEncrKey.Sender.PAC),
          c.encrKey().bytes(PanaEncrKey.Sender.PAA), c.key(), c.encrKey());
    }
  }

  static List<PanaMessage> sentSince(List<byte[]> sent, int from) {
    return sent.subList(from, sent.size()).stream().map(PanaEngineTest::decode).toList();
  }

  /** Both sides reauthenticated alike under Key-Id 2, with keys unlike the old ones, now zeroed. */
  static void assertRekeyed(PanaPair p, Keys paaOld, Keys pacOld) {
    OpenSession.Open paa = open(p.paa);
    OpenSession.Open pac = open(p.pac);
    assertEquals(2, paa.keyId());
    assertEquals(2, pac.keyId());
    assertTrue(p.paaSaw.contains(new PanaOutput.Reauthenticated(0x1234, 2, PanaPair.LIFETIME)));
    assertTrue(p.pacSaw.contains(new PanaOutput.Reauthenticated(0x1234, 2, PanaPair.LIFETIME)));
    Keys a = Keys.of(p.paa);
    Keys c = Keys.of(p.pac);
    assertArrayEquals(a.auth(), c.auth());
    assertArrayEquals(a.pacEncr(), c.pacEncr());
    assertArrayEquals(a.paaEncr(), c.paaEncr());
    assertFalse(java.util.Arrays.equals(a.auth(), paaOld.auth()));
    assertFalse(java.util.Arrays.equals(a.paaEncr(), paaOld.paaEncr()));
    assertFalse(java.util.Arrays.equals(a.pacEncr(), paaOld.pacEncr()));
    for (Keys old : List.of(paaOld, pacOld)) {
      assertArrayEquals(new byte[32], old.authKey().bytes());
      assertTrue(old.encrKey().isDestroyed());
    }
    // The PAA, last to learn of success, completes now; the PaC may have done so a little before.
    assertEquals(p.now + PanaPair.LIFETIME * 1000, paa.expiresAtMillis());
    assertEquals(paa.expiresAtMillis(), p.paaTimers.get(PanaOutput.Timer.LIFETIME));
    assertEquals(pac.expiresAtMillis(), p.pacTimers.get(PanaOutput.Timer.LIFETIME));
    assertTrue(pac.expiresAtMillis() <= paa.expiresAtMillis());
    assertEquals(pac.expiresAtMillis() - PanaPair.LIFETIME * 250,
        p.pacTimers.get(PanaOutput.Timer.REAUTHENTICATE));
    assertFalse(p.pacTimers.containsKey(PanaOutput.Timer.EAP_RESPONSE));
  }

  /**
   * The EAP part of a re-authentication: no S flag anywhere, the first PAR and PAN carry new
   * nonces, all signed with the old key but the C exchange, signed with the new one, whose value
   * is re-derived here from the new MSK and nonces.
   */
  static void assertEapRunInsideTheSession(PanaPair p, List<PanaMessage> paa, List<PanaMessage> pac,
      Keys old, long paaSeqBefore) {
    List<PanaMessage> pars = paa.stream()
        .filter(m -> m.header().isRequest() && m.header().messageType() == 2).toList();
    List<PanaMessage> pans = pac.stream()
        .filter(m -> !m.header().isRequest() && m.header().messageType() == 2).toList();
    assertTrue(pars.size() >= 3, "PARs " + pars.size());
    for (PanaMessage m : pars) {
      assertFalse(m.header().has(PanaHeader.FLAG_S));
      assertTrue(m.first(Avp.Auth.class).isPresent());
    }
    assertEquals(paaSeqBefore, pars.get(0).header().sequenceNumber(), "§4.3: sequence goes on");
    byte[] paaNonce = pars.get(0).first(Avp.Nonce.class).orElseThrow().value();
    byte[] pacNonce = pans.get(0).first(Avp.Nonce.class).orElseThrow().value();
    assertFalse(java.util.Arrays.equals(new byte[16], paaNonce));
    assertEquals(1, pars.stream().filter(m -> m.first(Avp.Nonce.class).isPresent()).count());
    PanaMessage parC = pars.get(pars.size() - 1);
    assertEquals(PanaHeader.FLAG_R | PanaHeader.FLAG_C, parC.header().flags());
    assertEquals(List.of(new Avp.KeyId(2)), parC.all(Avp.KeyId.class));
    try (PanaAuthKey expected = PanaAuthKey.derive(PrfAlgorithm.PRF_HMAC_SHA2_256,
        IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128, p.peerKeys.msk(), p.paaSent.get(0),
        p.pacSent.get(1), pacNonce, paaNonce, 2);
        PanaAuthKey oldKey =
            PanaAuthKey.of(IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128, old.auth())) {
      assertArrayEquals(expected.bytes(), Keys.of(p.paa).auth());
      List<byte[]> wires = p.paaSent.stream().filter(w -> decode(w).equals(parC)).toList();
      assertTrue(PanaAuth.verify(wires.get(0), expected));
      assertFalse(PanaAuth.verify(wires.get(0), oldKey));
      byte[] firstPar = p.paaSent.stream().filter(w -> decode(w).equals(pars.get(0))).findFirst()
          .orElseThrow();
      assertTrue(PanaAuth.verify(firstPar, oldKey));
    }
  }

  @Test
  void rfc5191Section4_3_pacInitiatedReauthenticationRekeysBothSidesAlike() {
    PanaPair p = opened();
    Keys paaOld = Keys.of(p.paa);
    Keys pacOld = Keys.of(p.pac);
    byte[] oldMsk = p.peerKeys.msk();
    long paaSeq = open(p.paa).channel().nextTxSeq();
    int paaFrom = p.paaSent.size();
    int pacFrom = p.pacSent.size();
    p.onPac(PacEngine.reauthenticate(p.pac, p.now, p.random));
    PanaMessage pnr = decode(p.toPaa.peek());
    p.run();
    assertEquals(PanaHeader.FLAG_R | PanaHeader.FLAG_A, pnr.header().flags());
    assertEquals(PanaMessageType.NOTIFICATION.id(), pnr.header().messageType());
    PanaMessage pna = decode(p.paaSent.get(paaFrom));
    assertEquals(PanaHeader.FLAG_A, pna.header().flags());
    assertTrue(pna.first(Avp.Auth.class).isPresent());
    assertFalse(java.util.Arrays.equals(oldMsk, p.peerKeys.msk()));
    assertArrayEquals(p.serverKeys.msk(), p.peerKeys.msk());
    assertRekeyed(p, paaOld, pacOld);
    assertEapRunInsideTheSession(p, sentSince(p.paaSent, paaFrom), sentSince(p.pacSent, pacFrom),
        paaOld, paaSeq);
    assertEquals(2, p.paaSaw.stream().filter(o -> o instanceof PanaOutput.EapStart).count());
    assertEquals(2, p.pacSaw.stream().filter(o -> o instanceof PanaOutput.EapStart).count());
  }

  @Test
  void rfc5191Section4_3_paaInitiatedReauthenticationStartsWithAParAndRekeysBothSidesAlike() {
    PanaPair p = opened();
    Keys paaOld = Keys.of(p.paa);
    Keys pacOld = Keys.of(p.pac);
    long paaSeq = open(p.paa).channel().nextTxSeq();
    int paaFrom = p.paaSent.size();
    int pacFrom = p.pacSent.size();
    p.onPaa(PaaEngine.reauthenticate(p.paa));
    p.run();
    assertTrue(sentSince(p.pacSent, pacFrom).stream()
        .noneMatch(m -> m.header().messageType() == PanaMessageType.NOTIFICATION.id()));
    assertRekeyed(p, paaOld, pacOld);
    assertEapRunInsideTheSession(p, sentSince(p.paaSent, paaFrom), sentSince(p.pacSent, pacFrom),
        paaOld, paaSeq);
  }

  @Test
  void rfc5191Section4_3_failedReauthenticationClosesBothSidesWithARejectionUnderTheOldKey() {
    PanaPair p = opened();
    Keys old = Keys.of(p.paa);
    p.serverPsk = new Psk(PanaPair.bytes(16, 0x99));
    p.onPac(PacEngine.reauthenticate(p.pac, p.now, p.random));
    p.run();
    assertClosed(PanaOutput.CloseReason.AUTHENTICATION_REJECTED, p.paa);
    assertClosed(PanaOutput.CloseReason.AUTHENTICATION_REJECTED, p.pac);
    byte[] parC = p.paaSent.get(p.paaSent.size() - 1);
    assertEquals(List.of(new Avp.ResultCode(Avp.ResultCode.PANA_AUTHENTICATION_REJECTED)),
        decode(parC).all(Avp.ResultCode.class));
    try (PanaAuthKey oldKey =
        PanaAuthKey.of(IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128, old.auth())) {
      assertTrue(PanaAuth.verify(parC, oldKey));
      assertTrue(PanaAuth.verify(p.pacSent.get(p.pacSent.size() - 1), oldKey));
    }
    assertArrayEquals(new byte[32], old.authKey().bytes());
    assertTrue(p.paaTimers.isEmpty());
    assertTrue(p.pacTimers.isEmpty());
  }

  @Test
  void rfc5191Section5_7_reauthenticateTimerAtThreeQuartersOfTheLifetimeExtendsTheSession() {
    PanaPair p = opened();
    long opened = p.now;
    assertEquals(
        opened + PanaPair.LIFETIME * 750, p.pacTimers.get(PanaOutput.Timer.REAUTHENTICATE));
    Keys paaOld = Keys.of(p.paa);
    Keys pacOld = Keys.of(p.pac);
    p.fireNextTimer();
    assertEquals(opened + PanaPair.LIFETIME * 750, p.now);
    assertRekeyed(p, paaOld, pacOld);
    // The first lifetime ends without ending the session.
    p.onPac(PacEngine.timer(p.pac, PanaOutput.Timer.LIFETIME, opened + PanaPair.LIFETIME * 1000,
        p.random));
    p.onPaa(PaaEngine.timer(p.paa, PanaOutput.Timer.LIFETIME, opened + PanaPair.LIFETIME * 1000,
        p.random));
    open(p.pac);
    open(p.paa);
  }

  @Test
  void reauthenticateTimerWaitsWhileARequestIsOutstanding() {
    PanaPair p = opened();
    p.lose = m -> true;
    p.onPac(PacEngine.ping(p.pac, p.now, p.random));
    PanaStep<PacEngine.State> step =
        PacEngine.timer(p.pac, PanaOutput.Timer.REAUTHENTICATE, p.now, p.random);
    assertEquals(p.pac, step.state());
    assertEquals(List.of(new PanaOutput.Arm(PanaOutput.Timer.REAUTHENTICATE, p.now + 1000)),
        step.outputs());
    assertEquals(PanaOutput.DropReason.UNEXPECTED, assertInstanceOf(PanaOutput.Dropped.class,
        PacEngine.reauthenticate(p.pac, p.now, p.random).outputs().get(0)).reason());
    assertEquals(PanaOutput.DropReason.UNEXPECTED, assertInstanceOf(PanaOutput.Dropped.class,
        PaaEngine.reauthenticate(new PanaPair(PSK, PSK).paa).outputs().get(0)).reason());
  }

  @Test
  void rfc5191Section4_3_bothStartAtOnce_thePacDiscardsParsUntilItsPnaAndAllEndsRekeyed() {
    PanaPair p = opened();
    Keys paaOld = Keys.of(p.paa);
    Keys pacOld = Keys.of(p.pac);
    p.onPac(PacEngine.reauthenticate(p.pac, p.now, p.random));
    p.onPaa(PaaEngine.reauthenticate(p.paa));
    p.run();
    assertTrue(p.pacSaw.contains(new PanaOutput.Dropped(PanaOutput.DropReason.UNEXPECTED,
        "PAR before the PNA with A: discarded (§4.3)")));
    assertInstanceOf(PaaReauthentication.Authenticating.class, p.paa);
    assertInstanceOf(PacReauthentication.Reauthenticating.class, p.pac);
    p.fireNextTimer(); // the PAA's PAR again
    assertRekeyed(p, paaOld, pacOld);
  }

  @Test
  void rfc5191Section4_3_pnrWithAWhileTheDeliveryIsOutIsAnsweredAfterIt() {
    PanaPair p = opened();
    Keys paaOld = Keys.of(p.paa);
    Keys pacOld = Keys.of(p.pac);
    p.onPaa(PaaEngine.deliver(p.paa, KeyDeliveryTest.SECRET, p.now, p.random));
    p.onPac(PacEngine.reauthenticate(p.pac, p.now, p.random));
    p.run();
    assertTrue(p.pacSaw.contains(new PanaOutput.Delivered(KeyDeliveryTest.SECRET)));
    assertTrue(p.paaSaw.contains(new PanaOutput.DeliveryAcknowledged()));
    assertInstanceOf(PacReauthentication.Requested.class, p.pac);
    p.fireNextTimer(); // the PaC's PNR with A again
    assertRekeyed(p, paaOld, pacOld);
  }

  @Test
  void rfc5191Section5_2_lostPanWithCIsAnsweredFromCacheUnderTheNewKey() {
    PanaPair p = opened();
    Keys paaOld = Keys.of(p.paa);
    Keys pacOld = Keys.of(p.pac);
    boolean[] lost = {false};
    p.lose = m -> {
      PanaHeader h = decode(m).header();
      return !h.isRequest() && h.has(PanaHeader.FLAG_C) && !lost[0] && (lost[0] = true);
    };
    p.onPaa(PaaEngine.reauthenticate(p.paa));
    p.run();
    PaaReauthentication.Completing completing =
        assertInstanceOf(PaaReauthentication.Completing.class, p.paa);
    // The old keys stay until the PaC's PAN with C shows it holds the new ones.
    assertArrayEquals(paaOld.auth(), completing.previous().channel().key().bytes());
    assertFalse(completing.previous().channel().encrKey().isDestroyed());
    open(p.pac);
    p.fireNextTimer();
    assertRekeyed(p, paaOld, pacOld);
  }

  @Test
  void deliveryAfterReauthenticationUsesTheNewEncryptionKey() {
    PanaPair p = opened();
    p.onPaa(PaaEngine.reauthenticate(p.paa));
    p.run();
    Channel c = open(p.paa).channel();
    p.onPaa(PaaEngine.deliver(p.paa, KeyDeliveryTest.SECRET, p.now, p.random));
    PanaMessage pnr = decode(p.toPac.peek());
    p.run();
    assertEquals(2, c.encrKey().keyId());
    assertArrayEquals(PanaEncryption.seal(c.encrKey(), PanaEncrKey.Sender.PAA, c.sessionId(),
        pnr.header().sequenceNumber(), KeyDeliveryTest.SECRET).encrypted(),
        pnr.first(Avp.EncrEncap.class).orElseThrow().encrypted());
    assertTrue(p.pacSaw.contains(new PanaOutput.Delivered(KeyDeliveryTest.SECRET)));
  }

  @Test
  void rfc5191Section4_3_parWithoutNonceOrWithStartIsDroppedAndTheSessionStaysOpen() {
    PanaPair p = opened();
    Channel c = open(p.paa).channel();
    for (int flags : new int[] {PanaHeader.FLAG_R, PanaHeader.FLAG_R | PanaHeader.FLAG_S}) {
      byte[] par = PanaAuth.sign(new PanaMessage(new PanaHeader(flags, PanaMessageType.AUTH,
          c.sessionId(), c.nextTxSeq()), List.of(new Avp.EapPayload(new byte[] {1, 1, 0, 4}))),
          c.key());
      PanaStep<PacEngine.State> step = PacEngine.receive(p.pac, par, p.now, p.random);
      assertEquals(p.pac, step.state());
      assertInstanceOf(PanaOutput.Dropped.class, step.outputs().get(0));
    }
  }

  @Test
  void rfc5191Section5_5_pacPingCrossingThePaasFirstParIsAnsweredAndReauthenticationFollows() {
    PanaPair p = opened();
    Keys paaOld = Keys.of(p.paa);
    Keys pacOld = Keys.of(p.pac);
    p.onPac(PacEngine.ping(p.pac, p.now, p.random));
    p.onPaa(PaaEngine.reauthenticate(p.paa));
    p.run();
    assertTrue(p.pacSaw.contains(new PanaOutput.PingAnswered()));
    open(p.pac);
    p.fireNextTimer(); // the PAA's PAR again, now taken
    assertRekeyed(p, paaOld, pacOld);
  }

  @Test
  void rfc5191Section5_5_pacTerminationCrossingThePaasFirstParEndsBothSides() {
    PanaPair p = opened();
    p.onPac(PacEngine.terminate(p.pac, Avp.TerminationCause.LOGOUT, p.now, p.random));
    p.onPaa(PaaEngine.reauthenticate(p.paa));
    p.run();
    assertClosed(PanaOutput.CloseReason.TERMINATED, p.paa);
    assertClosed(PanaOutput.CloseReason.TERMINATED, p.pac);
  }

  @Test
  void paaWaitingForItsAuthenticatorIgnoresARetransmissionTimer() {
    PanaPair p = opened();
    PaaEngine.State started = PaaEngine.reauthenticate(p.paa).state();
    PanaStep<PaaEngine.State> step =
        PaaEngine.timer(started, PanaOutput.Timer.RETRANSMIT, p.now, p.random);
    assertEquals(started, step.state());
    assertEquals(List.of(), step.outputs());
  }
}

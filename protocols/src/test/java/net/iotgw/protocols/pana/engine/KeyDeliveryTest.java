package net.iotgw.protocols.pana.engine;

import static net.iotgw.protocols.pana.engine.PanaEngineTest.PSK;
import static net.iotgw.protocols.pana.engine.PanaEngineTest.assertClosed;
import static net.iotgw.protocols.pana.engine.PanaEngineTest.decode;
import static net.iotgw.protocols.pana.engine.PanaEngineTest.open;
import static net.iotgw.protocols.pana.engine.PanaEngineTest.opened;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.pana.PanaAuth;
import net.iotgw.protocols.pana.PanaCodec;
import net.iotgw.protocols.pana.PanaEncrKey;
import net.iotgw.protocols.pana.PanaEncryption;
import net.iotgw.protocols.pana.PanaEncryptionAlgorithm;
import net.iotgw.protocols.pana.PanaHeader;
import net.iotgw.protocols.pana.PanaMessage;
import net.iotgw.protocols.pana.PanaMessageType;
import org.junit.jupiter.api.Test;

/** RFC 6786 negotiation in the S exchange, and secret delivery over the open session. */
class KeyDeliveryTest {
  /** What the IKE offload sends a CD: opaque octets in a vendor's AVP, and a plain lifetime. */
  static final List<Avp> SECRET = List.of(
      new Avp.Unknown(1, PanaCodec.AVP_FLAG_V, 32473,
          HexFormat.of().parseHex("00112233445566778899aabbccddeeff0123456789")),
      new Avp.SessionLifetime(600));

  static boolean isPnr(byte[] m) {
    PanaHeader h = decode(m).header();
    return h.isRequest() && h.messageType() == PanaMessageType.NOTIFICATION.id();
  }

  static boolean isPna(byte[] m) {
    PanaHeader h = decode(m).header();
    return !h.isRequest() && h.messageType() == PanaMessageType.NOTIFICATION.id();
  }

  static long count(List<PanaOutput> saw, Class<?> kind) {
    return saw.stream().filter(kind::isInstance).count();
  }

  @Test
  void rfc6786Section2_paaOffersInParSAndPacChoosesOneInPanS_bothDeriveTheSameKeys() {
    PanaPair p = opened();
    assertEquals(List.of(new Avp.EncryptionAlgorithm(1)),
        decode(p.paaSent.get(0)).all(Avp.EncryptionAlgorithm.class));
    assertEquals(List.of(new Avp.EncryptionAlgorithm(1)),
        decode(p.pacSent.get(1)).all(Avp.EncryptionAlgorithm.class));
    PanaEncrKey paa = open(p.paa).channel().encrKey();
    PanaEncrKey pac = open(p.pac).channel().encrKey();
    byte[] pacNonce = decode(p.pacSent.get(2)).first(Avp.Nonce.class).orElseThrow().value();
    byte[] paaNonce = decode(p.paaSent.get(1)).first(Avp.Nonce.class).orElseThrow().value();
    try (PanaEncrKey expected = PanaEncrKey.derive(PrfAlgorithm.PRF_HMAC_SHA2_256,
        PanaEncryptionAlgorithm.AES128_CTR, p.peerKeys.msk(), p.paaSent.get(0), p.pacSent.get(1),
        pacNonce, paaNonce, 1)) {
      for (PanaEncrKey.Sender s : PanaEncrKey.Sender.values()) {
        assertArrayEquals(expected.bytes(s), paa.bytes(s));
        assertArrayEquals(expected.bytes(s), pac.bytes(s));
      }
    }
  }

  @Test
  void rfc6786Section2_noEncryptionWhenThePacAcceptsNoneOffered_andDeliveryIsRefused() {
    PanaPair p = new PanaPair(PSK, PSK, List.of(PanaEncryptionAlgorithm.AES128_CTR), List.of());
    p.startFromPac();
    assertTrue(decode(p.pacSent.get(1)).all(Avp.EncryptionAlgorithm.class).isEmpty());
    assertNull(open(p.paa).channel().encrKey());
    assertNull(open(p.pac).channel().encrKey());
    PanaStep<PaaEngine.State> step = PaaEngine.deliver(p.paa, SECRET, p.now, p.random);
    assertEquals(PanaOutput.DropReason.NO_ALGORITHM,
        assertInstanceOf(PanaOutput.Dropped.class, step.outputs().get(0)).reason());
  }

  @Test
  void rfc6786Section2_panSChoosingAnAlgorithmThePaaDidNotOfferIsDropped() {
    PaaEngine.State paa = PaaEngine.create(new PaaEngine.Config(
        List.of(PrfAlgorithm.PRF_HMAC_SHA2_256), List.of(IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128),
        List.of(PanaEncryptionAlgorithm.AES128_CTR), RetransmitPolicy.REQUEST, 7, 100,
        new byte[16], 1));
    PanaPair p = new PanaPair(PSK, PSK);
    paa = PaaEngine.initiate(paa, p.now, p.random).state();
    for (List<Avp> encr : List.of(List.<Avp>of(new Avp.EncryptionAlgorithm(2)),
        List.<Avp>of(new Avp.EncryptionAlgorithm(1), new Avp.EncryptionAlgorithm(1)))) {
      List<Avp> avps =
          new ArrayList<>(List.of(new Avp.PrfAlgorithm(5), new Avp.IntegrityAlgorithm(12)));
      avps.addAll(encr);
      byte[] panS = PanaCodec.encode(new PanaMessage(
          new PanaHeader(PanaHeader.FLAG_S, PanaMessageType.AUTH, 7, 100), avps));
      PanaStep<PaaEngine.State> step = PaaEngine.receive(paa, panS, p.now, p.random);
      assertInstanceOf(PaaEngine.Starting.class, step.state());
      assertEquals(PanaOutput.DropReason.NO_ALGORITHM,
          assertInstanceOf(PanaOutput.Dropped.class, step.outputs().get(0)).reason());
    }
  }

  @Test
  void deliveryIsAnEncryptedSignedPnrThatThePacReportsAndAcknowledgesWithASignedPna() {
    PanaPair p = opened();
    Channel before = open(p.paa).channel();
    p.onPaa(PaaEngine.deliver(p.paa, SECRET, p.now, p.random));
    byte[] pnrWire = p.toPac.peek();
    p.run();
    PanaMessage pnr = decode(pnrWire);
    assertEquals(new PanaHeader(PanaHeader.FLAG_R, PanaMessageType.NOTIFICATION, 0x1234,
        before.nextTxSeq()), pnr.header());
    assertEquals(2, pnr.avps().size());
    Avp.EncrEncap encap = assertInstanceOf(Avp.EncrEncap.class, pnr.avps().get(0));
    assertArrayEquals(PanaEncryption.seal(before.encrKey(), PanaEncrKey.Sender.PAA, 0x1234,
        before.nextTxSeq(), SECRET).encrypted(), encap.encrypted());
    assertTrue(PanaAuth.verify(pnrWire, before.key()));
    assertTrue(p.pacSaw.contains(new PanaOutput.Delivered(SECRET)));
    byte[] pna = p.pacSent.get(p.pacSent.size() - 1);
    assertEquals(0, decode(pna).header().flags());
    assertTrue(PanaAuth.verify(pna, open(p.pac).channel().key()));
    assertEquals(1, count(p.paaSaw, PanaOutput.DeliveryAcknowledged.class));
    assertNull(open(p.paa).channel().pending());
    assertTrue(!p.paaTimers.containsKey(PanaOutput.Timer.RETRANSMIT));
  }

  @Test
  void rfc5191Section9_lostPnrIsRetransmittedAndDeliveredOnce() {
    PanaPair p = opened();
    boolean[] lost = {false};
    p.lose = m -> isPnr(m) && !lost[0] && (lost[0] = true);
    p.onPaa(PaaEngine.deliver(p.paa, SECRET, p.now, p.random));
    p.run();
    assertEquals(0, count(p.pacSaw, PanaOutput.Delivered.class));
    p.fireNextTimer();
    assertEquals(1, count(p.pacSaw, PanaOutput.Delivered.class));
    assertEquals(1, count(p.paaSaw, PanaOutput.DeliveryAcknowledged.class));
    assertEquals(2, p.paaSent.stream().filter(KeyDeliveryTest::isPnr).count());
  }

  @Test
  void rfc5191Section5_2_lostPnaBringsThePnrAgain_answeredFromCacheAndNotDeliveredTwice() {
    PanaPair p = opened();
    boolean[] lost = {false};
    p.lose = m -> isPna(m) && !lost[0] && (lost[0] = true);
    p.onPaa(PaaEngine.deliver(p.paa, SECRET, p.now, p.random));
    p.run();
    assertEquals(0, count(p.paaSaw, PanaOutput.DeliveryAcknowledged.class));
    p.fireNextTimer();
    assertEquals(1, count(p.pacSaw, PanaOutput.Delivered.class));
    assertEquals(1, count(p.paaSaw, PanaOutput.DeliveryAcknowledged.class));
    List<byte[]> pnas = p.pacSent.stream().filter(KeyDeliveryTest::isPna).toList();
    assertEquals(2, pnas.size());
    assertArrayEquals(pnas.get(0), pnas.get(1));
  }

  @Test
  void rfc5191Section9_unacknowledgedDeliveryClosesTheSessionAfterMaxRetransmissions() {
    PanaPair p = opened();
    p.lose = KeyDeliveryTest::isPnr;
    p.onPaa(PaaEngine.deliver(p.paa, SECRET, p.now, p.random));
    for (int i = 0; i < 11; i++) {
      p.now = p.paaTimers.get(PanaOutput.Timer.RETRANSMIT);
      p.onPaa(PaaEngine.timer(p.paa, PanaOutput.Timer.RETRANSMIT, p.now, p.random));
    }
    assertClosed(PanaOutput.CloseReason.RETRANSMISSIONS_EXHAUSTED, p.paa);
    assertEquals(11, p.paaSent.stream().filter(KeyDeliveryTest::isPnr).count());
  }

  @Test
  void deliveryIsRefusedUnlessOpenWithNoRequestOutstanding() {
    PanaPair p = new PanaPair(PSK, PSK);
    PanaStep<PaaEngine.State> idle = PaaEngine.deliver(p.paa, SECRET, p.now, p.random);
    assertEquals(PanaOutput.DropReason.UNEXPECTED,
        assertInstanceOf(PanaOutput.Dropped.class, idle.outputs().get(0)).reason());
    p = opened();
    p.onPaa(PaaEngine.ping(p.paa, p.now, p.random));
    PanaStep<PaaEngine.State> busy = PaaEngine.deliver(p.paa, SECRET, p.now, p.random);
    assertEquals(p.paa, busy.state());
    assertEquals(List.of(new PanaOutput.Dropped(PanaOutput.DropReason.UNEXPECTED,
        "a request is outstanding")), busy.outputs());
    p.run();
    p.onPac(PacEngine.terminate(p.pac, Avp.TerminationCause.LOGOUT, p.now, p.random));
    p.run();
    PanaStep<PaaEngine.State> closed = PaaEngine.deliver(p.paa, SECRET, p.now, p.random);
    assertEquals(List.of(new PanaOutput.Dropped(PanaOutput.DropReason.UNEXPECTED, "not open")),
        closed.outputs());
  }

  @Test
  void rfc6786Section6_1_deliveryOfAnAvpThatIsNeverEncryptedIsRefused() {
    PanaPair p = opened();
    for (List<Avp> bad : List.of(List.<Avp>of(), List.<Avp>of(new Avp.KeyId(3)),
        List.<Avp>of(new Avp.Nonce(new byte[16])))) {
      PanaStep<PaaEngine.State> step = PaaEngine.deliver(p.paa, bad, p.now, p.random);
      assertEquals(p.paa, step.state());
      assertEquals(PanaOutput.DropReason.BAD_ENCRYPTION,
          assertInstanceOf(PanaOutput.Dropped.class, step.outputs().get(0)).reason());
    }
  }

  @Test
  void rfc6786Section7_1_tamperedEncryptionEncapFailsTheAuthCheck() {
    PanaPair p = opened();
    p.onPaa(PaaEngine.deliver(p.paa, SECRET, p.now, p.random));
    byte[] pnr = p.toPac.poll();
    pnr[16 + 8 + 3] ^= 0x40; // inside the Encryption-Encap value
    PanaStep<PacEngine.State> step = PacEngine.receive(p.pac, pnr, p.now, p.random);
    assertEquals(p.pac, step.state());
    assertEquals(List.of(PanaOutput.DropReason.BAD_AUTH), step.outputs().stream()
        .map(o -> ((PanaOutput.Dropped) o).reason()).toList());
  }

  /** A PNR signed with the session's PANA_AUTH_KEY around {@code encaps}. */
  static byte[] signedPnr(PanaPair p, List<Avp> encaps) {
    Channel c = open(p.paa).channel();
    return PanaAuth.sign(new PanaMessage(new PanaHeader(PanaHeader.FLAG_R,
        PanaMessageType.NOTIFICATION, c.sessionId(), c.nextTxSeq()), encaps), c.key());
  }

  @Test
  void rfc6786Section5_authenticPnrWhoseEncapsulationDoesNotOpenIsDroppedUnanswered()
      throws Exception {
    PanaPair p = opened();
    Channel c = open(p.paa).channel();
    long seq = c.nextTxSeq();
    byte[] plain = PanaCodec.encodeAvps(List.of(new Avp.SessionLifetime(1), new Avp.KeyId(9)));
    javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/CTR/NoPadding");
    aes.init(javax.crypto.Cipher.ENCRYPT_MODE,
        new javax.crypto.spec.SecretKeySpec(c.encrKey().bytes(PanaEncrKey.Sender.PAA), "AES"),
        new javax.crypto.spec.IvParameterSpec(HexFormat.of().parseHex(
            String.format("02%08x%08x%08x000001", c.encrKey().keyId(), c.sessionId(), seq))));
    List<List<Avp>> bad = List.of(
        // RFC 6786 §6.1: Key-Id is never encrypted.
        List.of(new Avp.EncrEncap(aes.doFinal(plain))),
        // Sealed with the PaC's key: the PAA's key opens it to noise.
        List.of(PanaEncryption.seal(
            c.encrKey(), PanaEncrKey.Sender.PAC, c.sessionId(), seq, SECRET)),
        // RFC 6786 §5: one Encryption-Encap AVP per message.
        List.of(
            PanaEncryption.seal(c.encrKey(), PanaEncrKey.Sender.PAA, c.sessionId(), seq, SECRET),
            PanaEncryption.seal(c.encrKey(), PanaEncrKey.Sender.PAA, c.sessionId(), seq, SECRET)),
        List.of());
    for (List<Avp> encaps : bad) {
      PanaStep<PacEngine.State> step =
          PacEngine.receive(p.pac, signedPnr(p, encaps), p.now, p.random);
      assertEquals(p.pac, step.state(), encaps.toString());
      assertEquals(1, step.outputs().size());
      assertEquals(PanaOutput.DropReason.BAD_ENCRYPTION,
          assertInstanceOf(PanaOutput.Dropped.class, step.outputs().get(0)).reason());
    }
  }

  @Test
  void deliveredAvpsAreRedactedInToString() {
    assertEquals("Delivered[2 AVPs, redacted]", new PanaOutput.Delivered(SECRET).toString());
  }
}

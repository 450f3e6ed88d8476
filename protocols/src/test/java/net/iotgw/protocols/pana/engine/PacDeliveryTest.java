package net.iotgw.protocols.pana.engine;

import static net.iotgw.protocols.pana.engine.KeyDeliveryTest.SECRET;
import static net.iotgw.protocols.pana.engine.KeyDeliveryTest.count;
import static net.iotgw.protocols.pana.engine.KeyDeliveryTest.isPna;
import static net.iotgw.protocols.pana.engine.KeyDeliveryTest.isPnr;
import static net.iotgw.protocols.pana.engine.PanaEngineTest.decode;
import static net.iotgw.protocols.pana.engine.PanaEngineTest.open;
import static net.iotgw.protocols.pana.engine.PanaEngineTest.opened;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.pana.PanaAuth;
import net.iotgw.protocols.pana.PanaCodec;
import net.iotgw.protocols.pana.PanaEncrKey;
import net.iotgw.protocols.pana.PanaEncryption;
import net.iotgw.protocols.pana.PanaHeader;
import net.iotgw.protocols.pana.PanaMessage;
import net.iotgw.protocols.pana.PanaMessageType;
import org.junit.jupiter.api.Test;

/**
 * The PaC's side of deliveries: its own requests to the PAA (a CD asking for an SA), and the
 * negative acknowledgement of a PAA delivery its owner refuses.
 */
class PacDeliveryTest {
  /** A CD's request: opaque octets in a vendor AVP (the offload's SA request, code 2). */
  static final List<Avp> REQUEST = List.of(new Avp.Unknown(2, PanaCodec.AVP_FLAG_V, 32473,
      HexFormat.of().parseHex("0100010100" + "20010db8000100000000000000000002" + "01f4000000")));

  /** A refusal AVP (the offload's delivery refusal, code 4). */
  static final Avp REFUSAL = new Avp.Unknown(4, PanaCodec.AVP_FLAG_V, 32473,
      HexFormat.of().parseHex("010100000000"));

  @Test
  void rfc6786Section5_pacRequestIsAPnrSealedWithThePacKey_reportedAtThePaaAndAcknowledged() {
    PanaPair p = opened();
    Channel before = open(p.pac).channel();
    p.onPac(PacEngine.deliver(p.pac, REQUEST, p.now, p.random));
    byte[] pnrWire = p.toPaa.peek();
    p.run();
    PanaMessage pnr = decode(pnrWire);
    assertEquals(new PanaHeader(PanaHeader.FLAG_R, PanaMessageType.NOTIFICATION, 0x1234,
        before.nextTxSeq()), pnr.header());
    Avp.EncrEncap encap = assertInstanceOf(Avp.EncrEncap.class, pnr.avps().get(0));
    assertArrayEquals(PanaEncryption.seal(before.encrKey(), PanaEncrKey.Sender.PAC, 0x1234,
        before.nextTxSeq(), REQUEST).encrypted(), encap.encrypted());
    assertTrue(PanaAuth.verify(pnrWire, before.key()));
    assertTrue(p.paaSaw.contains(new PanaOutput.Delivered(REQUEST)));
    assertEquals(1, count(p.pacSaw, PanaOutput.DeliveryAcknowledged.class));
    assertNull(open(p.pac).channel().pending());
  }

  @Test
  void rfc5191Section9_lostPacRequestIsRetransmittedAndReportedOnce() {
    PanaPair p = opened();
    boolean[] lost = {false};
    p.lose = m -> isPnr(m) && !lost[0] && (lost[0] = true);
    p.onPac(PacEngine.deliver(p.pac, REQUEST, p.now, p.random));
    p.run();
    assertEquals(0, count(p.paaSaw, PanaOutput.Delivered.class));
    assertTrue(p.pacTimers.containsKey(PanaOutput.Timer.RETRANSMIT));
    p.fireNextTimer();
    assertEquals(1, count(p.paaSaw, PanaOutput.Delivered.class));
    assertEquals(1, count(p.pacSaw, PanaOutput.DeliveryAcknowledged.class));
    assertEquals(2, p.pacSent.stream().filter(KeyDeliveryTest::isPnr).count());
  }

  @Test
  void pacRequestWhileAnotherIsOutstandingIsDroppedUnexpected() {
    PanaPair p = opened();
    p.onPac(PacEngine.deliver(p.pac, REQUEST, p.now, p.random));
    PanaStep<PacEngine.State> second = PacEngine.deliver(p.pac, REQUEST, p.now, p.random);
    assertEquals(PanaOutput.DropReason.UNEXPECTED,
        assertInstanceOf(PanaOutput.Dropped.class, second.outputs().get(0)).reason());
  }

  @Test
  void refusedDeliveryIsANegativeAcknowledgement_pnaCarriesTheRefusalAndThePaaReportsIt() {
    PanaPair p = opened();
    p.verdict = delivered -> delivered.equals(SECRET) ? List.of(REFUSAL) : List.of();
    p.onPaa(PaaEngine.deliver(p.paa, SECRET, p.now, p.random));
    p.run();
    assertEquals(0, count(p.pacSaw, PanaOutput.Delivered.class));
    assertTrue(p.pacSaw.contains(new PanaOutput.DeliveryRefused(List.of(REFUSAL))));
    byte[] pna = p.pacSent.get(p.pacSent.size() - 1);
    assertTrue(isPna(pna));
    assertEquals(List.of(REFUSAL), decode(pna).all(Avp.Unknown.class));
    assertTrue(PanaAuth.verify(pna, open(p.pac).channel().key()));
    assertEquals(0, count(p.paaSaw, PanaOutput.DeliveryAcknowledged.class));
    assertTrue(p.paaSaw.contains(new PanaOutput.DeliveryRefused(List.of(REFUSAL))));
    assertNull(open(p.paa).channel().pending());
  }

  @Test
  void rfc5191Section5_2_lostRefusalBringsThePnrAgain_answeredWithTheSameRefusal() {
    PanaPair p = opened();
    p.verdict = delivered -> List.of(REFUSAL);
    boolean[] lost = {false};
    p.lose = m -> isPna(m) && !lost[0] && (lost[0] = true);
    p.onPaa(PaaEngine.deliver(p.paa, SECRET, p.now, p.random));
    p.run();
    p.fireNextTimer();
    List<byte[]> pnas = p.pacSent.stream().filter(KeyDeliveryTest::isPna).toList();
    assertEquals(2, pnas.size());
    assertArrayEquals(pnas.get(0), pnas.get(1));
    assertEquals(1, count(p.pacSaw, PanaOutput.DeliveryRefused.class));
    assertEquals(1, count(p.paaSaw, PanaOutput.DeliveryRefused.class));
  }

  @Test
  void theNextDeliveryAfterARefusalIsAcknowledgedAsUsual() {
    PanaPair p = opened();
    p.verdict = delivered -> List.of(REFUSAL);
    p.onPaa(PaaEngine.deliver(p.paa, SECRET, p.now, p.random));
    p.run();
    p.verdict = DeliveryVerdict.ACCEPT;
    p.onPaa(PaaEngine.deliver(p.paa, SECRET, p.now, p.random));
    p.run();
    assertEquals(1, count(p.paaSaw, PanaOutput.DeliveryRefused.class));
    assertEquals(1, count(p.paaSaw, PanaOutput.DeliveryAcknowledged.class));
    assertEquals(1, count(p.pacSaw, PanaOutput.Delivered.class));
  }

  @Test
  void rfc5191Section5_1_aPacRequestCrossingAPaaDeliveryIsAnsweredEachWayIndependently() {
    PanaPair p = opened();
    p.onPac(PacEngine.deliver(p.pac, REQUEST, p.now, p.random));
    p.onPaa(PaaEngine.deliver(p.paa, SECRET, p.now, p.random));
    assertEquals(1, p.toPaa.size());
    assertEquals(1, p.toPac.size());
    p.run();
    assertTrue(p.paaSaw.contains(new PanaOutput.Delivered(REQUEST)));
    assertTrue(p.pacSaw.contains(new PanaOutput.Delivered(SECRET)));
    assertEquals(1, count(p.paaSaw, PanaOutput.DeliveryAcknowledged.class));
    assertEquals(1, count(p.pacSaw, PanaOutput.DeliveryAcknowledged.class));
    assertNull(open(p.paa).channel().pending());
    assertNull(open(p.pac).channel().pending());
  }
}

package net.iotgw.sim.cd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.EngineConfig.KeyDeliveryMode;
import net.iotgw.protocols.ike.engine.Identity;
import net.iotgw.protocols.ipv6.EchoMessage;
import net.iotgw.protocols.ipv6.IcmpV6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.offload.DeliveryRefusal;
import net.iotgw.protocols.offload.DeliveryRefusalCodec;
import net.iotgw.protocols.offload.KeyDeliveryCodec;
import net.iotgw.protocols.offload.SaRequest;
import net.iotgw.protocols.offload.SaRequestCodec;
import net.iotgw.protocols.offload.SaRequestFailed;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.pana.PanaCodec;
import net.iotgw.protocols.pana.engine.PanaOutput;
import org.junit.jupiter.api.Test;

/**
 * A CD asks the gateway (the in-test PAA) for an SA to a UD: its request travels in a PNR of its
 * own (RFC 6786 Encryption-Encap), the answer is a key delivery or a failure, and through an SA
 * it asked for it pings the UD. Deliveries it cannot decode or use get a negative
 * acknowledgement in the PNA.
 */
class SimulatedCdSaRequestTest {
  final JoinHarness h = new JoinHarness();
  static final Identity UD_ID = Identity.rfc822("ud@example.org");

  List<Avp> deliveredToPaa() {
    List<Avp> out = new ArrayList<>();
    h.paa.saw.stream().filter(o -> o instanceof PanaOutput.Delivered)
        .forEach(o -> out.addAll(((PanaOutput.Delivered) o).avps()));
    return out;
  }

  List<PanaOutput.DeliveryRefused> refusals() {
    return h.paa.saw.stream().filter(o -> o instanceof PanaOutput.DeliveryRefused)
        .map(o -> (PanaOutput.DeliveryRefused) o).toList();
  }

  SaRequestStatus status(int id) {
    return h.cd.saRequests().stream().filter(s -> s.requestId() == id).findFirst().orElseThrow();
  }

  int request() {
    SimulatedCd.SaRequestSent sent =
        h.cd.requestSa(GatewaySide.UD, 500, ChildSa.Mode.TUNNEL, Optional.of(UD_ID), h.now);
    h.fromCd(sent.psdus());
    return sent.requestId();
  }

  @Test
  void requestTravelsInAPnrOfThePacsAndTheGatewayReadsItBack_rfc6786Section5() throws Exception {
    h.start();
    int id = request();
    List<Avp> got = deliveredToPaa();
    assertEquals(1, got.size());
    SaRequest r = SaRequestCodec.decodeRequest(got.get(0)).orThrow();
    assertEquals(new SaRequest(id, ChildSa.Mode.TUNNEL, new java.net.InetSocketAddress(
        InetAddress.getByAddress(GatewaySide.UD.bytes()), 500), Optional.of(UD_ID)), r);
    assertEquals(SaRequestStatus.Outcome.REQUESTED, status(id).outcome());
  }

  @Test
  void requestMadeBeforeAdmissionWaitsAndGoesOutOnceTheSessionOpens() {
    SimulatedCd.SaRequestSent early =
        h.cd.requestSa(GatewaySide.UD, 500, ChildSa.Mode.TUNNEL, Optional.empty(), h.now);
    assertTrue(early.psdus().isEmpty());
    assertEquals(SaRequestStatus.Outcome.QUEUED, status(early.requestId()).outcome());
    h.start();
    assertEquals(JoinState.ADMITTED, h.cd.joinStatus().state());
    assertEquals(SaRequestStatus.Outcome.REQUESTED, status(early.requestId()).outcome());
    assertEquals(1, deliveredToPaa().size());
  }

  @Test
  void keysOfAnSaTheCdInitiatedAnswerTheRequest_andItsPingsThroughThatSaAreAnswered() {
    h.start();
    int id = request();
    UdEspPeer ud = UdEspPeer.with(h.cd.address(), PacketProtection.AES_GCM_16_128,
        ChildSa.Mode.TUNNEL, Role.INITIATOR, KeyDeliveryMode.SKEYSEED,
        List.of(UdEspPeer.host(GatewaySide.UD)), 3);
    h.deliver(List.of(KeyDeliveryCodec.encode(ud.delivery())));
    assertEquals(SaRequestStatus.Outcome.ESTABLISHED, status(id).outcome());

    for (int seq = 1; seq <= 3; seq++) {
      List<Ipv6Packet> out = h.gateway.packetsFrom(h.cd, h.cd.pingThroughEsp(id, seq, h.now),
          h.now);
      assertEquals(1, out.size());
      Ipv6Packet request = ud.open(out.get(0));
      assertEquals(h.cd.address(), request.source());
      EchoMessage echo = EchoMessage.from(IcmpV6Codec.decode(request).orThrow()).orThrow();
      assertEquals(seq, echo.sequenceNumber());
      Ipv6Packet reply = Ipv6Packets.echoReplyFor(request).orThrow();
      List<byte[]> answer = new ArrayList<>();
      for (byte[] f : h.gateway.securedFramesTo(h.cd, ud.seal(reply))) {
        answer.addAll(h.cd.onFrame(f, h.now));
      }
      assertTrue(answer.isEmpty(), "an echo reply is not answered");
    }
    SaRequestStatus s = status(id);
    assertEquals(3, s.echoRequestsSent());
    assertEquals(3, s.echoRepliesReceived());
    assertEquals("sa-request " + id + " " + GatewaySide.UD + " ESTABLISHED echo 3/3", s.line());
    assertEquals(0, h.cd.stats().pingsAnswered());
  }

  @Test
  void keysOfAnSaTheUdInitiatedDoNotAnswerTheRequest_norCarryItsPings() {
    h.start();
    int id = request();
    UdEspPeer ud = UdEspPeer.with(h.cd.address(), PacketProtection.AES_GCM_16_128,
        ChildSa.Mode.TUNNEL, 5);
    h.deliver(List.of(KeyDeliveryCodec.encode(ud.delivery())));
    assertEquals(SaRequestStatus.Outcome.REQUESTED, status(id).outcome());
    assertTrue(h.cd.pingThroughEsp(id, 1, h.now).isEmpty());
    assertEquals(0, status(id).echoRequestsSent());
  }

  @Test
  void eachRequestIsAnsweredByItsOwnSa_anOlderSaToTheSameUdAnswersNoNewRequest() {
    h.start();
    int first = request();
    UdEspPeer one = UdEspPeer.with(h.cd.address(), PacketProtection.AES_GCM_16_128,
        ChildSa.Mode.TUNNEL, Role.INITIATOR, KeyDeliveryMode.SKEYSEED,
        List.of(UdEspPeer.host(GatewaySide.UD)), 21);
    h.deliver(List.of(KeyDeliveryCodec.encode(one.delivery())));
    int second = request();
    // Another delivery that installs nothing for it (a removal of an SA the CD does not hold).
    h.deliver(List.of(KeyDeliveryCodec.removal(0x0bad)));
    assertEquals(SaRequestStatus.Outcome.ESTABLISHED, status(first).outcome());
    assertEquals(SaRequestStatus.Outcome.REQUESTED, status(second).outcome());
  }

  @Test
  void gatewaysFailureEndsTheWaitWithItsReasonAndNotify() throws Exception {
    h.start();
    int id = request();
    h.deliver(List.of(SaRequestCodec.encode(new SaRequestFailed(id,
        SaRequestFailed.Reason.NO_PROPOSAL_CHOSEN, 14,
        InetAddress.getByAddress(GatewaySide.UD.bytes())))));
    SaRequestStatus s = status(id);
    assertEquals(SaRequestStatus.Outcome.FAILED, s.outcome());
    assertEquals(Optional.of(SaRequestFailed.Reason.NO_PROPOSAL_CHOSEN), s.failure());
    assertEquals(14, s.ikeNotify());
    assertEquals("sa-request " + id + " " + GatewaySide.UD
        + " FAILED NO_PROPOSAL_CHOSEN notify 14 echo 0/0", s.line());
    assertTrue(refusals().isEmpty(), "a failure answer is acknowledged like any delivery");
  }

  @Test
  void withoutAnyAnswerTheCdGivesUpAfterItsPatience() {
    h.start();
    int id = request();
    h.now += CdSaRequests.PATIENCE_MILLIS - 1;
    h.fromCd(h.cd.onTimer(h.now));
    assertEquals(SaRequestStatus.Outcome.REQUESTED, status(id).outcome());
    h.now += 1;
    assertTrue(h.cd.nextDeadline().getAsLong() <= h.now);
    h.fromCd(h.cd.onTimer(h.now));
    assertEquals(SaRequestStatus.Outcome.NO_ANSWER, status(id).outcome());
  }

  @Test
  void theCdWaitsLongerThanTheGatewayCanTakeToFail_rfc7296Section2_4() {
    // strongSwan's schedule: 4 s, 1.8, 5 retransmissions, 165 s per exchange (RFC 7296 §2.4).
    assertEquals(4_000 + 7_200 + 12_960 + 23_328 + 41_990 + 75_583, CdSaRequests.exchangeBound(
        net.iotgw.protocols.ike.engine.RetransmitPolicy.STRONGSWAN));
    assertEquals(2 * 165_061 + 30_000 + 10_000, CdSaRequests.PATIENCE_MILLIS);
  }

  @Test
  void undecodableDeliveryIsRefusedInThePna_negativeAcknowledgement() {
    h.start();
    Avp truncated = new Avp.Unknown(KeyDeliveryCodec.AVP_CODE, PanaCodec.AVP_FLAG_V,
        KeyDeliveryCodec.VENDOR_ID, new byte[] {2, 1, 1});
    h.deliver(List.of(truncated));
    assertEquals(1, refusals().size());
    DeliveryRefusal r = DeliveryRefusalCodec.decode(refusals().get(0).avps().get(0)).orThrow();
    assertEquals(new DeliveryRefusal(DeliveryRefusal.Reason.MALFORMED, 0), r);
    Avp version3 = new Avp.Unknown(KeyDeliveryCodec.AVP_CODE, PanaCodec.AVP_FLAG_V,
        KeyDeliveryCodec.VENDOR_ID, new byte[] {3, 1});
    h.deliver(List.of(version3));
    assertEquals(DeliveryRefusal.Reason.UNSUPPORTED,
        DeliveryRefusalCodec.decode(refusals().get(1).avps().get(0)).orThrow().reason());
    assertEquals(0, h.cd.stats().keyDeliveries());
    assertEquals(2, h.cd.stats().drops(DropReason.KEY_DELIVERY_REFUSED));
  }

  @Test
  void deliveryForAnIpv4UdIsRefusedAsUnusableNamingItsSpi() {
    h.start();
    UdEspPeer ud = UdEspPeer.with(h.cd.address(), PacketProtection.AES_GCM_16_128,
        ChildSa.Mode.TUNNEL, 9);
    Avp.Unknown avp = KeyDeliveryCodec.encode(ud.delivery());
    byte[] value = avp.value();
    // The UD address field (offset 42) as ::ffff:192.0.2.1, RFC 4291 §2.5.5.2.
    byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 1};
    System.arraycopy(mapped, 0, value, 42, 16);
    h.deliver(List.of(new Avp.Unknown(avp.code(), avp.flags(), avp.vendorId(), value)));
    assertEquals(new DeliveryRefusal(DeliveryRefusal.Reason.UNUSABLE, UdEspPeer.CD_INBOUND_SPI),
        DeliveryRefusalCodec.decode(refusals().get(0).avps().get(0)).orThrow());
    assertEquals(0, h.cd.stats().keyDeliveries());
  }

  @Test
  void aCdToldToRefuseRefusesEvenGoodKeys_andTakesThemAgainWhenToldTo() {
    h.start();
    h.cd.refuseKeyDeliveries(true);
    UdEspPeer ud = UdEspPeer.with(h.cd.address(), PacketProtection.AES_GCM_16_128,
        ChildSa.Mode.TUNNEL, 11);
    h.deliver(List.of(KeyDeliveryCodec.encode(ud.delivery())));
    assertEquals(1, refusals().size());
    assertEquals(0, h.cd.stats().keyDeliveries());
    h.cd.refuseKeyDeliveries(false);
    h.deliver(List.of(KeyDeliveryCodec.encode(ud.delivery())));
    assertEquals(1, refusals().size());
    assertEquals(1, h.cd.stats().keyDeliveries());
  }
}

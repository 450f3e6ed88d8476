package net.iotgw.sim.cd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.EngineConfig.KeyDeliveryMode;
import net.iotgw.protocols.ipv6.EchoMessage;
import net.iotgw.protocols.ipv6.IcmpV6Codec;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.ipv6.UdpCodec;
import net.iotgw.protocols.ipv6.UdpDatagram;
import net.iotgw.protocols.offload.KeyDeliveryCodec;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.pana.PanaCodec;
import net.iotgw.protocols.pana.engine.PanaOutput;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CD's side of the IKE offload (paper Sec. III-D): an admitted CD receives an SA pair's keys
 * from the in-test PAA over PANA (RFC 6786 Encryption-Encap, {@link KeyDeliveryCodec}), derives
 * its ESP keys, and answers a UD's echo requests and CoAP GETs under ESP (RFC 4303), in tunnel
 * and transport mode and in every suite the gateway may choose; the UD opens the answers with
 * keys it derived on its own.
 */
class SimulatedCdEspTest {
  static final List<PacketProtection> SUITES = List.of(
      PacketProtection.AES_GCM_16_128, PacketProtection.AES_GCM_16_256,
      PacketProtection.AES_CCM_8_128, PacketProtection.CHACHA20_POLY1305,
      PacketProtection.AES_CBC_128_HMAC_SHA2_256);
  static final int CLIENT_PORT = 40123;
  static final byte[] TOKEN = {0x0e, 0x5b};

  final JoinHarness h = new JoinHarness();

  static Stream<Arguments> suitesAndModes() {
    return SUITES.stream().flatMap(s -> Stream.of(ChildSa.Mode.values()).map(
        m -> Arguments.of(s, m)));
  }

  /** Joins, then delivers {@code ud}'s keys; the PAA must have the CD's acknowledgement. */
  UdEspPeer admittedWith(UdEspPeer ud) {
    h.start();
    assertEquals(JoinState.ADMITTED, h.cd.joinStatus().state());
    deliver(KeyDeliveryCodec.encode(ud.delivery()));
    return ud;
  }

  void deliver(Avp avp) {
    long acks = acknowledgements();
    h.deliver(List.of(avp));
    assertEquals(acks + 1, acknowledgements(), "the PNA acknowledges the delivery");
  }

  long acknowledgements() {
    return h.paa.saw.stream().filter(o -> o instanceof PanaOutput.DeliveryAcknowledged).count();
  }

  /** {@code outer} to the CD in secured frames; the packets the CD sends back. */
  List<Ipv6Packet> exchange(Ipv6Packet outer) {
    List<byte[]> out = new ArrayList<>();
    for (byte[] f : h.gateway.securedFramesTo(h.cd, outer)) {
      out.addAll(h.cd.onFrame(f, h.now));
    }
    return h.gateway.packetsFrom(h.cd, out, h.now);
  }

  Ipv6Packet echoRequest(int sequence) {
    return Ipv6Packets.icmpEchoRequest(GatewaySide.UD, h.cd.address(), 0x0e5, sequence,
        "over ESP".getBytes(), 64);
  }

  Ipv6Packet coapGet(int mid) {
    Request get = Request.newGet();
    get.getOptions().setUriPath("sensors/temperature");
    get.setMID(mid);
    get.setToken(TOKEN);
    return Ipv6Packets.udp(GatewaySide.UD, h.cd.address(), CLIENT_PORT, CdCoapServer.PORT,
        new UdpDataSerializer().getByteArray(get), 64);
  }

  /** The only packet of {@code packets}, opened by the UD. */
  static Ipv6Packet onlyReply(UdEspPeer ud, List<Ipv6Packet> packets) {
    assertEquals(1, packets.size(), packets.toString());
    return ud.open(packets.get(0));
  }

  void assertEchoReply(Ipv6Packet reply, int sequence) {
    assertEquals(h.cd.address(), reply.source());
    assertEquals(GatewaySide.UD, reply.destination());
    EchoMessage e = EchoMessage.from(IcmpV6Codec.decode(reply).orThrow()).orThrow();
    assertTrue(e.reply());
    assertEquals(0x0e5, e.identifier());
    assertEquals(sequence, e.sequenceNumber());
    assertArrayEquals("over ESP".getBytes(), e.data());
  }

  void assertTemperature(Ipv6Packet reply, int mid) {
    assertEquals(h.cd.address(), reply.source());
    UdpDatagram d = UdpCodec.decode(reply).orThrow();
    assertEquals(CdCoapServer.PORT, d.sourcePort());
    assertEquals(CLIENT_PORT, d.destinationPort());
    Response r = assertInstanceOf(Response.class, new UdpDataParser().parseMessage(d.payload()));
    assertEquals(ResponseCode.CONTENT, r.getCode());
    assertEquals(Type.ACK, r.getType());
    assertEquals(mid, r.getMID());
    assertArrayEquals(TOKEN, r.getTokenBytes());
    assertEquals(SensorReadings.format(
        SensorReadings.temperatureCelsius(JoinHarness.CD_EUI64, h.now)), r.getPayloadString());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("suitesAndModes")
  void echoAndCoapGetUnderEspAreAnsweredUnderTheSaPair_rfc4303_3(
      PacketProtection suite, ChildSa.Mode mode) {
    UdEspPeer ud = admittedWith(UdEspPeer.with(h.cd.address(), suite, mode, 7));

    assertEchoReply(onlyReply(ud, exchange(ud.seal(echoRequest(1)))), 1);
    assertTemperature(onlyReply(ud, exchange(ud.seal(coapGet(0x7001)))), 0x7001);

    CdStats s = h.cd.stats();
    assertEquals(1, s.keyDeliveries());
    assertEquals(2, s.espReceived());
    assertEquals(2, s.espSent());
    assertEquals(1, s.pingsAnswered());
    assertEquals(1, s.coapRequestsServed());
    assertEquals(0, s.totalDrops(), s.toString());
  }

  @Test
  void aCdThatInitiatedTakesTheOtherHalfOfKeymatAndSkDAloneSuffices_rfc7296_2_17() {
    UdEspPeer ud = admittedWith(UdEspPeer.with(h.cd.address(), PacketProtection.AES_CCM_8_128,
        ChildSa.Mode.TRANSPORT, Role.INITIATOR, KeyDeliveryMode.SK_D,
        List.of(UdEspPeer.host(GatewaySide.UD)), 8));

    assertEchoReply(onlyReply(ud, exchange(ud.seal(echoRequest(2)))), 2);
    assertEquals(0, h.cd.stats().totalDrops());
  }

  @Test
  void espForAnUnknownSpiIsDroppedAndCountedAsNoSa_rfc4303_3_4_2() {
    h.start();
    UdEspPeer never = UdEspPeer.with(h.cd.address(), PacketProtection.AES_GCM_16_128,
        ChildSa.Mode.TUNNEL, 9);

    assertEquals(List.of(), exchange(never.seal(echoRequest(1))));

    assertEquals(1, h.cd.stats().espNoSa());
    assertEquals(0, h.cd.stats().espReceived());
  }

  @Test
  void noUdEspPacketIsLostForLackOfKeysOnceTheDeliveryIsAcknowledged() {
    h.start();
    UdEspPeer ud = UdEspPeer.with(h.cd.address(), PacketProtection.AES_GCM_16_128,
        ChildSa.Mode.TUNNEL, 10);
    // Sent before the keys: the one loss the gateway's hold of IKE_AUTH exists to prevent.
    assertEquals(List.of(), exchange(ud.seal(echoRequest(0))));
    assertEquals(1, h.cd.stats().espNoSa());

    deliver(KeyDeliveryCodec.encode(ud.delivery()));
    for (int i = 1; i <= 20; i++) {
      assertEchoReply(onlyReply(ud, exchange(ud.seal(echoRequest(i)))), i);
    }

    assertEquals(1, h.cd.stats().espNoSa(), "none after the acknowledgement");
    assertEquals(20, h.cd.stats().pingsAnswered());
  }

  @Test
  void aReplayedPacketIsDroppedAndAnsweredOnce_rfc4303_3_4_3() {
    UdEspPeer ud = admittedWith(UdEspPeer.with(h.cd.address(), PacketProtection.CHACHA20_POLY1305,
        ChildSa.Mode.TUNNEL, 11));
    Ipv6Packet once = ud.seal(echoRequest(5));

    assertEchoReply(onlyReply(ud, exchange(once)), 5);
    assertEquals(List.of(), exchange(once));

    assertEquals(1, h.cd.stats().drops(DropReason.ESP_REPLAYED));
    assertEquals(1, h.cd.stats().pingsAnswered());
  }

  @Test
  void aTamperedPacketFailsItsIcvAndTheWindowStays_rfc4303_3_4_4() {
    UdEspPeer ud = admittedWith(UdEspPeer.with(h.cd.address(),
        PacketProtection.AES_CBC_128_HMAC_SHA2_256, ChildSa.Mode.TRANSPORT, 12));
    Ipv6Packet genuine = ud.seal(echoRequest(6));
    byte[] esp = genuine.payload().clone();
    esp[esp.length - 1] ^= 1;

    assertEquals(List.of(), exchange(Ipv6Packet.of(genuine.source(), genuine.destination(),
        CdEsp.PROTOCOL, 64, esp)));
    assertEchoReply(onlyReply(ud, exchange(genuine)), 6);

    assertEquals(1, h.cd.stats().drops(DropReason.ESP_AUTHENTICATION_FAILED));
  }

  @Test
  void aRemovalForgetsTheSaAndLaterPacketsCountAsNoSa() {
    UdEspPeer ud = admittedWith(UdEspPeer.with(h.cd.address(), PacketProtection.AES_GCM_16_256,
        ChildSa.Mode.TRANSPORT, 13));
    assertEchoReply(onlyReply(ud, exchange(ud.seal(echoRequest(1)))), 1);

    deliver(KeyDeliveryCodec.removal(UdEspPeer.CD_INBOUND_SPI));

    assertEquals(List.of(), exchange(ud.seal(echoRequest(2))));
    assertEquals(1, h.cd.stats().saRemovals());
    assertEquals(1, h.cd.stats().espNoSa());
  }

  @Test
  void anSaPastItsLifetimeIsForgotten() {
    UdEspPeer ud = admittedWith(UdEspPeer.with(h.cd.address(), PacketProtection.AES_GCM_16_128,
        ChildSa.Mode.TUNNEL, 14));
    h.now += UdEspPeer.LIFETIME_MILLIS - 1;
    assertEchoReply(onlyReply(ud, exchange(ud.seal(echoRequest(1)))), 1);
    h.now += 1;

    assertEquals(List.of(), exchange(ud.seal(echoRequest(2))));
    assertEquals(1, h.cd.stats().espNoSa());
  }

  @Test
  void anInnerPacketOutsideTheSelectorsIsDropped_rfc4301_5_2() {
    UdEspPeer ud = admittedWith(UdEspPeer.with(h.cd.address(), PacketProtection.AES_GCM_16_128,
        ChildSa.Mode.TUNNEL, 15));
    Ipv6Packet fromElsewhere = Ipv6Packets.icmpEchoRequest(Ipv6Address.of("2001:db8:bad::1"),
        h.cd.address(), 1, 1, new byte[4], 64);

    assertEquals(List.of(), exchange(ud.seal(fromElsewhere)));
    assertEquals(1, h.cd.stats().drops(DropReason.ESP_POLICY));
  }

  @Test
  void aTransportPayloadOnATunnelSaIsDropped_rfc4301_5_2() {
    UdEspPeer tunnel = admittedWith(UdEspPeer.with(h.cd.address(),
        PacketProtection.AES_GCM_16_128, ChildSa.Mode.TUNNEL, 16));
    UdEspPeer sameKeysAsTransport = UdEspPeer.with(h.cd.address(),
        PacketProtection.AES_GCM_16_128, ChildSa.Mode.TRANSPORT, 16);

    assertEchoReply(onlyReply(tunnel, exchange(tunnel.seal(echoRequest(1)))), 1);
    sameKeysAsTransport.seal(echoRequest(1)); // sequence number 1 is spent
    assertEquals(List.of(), exchange(sameKeysAsTransport.seal(echoRequest(2))));

    assertEquals(1, h.cd.stats().drops(DropReason.ESP_POLICY));
    assertEquals(1, h.cd.stats().pingsAnswered());
  }

  @Test
  void espInUnsecuredFramesIsRefusedLikeAnyData() {
    UdEspPeer ud = admittedWith(UdEspPeer.with(h.cd.address(), PacketProtection.AES_GCM_16_128,
        ChildSa.Mode.TUNNEL, 17));
    List<byte[]> out = new ArrayList<>();
    for (byte[] f : h.gateway.framesTo(h.cd, ud.seal(echoRequest(1)))) {
      out.addAll(h.cd.onFrame(f, h.now));
    }
    assertEquals(List.of(), out);
    assertEquals(1, h.cd.stats().drops(DropReason.UNSECURED_DATA));
    assertEquals(0, h.cd.stats().espReceived());
  }

  @Test
  void aDeliveryThatDoesNotDecodeIsRefusedInThePna_aNegativeAcknowledgement() {
    h.start();
    byte[] value = ((Avp.Unknown) KeyDeliveryCodec.encode(UdEspPeer.with(h.cd.address(),
        PacketProtection.AES_GCM_16_128, ChildSa.Mode.TUNNEL, 18).delivery())).value();
    value[0] = (byte) (KeyDeliveryCodec.VERSION + 1); // a version this CD does not know

    long acks = acknowledgements();
    h.deliver(List.of(new Avp.Unknown(KeyDeliveryCodec.AVP_CODE, PanaCodec.AVP_FLAG_V,
        KeyDeliveryCodec.VENDOR_ID, value)));

    assertEquals(acks, acknowledgements(), "no positive acknowledgement");
    assertTrue(h.paa.saw.stream().anyMatch(o -> o instanceof PanaOutput.DeliveryRefused r
        && net.iotgw.protocols.offload.DeliveryRefusalCodec.decode(r.avps().get(0)).orThrow()
            .reason() == net.iotgw.protocols.offload.DeliveryRefusal.Reason.UNSUPPORTED));
    assertEquals(1, h.cd.stats().drops(DropReason.KEY_DELIVERY_REFUSED));
    assertEquals(0, h.cd.stats().keyDeliveries());
  }

  @Test
  void aSecondDeliveryForTheSameSpiReplacesTheFirst() {
    UdEspPeer first = admittedWith(UdEspPeer.with(h.cd.address(),
        PacketProtection.AES_GCM_16_128, ChildSa.Mode.TUNNEL, 19));
    UdEspPeer second = UdEspPeer.with(h.cd.address(), PacketProtection.AES_GCM_16_128,
        ChildSa.Mode.TUNNEL, 20);

    deliver(KeyDeliveryCodec.encode(second.delivery()));

    assertEquals(List.of(), exchange(first.seal(echoRequest(1))));
    assertEquals(1, h.cd.stats().drops(DropReason.ESP_AUTHENTICATION_FAILED));
    assertEchoReply(onlyReply(second, exchange(second.seal(echoRequest(2)))), 2);
  }
}

package net.iotgw.sim.cd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.iotgw.protocols.ipv6.IcmpV6Codec;
import net.iotgw.protocols.ipv6.IcmpV6Message;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.ipv6.UdpCodec;
import net.iotgw.protocols.ipv6.UdpDatagram;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.EmptyMessage;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.junit.jupiter.api.Test;

class SimulatedCdCoapTest {
  private static final long CD_EUI64 = 0x0200_0000_0000_002aL;
  private static final long NOW = 1_700_000_000_000L;
  private static final int CLIENT_PORT = 40123;
  private static final int COAP_PORT = 5683;
  private static final byte[] TOKEN = {(byte) 0xca, (byte) 0xfe, 0x01};

  private final GatewaySide gateway = new GatewaySide();
  private final SimulatedCd cd = new SimulatedCd(GatewaySide.NETWORK, CD_EUI64);

  private static Request get(String path, int mid) {
    Request r = Request.newGet();
    r.getOptions().setUriPath(path);
    r.setMID(mid);
    r.setToken(TOKEN);
    return r;
  }

  private List<byte[]> send(Message m, long now) {
    return sendBytes(new UdpDataSerializer().getByteArray(m), COAP_PORT, now);
  }

  private List<byte[]> sendBytes(byte[] coap, int port, long now) {
    Ipv6Packet p = Ipv6Packets.udp(GatewaySide.UD, cd.address(), CLIENT_PORT, port, coap, 64);
    List<byte[]> frames = gateway.framesTo(cd, p);
    assertEquals(1, frames.size());
    return cd.onFrame(frames.get(0), now);
  }

  /** The CoAP message in the CD's reply, its UDP checksum verified on the way. */
  private Message reply(List<byte[]> frames) {
    return new UdpDataParser().parseMessage(coapPayload(frames));
  }

  private byte[] coapPayload(List<byte[]> frames) {
    Ipv6Packet p = gateway.onlyPacketFrom(cd, frames, NOW);
    assertEquals(cd.address(), p.source());
    assertEquals(GatewaySide.UD, p.destination());
    UdpDatagram d = UdpCodec.decode(p).orThrow();
    assertEquals(5683, d.sourcePort());
    assertEquals(CLIENT_PORT, d.destinationPort());
    return d.payload();
  }

  private Response response(List<byte[]> frames) {
    return assertInstanceOf(Response.class, reply(frames));
  }

  @Test
  void confirmableGetTemperatureGetsPiggybackedContentRfc7252Section5_2_1() {
    Response r = response(send(get("sensors/temperature", 0x4242), NOW));

    assertEquals(Type.ACK, r.getType());
    assertEquals(0x4242, r.getMID());
    assertArrayEquals(TOKEN, r.getTokenBytes());
    assertEquals(ResponseCode.CONTENT, r.getCode());
    assertEquals(MediaTypeRegistry.TEXT_PLAIN, r.getOptions().getContentFormat());
    String value = r.getPayloadString();
    assertTrue(value.matches("\\d{2}\\.\\d"), value);
    double celsius = Double.parseDouble(value);
    assertTrue(celsius >= 17.5 && celsius <= 27.5, value);
    assertEquals(SensorReadings.format(SensorReadings.temperatureCelsius(CD_EUI64, NOW)), value);
    assertEquals(1, cd.stats().coapRequestsServed());
  }

  @Test
  void retransmittedConfirmableGetsTheSameResponseNotASecondServingRfc7252Section4_5() {
    byte[] first = coapPayload(send(get("sensors/temperature", 77), NOW));
    // The client's first retransmission comes after ACK_TIMEOUT, 2 to 3 s (§4.8).
    byte[] again = coapPayload(send(get("sensors/temperature", 77), NOW + 2_500));

    assertArrayEquals(first, again);
    assertEquals(1, cd.stats().coapRequestsServed());
    assertEquals(1, cd.stats().coapDuplicatesAnswered());
  }

  @Test
  void anotherMessageIdIsANewRequest() {
    coapPayload(send(get("sensors/temperature", 77), NOW));
    coapPayload(send(get("sensors/temperature", 78), NOW));

    assertEquals(2, cd.stats().coapRequestsServed());
  }

  @Test
  void duplicateAfterExchangeLifetimeIsServedAnew() {
    reply(send(get("sensors/temperature", 78), NOW));
    reply(send(get("sensors/temperature", 78), NOW + CoapDuplicates.EXCHANGE_LIFETIME_MILLIS));

    assertEquals(2, cd.stats().coapRequestsServed());
    assertEquals(0, cd.stats().coapDuplicatesAnswered());
  }

  @Test
  void unknownPathGets404Rfc7252Section5_9_2_2() {
    Response r = response(send(get("sensors/pressure", 5), NOW));

    assertEquals(ResponseCode.NOT_FOUND, r.getCode());
    assertEquals(Type.ACK, r.getType());
    assertEquals(5, r.getMID());
  }

  @Test
  void methodOtherThanGetGets405Rfc7252Section5_9_2_6() {
    Request post = Request.newPost();
    post.getOptions().setUriPath("sensors/temperature");
    post.setPayload("30");
    post.setMID(6);
    post.setToken(TOKEN);

    assertEquals(ResponseCode.METHOD_NOT_ALLOWED, response(send(post, NOW)).getCode());
  }

  @Test
  void humidityIsServedAsText() {
    Response r = response(send(get("sensors/humidity", 8), NOW));

    assertEquals(ResponseCode.CONTENT, r.getCode());
    double rh = Double.parseDouble(r.getPayloadString());
    assertTrue(rh >= 30 && rh <= 60, r.getPayloadString());
  }

  @Test
  void wellKnownCoreListsTheSensorsInLinkFormatRfc6690() {
    Response r = response(send(get(".well-known/core", 9), NOW));

    assertEquals(ResponseCode.CONTENT, r.getCode());
    assertEquals(MediaTypeRegistry.APPLICATION_LINK_FORMAT, r.getOptions().getContentFormat());
    assertEquals("</sensors/temperature>;rt=\"temperature-c\";if=\"sensor\";ct=0,"
        + "</sensors/humidity>;rt=\"humidity-rh\";if=\"sensor\";ct=0", r.getPayloadString());
  }

  @Test
  void wellKnownCoreComesInTheSixteenByteBlocksAClientAsksForRfc7959Section2_4() {
    StringBuilder links = new StringBuilder();
    int num = 0;
    boolean more = true;
    while (more) {
      Request block = get(".well-known/core", 100 + num);
      block.getOptions().setBlock2(0, false, num);
      Response r = response(send(block, NOW));
      assertEquals(ResponseCode.CONTENT, r.getCode());
      assertEquals(num, r.getOptions().getBlock2().getNum());
      assertEquals(16, r.getOptions().getBlock2().getSize());
      more = r.getOptions().getBlock2().isM();
      assertTrue(more ? r.getPayloadSize() == 16 : r.getPayloadSize() <= 16);
      links.append(r.getPayloadString());
      num++;
    }

    assertEquals(CdResource.LINKS, links.toString());
    assertEquals((CdResource.LINKS.length() + 15) / 16, num);
  }

  @Test
  void blockBeyondTheRepresentationGetsBadOption() {
    Request block = get("sensors/temperature", 120);
    block.getOptions().setBlock2(0, false, 5);

    assertEquals(ResponseCode.BAD_OPTION, response(send(block, NOW)).getCode());
  }

  @Test
  void acceptOtherThanTheRepresentationGets406Rfc7252Section5_10_4() {
    Request json = get("sensors/temperature", 10);
    json.getOptions().setAccept(MediaTypeRegistry.APPLICATION_JSON);

    assertEquals(ResponseCode.NOT_ACCEPTABLE, response(send(json, NOW)).getCode());
  }

  @Test
  void nonConfirmableGetGetsNonConfirmableResponseWithTheTokenRfc7252Section5_2_3() {
    Request non = get("sensors/temperature", 11);
    non.setType(Type.NON);

    Response r = response(send(non, NOW));

    assertEquals(Type.NON, r.getType());
    assertArrayEquals(TOKEN, r.getTokenBytes());
    assertEquals(ResponseCode.CONTENT, r.getCode());
  }

  @Test
  void emptyConfirmableIsACoapPingAnsweredWithResetRfc7252Section4_3() {
    EmptyMessage ping = new EmptyMessage(Type.CON);
    ping.setMID(0x0bad);
    ping.setToken(Token.EMPTY);

    Message m = reply(send(ping, NOW));

    assertInstanceOf(EmptyMessage.class, m);
    assertEquals(Type.RST, m.getType());
    assertEquals(0x0bad, m.getMID());
  }

  @Test
  void confirmableRequestWithUnparseableOptionGetsBadOption() {
    // CON GET, token 07, MID 1234, then an option header with the reserved delta 15 (RFC 7252
    // §3.1); Californium's parser names 4.02 for it, which the CD sends piggybacked.
    byte[] bad = {0x41, 0x01, 0x12, 0x34, 0x07, (byte) 0xf1};

    Response r = response(sendBytes(bad, COAP_PORT, NOW));

    assertEquals(ResponseCode.BAD_OPTION, r.getCode());
    assertEquals(0x1234, r.getMID());
    assertArrayEquals(new byte[] {7}, r.getTokenBytes());
  }

  @Test
  void unrecognizedCriticalOptionInConfirmableGetsBadOptionRfc7252Section5_4_1() {
    // CON GET, token 07, MID 1234, option 2049 (odd: critical, unassigned) of length 0.
    byte[] unknown = {0x41, 0x01, 0x12, 0x34, 0x07, (byte) 0xe0, 0x06, (byte) 0xf4};

    assertEquals(ResponseCode.BAD_OPTION, response(sendBytes(unknown, COAP_PORT, NOW)).getCode());
  }

  @Test
  void unrecognizedElectiveOptionIsIgnoredRfc7252Section5_4_1() {
    // The same with option 2048 (even: elective), then Uri-Path "sensors" and "humidity" would
    // need a lower number, so the request goes to the root path: 4.04, not 4.02.
    byte[] elective = {0x41, 0x01, 0x12, 0x34, 0x07, (byte) 0xe0, 0x06, (byte) 0xf3};

    assertEquals(ResponseCode.NOT_FOUND, response(sendBytes(elective, COAP_PORT, NOW)).getCode());
  }

  @Test
  void proxyRequestGets505Rfc7252Section5_7_2() {
    Request proxied = get("sensors/temperature", 12);
    proxied.getOptions().setProxyUri("coap://[2001:db8::1]/x");

    assertEquals(ResponseCode.PROXY_NOT_SUPPORTED, response(send(proxied, NOW)).getCode());
  }

  @Test
  void ackAndGarbageAreDroppedAndCounted() {
    EmptyMessage ack = new EmptyMessage(Type.ACK);
    ack.setMID(1);
    ack.setToken(Token.EMPTY);

    assertEquals(List.of(), send(ack, NOW));
    assertEquals(List.of(), sendBytes(new byte[] {(byte) 0x80, 0x01}, COAP_PORT, NOW));

    assertEquals(1, cd.stats().drops(DropReason.UNEXPECTED_COAP));
    assertEquals(1, cd.stats().drops(DropReason.MALFORMED_COAP));
  }

  @Test
  void closedUdpPortGetsRateLimitedPortUnreachableRfc4443Section3_1() {
    List<byte[]> first = sendBytes(new byte[] {1, 2, 3}, 9999, NOW);
    List<byte[]> soonAfter = sendBytes(new byte[] {1, 2, 3}, 9999, NOW + 500);
    List<byte[]> secondLater = sendBytes(new byte[] {1, 2, 3}, 9999, NOW + 1_500);

    IcmpV6Message m = IcmpV6Codec.decode(gateway.onlyPacketFrom(cd, first, NOW)).orThrow();
    assertEquals(1, m.type());
    assertEquals(4, m.code());
    assertEquals(List.of(), soonAfter);
    assertEquals(1, gateway.packetsFrom(cd, secondLater, NOW).size());
    assertEquals(3, cd.stats().drops(DropReason.CLOSED_PORT));
  }
}

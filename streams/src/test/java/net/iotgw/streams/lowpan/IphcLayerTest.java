package net.iotgw.streams.lowpan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.sixlowpan.LinkAddress;
import org.junit.jupiter.api.Test;

class IphcLayerTest {
  static final HexFormat HEX = HexFormat.of();
  static final LinkAddress GW = LinkAddress.extended(Nodes.GW_EUI64);
  static final LinkAddress CD = LinkAddress.extended(Nodes.CD_EUI64);

  private final LowpanCounters counters = new LowpanCounters();
  private final IphcLayer gateway =
      new IphcLayer(Nodes.GATEWAY_OPEN, new LinkKeyTable(), Nodes.GATEWAY_RESOLVER, counters);
  private final IphcLayer cd =
      new IphcLayer(Nodes.CD_OPEN, new LinkKeyTable(), Nodes.CD_RESOLVER, counters);

  @Test
  void cdDestinationIsElidedThroughContextZeroAndTheFrameAddress_rfc6282Section3_1_1() {
    byte[] request = Nodes.echoRequest(Nodes.UD, Nodes.CD, 1, 8);
    LowpanDatagram d = gateway.compress(request).orElseThrow();
    assertEquals(GW, d.source());
    assertEquals(CD, d.destination());
    // TF=11 NH=0 HLIM=10 | CID=0 SAC=0 SAM=00 M=0 DAC=1 DAM=11, next header 58, source in line.
    assertEquals(
        "7a073a" + HEX.formatHex(Nodes.UD.bytes()), HEX.formatHex(Arrays.copyOf(d.datagram(), 19)));
    assertArrayEquals(Arrays.copyOfRange(request, 40, request.length), tail(d.datagram(), 19));
    assertArrayEquals(request, cd.decompress(d).orElseThrow());
  }

  @Test
  void cdSourceIsElidedAndTheUdGoesInLine_rfc6282Section3_1_1() {
    byte[] reply = Nodes.echoReplyTo(Nodes.echoRequest(Nodes.UD, Nodes.CD, 1, 8));
    LowpanDatagram d = cd.compress(reply).orElseThrow();
    assertEquals(CD, d.source());
    assertEquals(GW, d.destination());
    // SAC=1 SAM=11 (context 0 + frame source), DAC=0 DAM=00 (128 bits in line).
    assertEquals(
        "7a703a" + HEX.formatHex(Nodes.UD.bytes()), HEX.formatHex(Arrays.copyOf(d.datagram(), 19)));
    assertArrayEquals(reply, gateway.decompress(d).orElseThrow());
    assertEquals(1, counters.snapshot().packetsSent());
    assertEquals(1, counters.snapshot().packetsReceived());
  }

  @Test
  void multicastGoesToBroadcast() {
    byte[] p = Nodes.echoRequest(Nodes.CD, Ipv6Address.of("ff02::1"), 1, 0);
    LowpanDatagram d = cd.compress(p).orElseThrow();
    assertEquals(LinkAddress.shortAddress(Nodes.PAN, 0xffff), d.destination());
  }

  @Test
  void packetsThatCannotGoOnTheLinkAreCountedAndDropped() {
    assertTrue(gateway.compress(Nodes.echoRequest(Nodes.CD, Nodes.UD, 1, 8)).isEmpty());
    assertTrue(gateway.compress(Nodes.echoRequest(Nodes.UD, Nodes.CD, 1, 1281 - 48)).isEmpty());
    assertTrue(gateway.compress(new byte[39]).isEmpty());
    byte[] ipv4ish = Nodes.echoRequest(Nodes.UD, Nodes.CD, 1, 8);
    ipv4ish[0] = 0x45;
    assertTrue(gateway.compress(ipv4ish).isEmpty());
    LowpanMetrics m = counters.snapshot();
    assertEquals(1, m.dropped(LowpanDrop.NO_LINK_ADDRESS));
    assertEquals(1, m.dropped(LowpanDrop.OVER_MTU));
    assertEquals(2, m.dropped(LowpanDrop.NOT_IPV6));
    assertEquals(0, m.packetsSent());
  }

  @Test
  void aPacketOfExactlyTheMtuGoes_rfc4944Section4() {
    assertTrue(gateway.compress(Nodes.echoRequest(Nodes.UD, Nodes.CD, 1, 1280 - 48)).isPresent());
  }

  @Test
  void datagramsThatDoNotDecompressAreCountedAndDropped() {
    // 0x40: an ESC-range dispatch; 0x7b 0x80: IPHC naming context 0 with CID=1 (needs an
    // extension byte that is missing); 0x41 0x45: IPv6 dispatch with an IPv4 header.
    for (String hex : new String[] {"40", "7b80", "4145", ""}) {
      assertTrue(
          cd.decompress(new LowpanDatagram(GW, CD, HEX.parseHex(hex), false)).isEmpty(), hex);
    }
    assertEquals(4, counters.snapshot().dropped(LowpanDrop.MALFORMED_DATAGRAM));
  }

  private static byte[] tail(byte[] b, int from) {
    return Arrays.copyOfRange(b, from, b.length);
  }
}

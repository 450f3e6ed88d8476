package net.iotgw.sim.cd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.iotgw.protocols.ieee802154.Fcs;
import net.iotgw.protocols.ieee802154.MacFrameCodec;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.ipv6.UdpCodec;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.junit.jupiter.api.Test;

/**
 * Whatever the radio hands it, a CD neither throws nor transmits a frame the gateway could not
 * take: frames with every octet past the MAC header open to mutation, their FCS recomputed so that
 * the damage reaches 6LoWPAN, IPv6, ICMPv6, UDP and CoAP.
 */
class SimulatedCdHostileInputTest {
  private static final long NOW = 1_700_000_000_000L;
  /** MAC header of a 2006 intra-PAN data frame between extended addresses. */
  private static final int MAC_HEADER = 21;

  private final GatewaySide gateway = new GatewaySide();
  private final SimulatedCd cd = new SimulatedCd(GatewaySide.NETWORK, 0x0200_0000_0000_0009L);

  private List<byte[]> seeds() {
    Request get = Request.newGet();
    get.getOptions().setUriPath("sensors/temperature");
    get.setMID(99);
    get.setToken(new byte[] {5});
    byte[] coap = new UdpDataSerializer().getByteArray(get);
    List<byte[]> seeds = new ArrayList<>();
    seeds.addAll(gateway.framesTo(cd, Ipv6Packets.udp(
        GatewaySide.UD, cd.address(), 40000, 5683, coap, 64)));
    seeds.addAll(gateway.framesTo(cd, Ipv6Packets.icmpEchoRequest(
        GatewaySide.UD, cd.address(), 1, 1, new byte[300], 64)));
    return seeds;
  }

  @Test
  void mutatedFramesWithValidFcsNeverThrowAndAnyReplyIsAValidFrame() {
    Random random = new Random(20240601);
    List<byte[]> seeds = seeds();
    int replies = 0;
    for (int round = 0; round < 20_000; round++) {
      byte[] f = seeds.get(random.nextInt(seeds.size())).clone();
      int flips = 1 + random.nextInt(4);
      for (int i = 0; i < flips; i++) {
        int at = MAC_HEADER + random.nextInt(f.length - MAC_HEADER - 2);
        f[at] = (byte) random.nextInt(256);
      }
      if (random.nextInt(8) == 0) {
        f = Arrays.copyOf(f, MAC_HEADER + 2 + random.nextInt(f.length - MAC_HEADER - 1));
      }
      int fcs = Fcs.compute(f, 0, f.length - 2);
      f[f.length - 2] = (byte) fcs;
      f[f.length - 1] = (byte) (fcs >>> 8);

      for (byte[] out : cd.onFrame(f, NOW + round)) {
        assertTrue(MacFrameCodec.decode(out, true).isOk());
        replies++;
      }
    }
    CdStats s = cd.stats();
    assertEquals(20_000, s.framesReceived());
    assertEquals(replies, s.framesSent());
    assertTrue(s.totalDrops() > 0, s.toString());
  }

  @Test
  void randomCoapMessagesInValidUdpNeverThrowAndAnyReplyParses() {
    Random random = new Random(11);
    UdpDataParser parser = new UdpDataParser();
    for (int round = 0; round < 20_000; round++) {
      byte[] coap = new byte[random.nextInt(48)];
      random.nextBytes(coap);
      if (coap.length > 0) {
        coap[0] = (byte) (0x40 | (coap[0] & 0x3f)); // version 1, so the parser goes further
      }
      List<byte[]> in = gateway.framesTo(cd, Ipv6Packets.udp(
          GatewaySide.UD, cd.address(), 40000, 5683, coap, 64));
      List<byte[]> out = cd.onFrame(in.get(0), NOW + round * 300_000L);
      for (Ipv6Packet reply : gateway.packetsFrom(cd, out, NOW)) {
        parser.parseMessage(UdpCodec.decode(reply).orThrow().payload());
      }
    }
    CdStats s = cd.stats();
    assertTrue(s.coapRequestsServed() > 0, s.toString());
    assertTrue(s.drops(DropReason.MALFORMED_COAP) > 0, s.toString());
  }

  @Test
  void randomOctetsNeverThrow() {
    Random random = new Random(7);
    for (int round = 0; round < 20_000; round++) {
      byte[] f = new byte[random.nextInt(140)];
      random.nextBytes(f);
      cd.onFrame(f, NOW);
    }
    assertEquals(20_000, cd.stats().framesReceived());
    assertEquals(0, cd.stats().framesSent());
  }
}

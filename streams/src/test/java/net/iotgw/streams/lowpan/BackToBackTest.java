package net.iotgw.streams.lowpan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ieee802154.FrameVersion;
import net.iotgw.protocols.ieee802154.MacFrame;
import net.iotgw.protocols.ieee802154.MacFrameCodec;
import net.iotgw.protocols.ieee802154.MacHeader;
import net.iotgw.protocols.sixlowpan.Fragmenter;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gateway's adaptation and a CD's, back to back: IPv6 in at one end comes out at the other. */
class BackToBackTest {
  static final ActorTestKit kit = ActorTestKit.create();
  static final Address GW = new Address.Extended(Nodes.GW_EUI64);
  static final Address CD = new Address.Extended(Nodes.CD_EUI64);

  private final BackToBack link = new BackToBack(kit.system());

  @AfterEach
  void close() {
    link.close();
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void smallEchoCrossesInOneFrameEachWay() throws Exception {
    pingCd(1, 8);
    assertEquals(1, link.sentBy(true).size());
    assertEquals(1, link.sentBy(false).size());
    LowpanMetrics gw = link.gateway.snapshot();
    assertEquals(1, gw.packetsSent());
    assertEquals(1, gw.packetsReceived());
    assertEquals(0, gw.droppedTotal());
    assertEquals(0, link.cd.snapshot().droppedTotal());
  }

  @Test
  void thousandByteEchoIsFragmentedAndReassembledByteExactBothWays_rfc4944Section5_3()
      throws Exception {
    pingCd(7, 1000);
    for (boolean fromGateway : new boolean[] {true, false}) {
      List<byte[]> frames = link.sentBy(fromGateway);
      assertTrue(frames.size() > 10, frames.size() + " frames for 1,048 bytes");
      for (byte[] psdu : frames) {
        assertTrue(psdu.length <= MacFrameCodec.MAX_PHY_PACKET_SIZE, psdu.length + " octets");
      }
    }
    assertEquals(link.sentBy(true).size(), link.gateway.snapshot().framesSent());
    assertEquals(link.sentBy(false).size(), link.gateway.snapshot().framesReceived());
    assertEquals(0, link.gateway.snapshot().droppedTotal());
    assertEquals(0, link.cd.snapshot().droppedTotal());
  }

  @Test
  void aCdReachesOffLinkAddressesThroughTheGateway() throws Exception {
    byte[] fromCd = Nodes.echoRequest(Nodes.CD, Nodes.UD, 3, 100);
    link.cdSend.offer(fromCd);
    assertArrayEquals(fromCd, poll(link.gwReceived));
    MacFrame f = MacFrameCodec.decode(link.sentBy(false).get(0), true).orThrow();
    assertEquals(GW, f.header().destination());
    assertEquals(CD, f.header().source());
  }

  @Test
  void hostileFramesAreCountedAndDroppedAndTheStreamKeepsRunning() throws Exception {
    byte[] good =
        cdFrame(Nodes.PAN, GW, compressedByCd(Nodes.echoRequest(Nodes.CD, Nodes.UD, 1, 8)));
    byte[] badFcs = good.clone();
    badFcs[badFcs.length - 2] ^= 0x55;
    byte[] otherPan =
        cdFrame(0x1234, GW, compressedByCd(Nodes.echoRequest(Nodes.CD, Nodes.UD, 1, 8)));
    byte[] otherNode =
        cdFrame(Nodes.PAN, new Address.Extended(0x1122334455667788L), new byte[] {0x7a});
    byte[] garbage = new byte[300];
    Arrays.fill(garbage, (byte) 0xa5);
    byte[] ack = MacFrameCodec.encode(new MacFrame(MacHeader.ack(9, false), new byte[0]));
    byte[] emptyData = cdFrame(Nodes.PAN, GW, new byte[0]);
    byte[] badIphc = cdFrame(Nodes.PAN, GW, HexFormat.of().parseHex("7bff"));
    byte[] badFragment = cdFrame(Nodes.PAN, GW, HexFormat.of().parseHex("c0"));
    List<byte[]> hostile =
        List.of(
            badFcs,
            otherPan,
            otherNode,
            garbage,
            new byte[0],
            ack,
            emptyData,
            badIphc,
            badFragment);
    for (byte[] psdu : hostile) {
      link.injectToGw.offer(psdu);
    }
    Nodes.await("nine drops", () -> link.gateway.snapshot().droppedTotal() == 9);
    LowpanMetrics m = link.gateway.snapshot();
    assertEquals(9, m.framesReceived());
    assertEquals(1, m.dropped(LowpanDrop.BAD_FCS));
    assertEquals(2, m.dropped(LowpanDrop.MALFORMED_FRAME));
    // An acknowledgment has no destination address: not for us, like the other PAN and node.
    assertEquals(3, m.dropped(LowpanDrop.NOT_FOR_US));
    assertEquals(1, m.dropped(LowpanDrop.NOT_LOWPAN_FRAME));
    assertEquals(1, m.dropped(LowpanDrop.MALFORMED_DATAGRAM));
    assertEquals(1, m.dropped(LowpanDrop.MALFORMED_FRAGMENT));
    assertEquals(0, m.packetsReceived());

    pingCd(2, 1000);
    assertTrue(link.gwReceived.isEmpty());
  }

  @Test
  void reassemblyThatNeverCompletesIsExpiredOnTheControlledClock_rfc4944Section5_3()
      throws Exception {
    byte[] datagram = compressedByCd(Nodes.echoRequest(Nodes.CD, Nodes.UD, 5, 1000));
    List<byte[]> fragments = Fragmenter.fragment(datagram, 0x4242, 104);
    byte[] marker = Nodes.echoRequest(Nodes.CD, Nodes.UD, 4, 8);
    link.injectToGw.offer(cdFrame(Nodes.PAN, GW, fragments.get(0)));
    link.injectToGw.offer(cdFrame(Nodes.PAN, GW, compressedByCd(marker)));
    assertArrayEquals(marker, poll(link.gwReceived)); // so the FRAG1 is in, at the old time

    link.clock.addAndGet(Nodes.GATEWAY.reassemblyTimeout().toMillis());
    Nodes.await(
        "the reassembly to expire",
        () -> link.gateway.snapshot().dropped(LowpanDrop.REASSEMBLY_TIMEOUT) == 1);

    for (byte[] f : fragments.subList(1, fragments.size())) {
      link.injectToGw.offer(cdFrame(Nodes.PAN, GW, f));
    }
    pingCd(6, 8);
    assertTrue(link.gwReceived.isEmpty(), "the expired datagram never completes");
  }

  /** A ping from the UD side of the gateway to the CD, answered by the CD. */
  private void pingCd(int seq, int dataLength) throws InterruptedException {
    byte[] request = Nodes.echoRequest(Nodes.UD, Nodes.CD, seq, dataLength);
    link.gwSend.offer(request);
    byte[] atCd = poll(link.cdReceived);
    assertArrayEquals(request, atCd);
    byte[] reply = Nodes.echoReplyTo(atCd);
    link.cdSend.offer(reply);
    assertArrayEquals(reply, poll(link.gwReceived));
  }

  private static byte[] poll(BlockingQueue<byte[]> q) throws InterruptedException {
    byte[] p = q.poll(5, TimeUnit.SECONDS);
    assertNotNull(p, "nothing arrived within 5 s");
    return p;
  }

  private static byte[] compressedByCd(byte[] packet) {
    return new IphcLayer(
            Nodes.CD_OPEN, new LinkKeyTable(), Nodes.CD_RESOLVER, new LowpanCounters())
        .compress(packet)
        .orElseThrow()
        .datagram();
  }

  private static int seq;

  private static byte[] cdFrame(int pan, Address dst, byte[] payload) {
    MacHeader h = MacHeader.data(FrameVersion.IEEE_2006, seq++ & 0xff, pan, dst, CD, true);
    return MacFrameCodec.encode(new MacFrame(h, payload));
  }
}

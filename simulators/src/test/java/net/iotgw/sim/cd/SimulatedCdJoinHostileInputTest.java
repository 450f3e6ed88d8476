package net.iotgw.sim.cd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.iotgw.protocols.ieee802154.Fcs;
import net.iotgw.protocols.ieee802154.MacFrameCodec;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import org.junit.jupiter.api.Test;

/**
 * Whatever reaches a joining or admitted CD, it neither throws nor sends a frame the gateway
 * could not take: mutated PANA messages in valid UDP feed its PaC and EAP-PSK peer, and mutated
 * secured frames its link security.
 */
class SimulatedCdJoinHostileInputTest {
  /** MAC header of a secured 2006 intra-PAN data frame between extended addresses. */
  private static final int SECURED_MAC_HEADER = 21 + 5;

  private static void assertValidFrames(List<byte[]> out) {
    for (byte[] f : out) {
      assertTrue(f.length <= MacFrameCodec.MAX_PHY_PACKET_SIZE);
      assertTrue(MacFrameCodec.decode(f, true).isOk());
    }
  }

  @Test
  void mutatedPanaMessagesNeverThrowAndAnyReplyIsAValidFrame() {
    JoinHarness recorded = new JoinHarness();
    recorded.start();
    List<byte[]> seeds = recorded.panaWireFromGateway;
    assertTrue(seeds.size() >= 4);

    Random random = new Random(5);
    // The same CD and PAA again, its PCI sent: the recorded messages are those it waits for.
    JoinHarness h = new JoinHarness();
    h.cd.start(h.now);
    for (int round = 0; round < 5_000; round++) {
      byte[] m = seeds.get(random.nextInt(seeds.size())).clone();
      // Mostly the AVPs (after the 16-octet header), so that the PaC and the peer read them.
      int from = random.nextInt(8) == 0 ? 0 : 16;
      for (int i = random.nextInt(3); i > 0 && m.length > from; i--) {
        m[from + random.nextInt(m.length - from)] = (byte) random.nextInt(256);
      }
      if (random.nextInt(8) == 0) {
        m = Arrays.copyOf(m, random.nextInt(m.length));
      }
      byte[] wire = m;
      for (byte[] f : h.gateway.framesTo(h.cd, Ipv6Packets.udp(
          GatewaySide.NETWORK.gatewayLinkLocalAddress(), h.cd.linkLocalAddress(),
          SimulatedCd.PANA_PORT, SimulatedCd.PANA_PORT, wire, 64))) {
        assertValidFrames(h.cd.onFrame(f, h.now + round));
      }
      assertValidFrames(h.cd.onTimer(h.now + round));
    }
    // Many reached the PaC and were answered (duplicates from its cache among them), all of
    // them PANA and so unsecured.
    assertTrue(h.cd.stats().framesSent() > 100, h.cd.stats().toString());
    assertEquals(0, h.cd.stats().securedFramesSent());
  }

  @Test
  void mutatedSecuredFramesNeverThrowAndAreNotAnswered() {
    JoinHarness h = new JoinHarness();
    h.start();
    List<byte[]> seeds = h.gateway.securedFramesTo(h.cd, Ipv6Packets.icmpEchoRequest(
        GatewaySide.UD, h.cd.address(), 1, 1, new byte[300], 64));

    Random random = new Random(9);
    for (int round = 0; round < 5_000; round++) {
      byte[] f = seeds.get(random.nextInt(seeds.size())).clone();
      int at = SECURED_MAC_HEADER + random.nextInt(f.length - SECURED_MAC_HEADER - 2);
      f[at] ^= (byte) (1 + random.nextInt(255));
      int fcs = Fcs.compute(f, 0, f.length - 2);
      f[f.length - 2] = (byte) fcs;
      f[f.length - 1] = (byte) (fcs >>> 8);

      assertEquals(List.of(), h.cd.onFrame(f, h.now));
    }
    assertEquals(5_000, h.cd.stats().drops(DropReason.UNVERIFIED_FRAME));
    assertEquals(0, h.cd.stats().securedFramesReceived());
    // The genuine frames still pass: nothing above moved the replay state.
    for (byte[] f : seeds) {
      assertValidFrames(h.cd.onFrame(f, h.now));
    }
    assertEquals(1, h.cd.stats().pingsAnswered());
  }
}

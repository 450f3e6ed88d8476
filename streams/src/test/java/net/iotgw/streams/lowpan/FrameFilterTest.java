package net.iotgw.streams.lowpan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ieee802154.FrameType;
import net.iotgw.protocols.ieee802154.FrameVersion;
import net.iotgw.protocols.ieee802154.MacFrame;
import net.iotgw.protocols.ieee802154.MacHeader;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class FrameFilterTest {
  static final ActorTestKit kit = ActorTestKit.create();
  static final Address CD = new Address.Extended(Nodes.CD_EUI64);
  static final Address GW = new Address.Extended(Nodes.GW_EUI64);

  private final LowpanCounters counters = new LowpanCounters();
  private final FrameFilter gateway = new FrameFilter(Nodes.GATEWAY, counters);

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private static MacHeader to(int pan, Address dst) {
    return MacHeader.data(FrameVersion.IEEE_2006, 1, pan, dst, CD, true);
  }

  @Test
  void acceptsOurExtendedOurShortAndBroadcastInOurPan_802154Section7_5_6_2() {
    assertTrue(gateway.isForUs(to(Nodes.PAN, GW)));
    assertTrue(gateway.isForUs(to(Nodes.PAN, new Address.Short(0x0000))));
    assertTrue(gateway.isForUs(to(Nodes.PAN, Address.Short.BROADCAST)));
    assertTrue(gateway.isForUs(to(0xffff, Address.Short.BROADCAST)));
  }

  @Test
  void refusesOtherPansAndOtherNodes() {
    assertFalse(gateway.isForUs(to(0x1234, GW)));
    assertFalse(gateway.isForUs(to(Nodes.PAN, CD)));
    assertFalse(gateway.isForUs(to(Nodes.PAN, new Address.Short(0x0001))));
    MacHeader noDestination =
        MacHeader.builder(FrameType.DATA, FrameVersion.IEEE_2006)
            .sequenceNumber(1)
            .source(Nodes.PAN, CD)
            .build();
    assertFalse(gateway.isForUs(noDestination));
  }

  @Test
  void aNodeWithoutShortAddressTakesNoShortUnicast() {
    FrameFilter node = new FrameFilter(Nodes.CD_NODE, counters);
    assertFalse(node.isForUs(to(Nodes.PAN, new Address.Short(LowpanConfig.NO_SHORT_ADDRESS))));
    assertTrue(node.isForUs(to(Nodes.PAN, CD)));
  }

  @Test
  void inboundCountsWhatItDropsAndOutboundPassesAll() throws Exception {
    MacFrame ours = new MacFrame(to(Nodes.PAN, GW), new byte[] {0x41});
    MacFrame theirs = new MacFrame(to(0x1234, GW), new byte[] {0x41});
    assertEquals(List.of(ours), Harness.up(kit.system(), gateway.bidi(), List.of(theirs, ours)));
    assertEquals(1, counters.snapshot().dropped(LowpanDrop.NOT_FOR_US));
    assertEquals(
        List.of(theirs, ours), Harness.down(kit.system(), gateway.bidi(), List.of(theirs, ours)));
  }
}

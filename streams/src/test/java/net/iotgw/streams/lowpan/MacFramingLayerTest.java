package net.iotgw.streams.lowpan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ieee802154.AuxSecurityHeader;
import net.iotgw.protocols.ieee802154.FrameType;
import net.iotgw.protocols.ieee802154.FrameVersion;
import net.iotgw.protocols.ieee802154.MacFrame;
import net.iotgw.protocols.ieee802154.MacFrameCodec;
import net.iotgw.protocols.ieee802154.MacHeader;
import net.iotgw.protocols.ieee802154.SecurityLevel;
import net.iotgw.protocols.sixlowpan.LinkAddress;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class MacFramingLayerTest {
  static final ActorTestKit kit = ActorTestKit.create();
  static final HexFormat HEX = HexFormat.of();
  static final LinkAddress GW = LinkAddress.extended(Nodes.GW_EUI64);
  static final LinkAddress CD = LinkAddress.extended(Nodes.CD_EUI64);
  static final LinkAddress BROADCAST = LinkAddress.shortAddress(Nodes.PAN, 0xffff);

  private final LowpanCounters counters = new LowpanCounters();
  private final MacFramingLayer layer = new MacFramingLayer(Nodes.GATEWAY, counters);

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void unicastIsA2006DataFrameWithPanIdCompressionAndAckRequest_rfc4944Section3() {
    // FCF 0x dc61: data, AR, PAN ID compression, dst extended, 2006, src extended; seq 5;
    // PAN abcd; addresses least significant octet first.
    assertEquals(
        "61dc05cdab" + "0d0c0b0a004b1200" + "04030201004b1200",
        HEX.formatHex(MacFrameCodec.encodeHeader(layer.header(GW, CD, 5))));
    assertEquals(127 - 21 - 2, layer.room(GW, CD));
  }

  @Test
  void broadcastGoesToFfffWithoutAckRequest() {
    assertEquals(
        "41d805cdab" + "ffff" + "04030201004b1200",
        HEX.formatHex(MacFrameCodec.encodeHeader(layer.header(GW, BROADCAST, 5))));
    assertEquals(127 - 15 - 2, layer.room(GW, BROADCAST));
  }

  @Test
  void sequenceNumbersCountPerStageAndWrapAt256() throws Exception {
    List<FramePayload> in = new java.util.ArrayList<>();
    for (int i = 0; i < 258; i++) {
      in.add(new FramePayload(GW, CD, new byte[] {0x41, (byte) i}));
    }
    List<MacFrame> out = Harness.down(kit.system(), layer.bidi(), in);
    assertEquals(258, out.size());
    for (int i = 0; i < 258; i++) {
      assertEquals(i & 0xff, out.get(i).header().sequenceNumber().getAsInt());
      assertEquals(i & 0xff, out.get(i).payload()[1] & 0xff);
    }
  }

  @Test
  void dataFrameHandsUpItsPayloadWithItsLinkAddresses() {
    MacFrame f = layer.frame(new FramePayload(CD, GW, new byte[] {0x7a, 0x33}), 9);
    assertEquals(
        Optional.of(new FramePayload(CD, GW, new byte[] {0x7a, 0x33})), layer.payloadOf(f));
  }

  @Test
  void shortAddressesCarryThePanIdIntoTheLinkAddress() {
    MacHeader h =
        MacHeader.data(
            FrameVersion.IEEE_2006, 1, Nodes.PAN, new Address.Short(0), new Address.Short(7), true);
    FramePayload p = layer.payloadOf(new MacFrame(h, new byte[] {0x41})).orElseThrow();
    assertEquals(LinkAddress.shortAddress(Nodes.PAN, 7), p.source());
    assertEquals(LinkAddress.shortAddress(Nodes.PAN, 0), p.destination());
  }

  @Test
  void framesThatCannotCarry6lowpanAreCountedAndDropped() {
    MacFrame ack = new MacFrame(MacHeader.ack(3, false), new byte[0]);
    MacFrame noSource =
        new MacFrame(
            MacHeader.builder(FrameType.DATA, FrameVersion.IEEE_2006)
                .sequenceNumber(1)
                .destination(Nodes.PAN, new Address.Extended(Nodes.GW_EUI64))
                .build(),
            new byte[] {0x41});
    MacFrame empty = layer.frame(new FramePayload(CD, GW, new byte[0]), 1);
    for (MacFrame f : List.of(ack, noSource, empty)) {
      assertTrue(layer.payloadOf(f).isEmpty(), f.toString());
    }
    assertEquals(3, counters.snapshot().dropped(LowpanDrop.NOT_LOWPAN_FRAME));
  }

  @Test
  void securedFramesAreDroppedWhileNoLinkSecurityClearsThem() {
    MacHeader h =
        layer
            .header(CD, GW, 1)
            .withSecurity(AuxSecurityHeader.withKeyIndex(SecurityLevel.ENC_MIC_32, 1, 1));
    assertTrue(layer.payloadOf(new MacFrame(h, new byte[8])).isEmpty());
    assertEquals(1, counters.snapshot().dropped(LowpanDrop.SECURED_FRAME));
  }
}

package net.iotgw.streams.lowpan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    assertEquals(127 - 21 - 2, layer.room(GW, CD, false));
  }

  @Test
  void broadcastGoesToFfffWithoutAckRequest() {
    assertEquals(
        "41d805cdab" + "ffff" + "04030201004b1200",
        HEX.formatHex(MacFrameCodec.encodeHeader(layer.header(GW, BROADCAST, 5))));
    assertEquals(127 - 15 - 2, layer.room(GW, BROADCAST, false));
  }

  @Test
  void sequenceNumbersCountPerStageAndWrapAt256() throws Exception {
    List<FramePayload> in = new java.util.ArrayList<>();
    for (int i = 0; i < 258; i++) {
      in.add(new FramePayload(GW, CD, new byte[] {0x41, (byte) i}, false));
    }
    List<MacFrame> out =
        Harness.down(kit.system(), layer.bidi(), in).stream().map(LinkFrame::frame).toList();
    assertEquals(258, out.size());
    for (int i = 0; i < 258; i++) {
      assertEquals(i & 0xff, out.get(i).header().sequenceNumber().getAsInt());
      assertEquals(i & 0xff, out.get(i).payload()[1] & 0xff);
    }
  }

  @Test
  void dataFrameHandsUpItsPayloadWithItsLinkAddresses() {
    for (boolean secured : new boolean[] {false, true}) {
      FramePayload p = new FramePayload(CD, GW, new byte[] {0x7a, 0x33}, secured);
      LinkFrame f = layer.frame(p, 9);
      assertEquals(secured, f.secured());
      assertFalse(f.frame().header().frameControl().securityEnabled(), "LinkSecurity secures");
      assertEquals(Optional.of(p), layer.payloadOf(f));
    }
  }

  @Test
  void roomOfASecuredFrameLeavesTheAuxiliaryHeaderAndTheMic_802154Section7_6_2() {
    // Key Id Mode 0: security control and frame counter, 5 octets; MIC 8 at level 6, 4 at 5.
    assertEquals(127 - 21 - 5 - 8 - 2, layer.room(GW, CD, true));
    assertEquals(127 - 15 - 5 - 8 - 2, layer.room(GW, BROADCAST, true));
    MacFramingLayer level5 =
        new MacFramingLayer(Nodes.GATEWAY.withSecurityLevel(SecurityLevel.ENC_MIC_32), counters);
    assertEquals(127 - 21 - 5 - 4 - 2, level5.room(GW, CD, true));
  }

  @Test
  void shortAddressesCarryThePanIdIntoTheLinkAddress() {
    MacHeader h =
        MacHeader.data(
            FrameVersion.IEEE_2006, 1, Nodes.PAN, new Address.Short(0), new Address.Short(7), true);
    FramePayload p =
        layer.payloadOf(new LinkFrame(new MacFrame(h, new byte[] {0x41}), false)).orElseThrow();
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
    MacFrame empty = layer.frame(new FramePayload(CD, GW, new byte[0], false), 1).frame();
    for (MacFrame f : List.of(ack, noSource, empty)) {
      assertTrue(layer.payloadOf(new LinkFrame(f, false)).isEmpty(), f.toString());
    }
    assertEquals(3, counters.snapshot().dropped(LowpanDrop.NOT_LOWPAN_FRAME));
  }

  @Test
  void securedFramesThatLinkSecurityDidNotClearAreDropped() {
    MacHeader h =
        layer
            .header(CD, GW, 1)
            .withSecurity(AuxSecurityHeader.withKeyIndex(SecurityLevel.ENC_MIC_32, 1, 1));
    assertTrue(layer.payloadOf(new LinkFrame(new MacFrame(h, new byte[8]), false)).isEmpty());
    assertEquals(1, counters.snapshot().dropped(LowpanDrop.SECURED_FRAME));
  }
}

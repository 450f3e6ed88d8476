package net.iotgw.sim.cd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ieee802154.AuxSecurityHeader;
import net.iotgw.protocols.ieee802154.FrameType;
import net.iotgw.protocols.ieee802154.FrameVersion;
import net.iotgw.protocols.ieee802154.MacFrame;
import net.iotgw.protocols.ieee802154.MacFrameCodec;
import net.iotgw.protocols.ieee802154.MacHeader;
import net.iotgw.protocols.ieee802154.SecurityLevel;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.sixlowpan.LinkAddress;
import org.junit.jupiter.api.Test;

/** What the CD's MAC and IPv6 layers refuse, and that each refusal is counted by its reason. */
class SimulatedCdFilteringTest {
  private static final long CD_EUI64 = 0x0200_0000_0000_0005L;
  private static final long NOW = 1_700_000_000_000L;

  private final GatewaySide gateway = new GatewaySide();
  private final SimulatedCd cd = new SimulatedCd(GatewaySide.NETWORK, CD_EUI64);

  private Ipv6Packet ping() {
    return Ipv6Packets.icmpEchoRequest(GatewaySide.UD, cd.address(), 1, 1, new byte[4], 64);
  }

  private void assertDroppedOnlyFor(DropReason reason, byte[] frame) {
    assertEquals(List.of(), cd.onFrame(frame, NOW));
    assertEquals(1, cd.stats().drops(reason), cd.stats().toString());
    assertEquals(1, cd.stats().totalDrops(), cd.stats().toString());
    assertEquals(0, cd.stats().pingsAnswered());
    assertEquals(1, cd.stats().framesReceived());
    assertEquals(0, cd.stats().framesSent());
  }

  @Test
  void frameForAnotherExtendedAddressIsIgnored() {
    long other = CD_EUI64 + 1;
    byte[] frame = gateway.framesTo(new Address.Extended(other), new LinkAddress.Extended(other),
        GatewaySide.PAN_ID, ping()).get(0);

    assertDroppedOnlyFor(DropReason.OTHER_DESTINATION, frame);
  }

  @Test
  void frameForAnotherPanIsIgnored() {
    byte[] frame = gateway.framesTo(new Address.Extended(CD_EUI64),
        new LinkAddress.Extended(CD_EUI64), 0x1234, ping()).get(0);

    assertDroppedOnlyFor(DropReason.OTHER_PAN, frame);
  }

  @Test
  void frameWithBadFcsIsIgnored802154Section7_2_10() {
    byte[] frame = gateway.framesTo(cd, ping()).get(0);
    frame[frame.length - 1] ^= 0x40;

    assertDroppedOnlyFor(DropReason.BAD_FCS, frame);
  }

  @Test
  void frameWithACorruptedPayloadOctetFailsItsFcs() {
    byte[] frame = gateway.framesTo(cd, ping()).get(0);
    frame[frame.length / 2] ^= 0x01;

    assertDroppedOnlyFor(DropReason.BAD_FCS, frame);
  }

  @Test
  void acknowledgmentFrameIsNotDataForUpperLayers() {
    assertDroppedOnlyFor(DropReason.NOT_DATA_FRAME,
        MacFrameCodec.encode(new MacFrame(MacHeader.ack(3, false), new byte[0])));
  }

  @Test
  void securedFrameIsNotReadBeforeNetworkEntry() {
    MacHeader h = MacHeader.data(FrameVersion.IEEE_2006, 1, GatewaySide.PAN_ID,
            new Address.Extended(CD_EUI64), new Address.Extended(GatewaySide.GATEWAY_EUI64), true)
        .withSecurity(AuxSecurityHeader.implicitKey(SecurityLevel.ENC_MIC_32, 1));

    assertDroppedOnlyFor(DropReason.SECURED_FRAME,
        MacFrameCodec.encode(new MacFrame(h, new byte[] {0x7a, 0, 0, 0, 0, 0, 0, 0})));
  }

  @Test
  void dataFrameWithoutSourceAddressIsRefused() {
    MacHeader h = MacHeader.builder(FrameType.DATA, FrameVersion.IEEE_2006)
        .sequenceNumber(1)
        .destination(GatewaySide.PAN_ID, new Address.Extended(CD_EUI64))
        .build();

    assertDroppedOnlyFor(DropReason.MALFORMED_FRAME,
        MacFrameCodec.encode(new MacFrame(h, new byte[] {0x41})));
  }

  @Test
  void payloadThatIsNot6lowpanIsRefused() {
    MacHeader h = MacHeader.data(FrameVersion.IEEE_2006, 1, GatewaySide.PAN_ID,
        new Address.Extended(CD_EUI64), new Address.Extended(GatewaySide.GATEWAY_EUI64), true);

    // 0x00: NALP, "not a LoWPAN frame" (RFC 4944 §5.1).
    assertDroppedOnlyFor(DropReason.MALFORMED_6LOWPAN,
        MacFrameCodec.encode(new MacFrame(h, new byte[] {0x00, 1, 2})));
  }

  @Test
  void packetForAnotherIpv6AddressIsIgnored() {
    Ipv6Packet p = Ipv6Packets.icmpEchoRequest(
        GatewaySide.UD, Ipv6Address.of("2001:db8:cd::99"), 1, 1, new byte[4], 64);

    assertDroppedOnlyFor(DropReason.OTHER_IPV6_DESTINATION, gateway.framesTo(cd, p).get(0));
  }

  @Test
  void broadcastFrameToTheCdsAddressIsAnswered() {
    byte[] frame = gateway.framesTo(Address.Short.BROADCAST,
        new LinkAddress.Short(GatewaySide.PAN_ID, 0xffff), GatewaySide.PAN_ID, ping()).get(0);

    assertEquals(1, gateway.packetsFrom(cd, cd.onFrame(frame, NOW), NOW).size());
    assertEquals(1, cd.stats().pingsAnswered());
  }

  @Test
  void cdWithAShortAddressTakesFramesToItAndNotToAnotherShortAddress() {
    SimulatedCd shortCd = new SimulatedCd(GatewaySide.NETWORK, CD_EUI64, 0x0042);
    Ipv6Packet p = Ipv6Packets.icmpEchoRequest(
        GatewaySide.UD, shortCd.address(), 1, 1, new byte[4], 64);

    List<byte[]> toIt = shortCd.onFrame(gateway.framesTo(new Address.Short(0x0042),
        new LinkAddress.Short(GatewaySide.PAN_ID, 0x0042), GatewaySide.PAN_ID, p).get(0), NOW);
    List<byte[]> toOther = shortCd.onFrame(gateway.framesTo(new Address.Short(0x0043),
        new LinkAddress.Short(GatewaySide.PAN_ID, 0x0043), GatewaySide.PAN_ID, p).get(0), NOW);

    assertEquals(1, gateway.packetsFrom(shortCd, toIt, NOW).size());
    assertEquals(List.of(), toOther);
    assertEquals(1, shortCd.stats().drops(DropReason.OTHER_DESTINATION));
  }

  @Test
  void cdWithAShortAddressOwnsItsShortFormAddressesRfc6282Section3_2_2() {
    SimulatedCd shortCd = new SimulatedCd(GatewaySide.NETWORK, CD_EUI64, 0x0042);

    assertTrue(shortCd.isOwnAddress(Ipv6Address.of("2001:db8:cd::ff:fe00:42")));
    assertTrue(shortCd.isOwnAddress(Ipv6Address.of("fe80::ff:fe00:42")));
    assertTrue(!cd.isOwnAddress(Ipv6Address.of("2001:db8:cd::ff:fe00:42")));
  }

  @Test
  void truncatedFrameIsMalformed() {
    assertDroppedOnlyFor(DropReason.MALFORMED_FRAME, new byte[] {0x41});
  }
}

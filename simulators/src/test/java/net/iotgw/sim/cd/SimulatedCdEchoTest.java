package net.iotgw.sim.cd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import net.iotgw.protocols.ieee802154.MacFrameCodec;
import net.iotgw.protocols.ipv6.EchoMessage;
import net.iotgw.protocols.ipv6.IcmpV6Codec;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import org.junit.jupiter.api.Test;

class SimulatedCdEchoTest {
  private static final long CD_EUI64 = 0x0200_0000_0000_0001L;
  private static final long NOW = 1_700_000_000_000L;

  private final GatewaySide gateway = new GatewaySide();
  private final SimulatedCd cd = new SimulatedCd(GatewaySide.NETWORK, CD_EUI64);

  private static byte[] data(int n) {
    byte[] d = new byte[n];
    for (int i = 0; i < n; i++) {
      d[i] = (byte) (i * 7 + 3);
    }
    return d;
  }

  /** The reply's ICMPv6 checksum is verified by the decoder (RFC 4443 §2.3). */
  private static EchoMessage verifiedEcho(Ipv6Packet p) {
    return EchoMessage.from(IcmpV6Codec.decode(p).orThrow()).orThrow();
  }

  @Test
  void addressIsCdPrefixAndEui64InterfaceIdentifierRfc4944Section6() {
    // 02:00:..:01 with the U/L bit inverted is the IID 0000:0000:0000:0001.
    assertEquals(Ipv6Address.of("2001:db8:cd::1"), cd.address());
    assertEquals(Ipv6Address.of("fe80::1"), cd.linkLocalAddress());
    SimulatedCd other = new SimulatedCd(GatewaySide.NETWORK, 0x0012_4b00_0102_0304L);
    assertEquals(Ipv6Address.of("2001:db8:cd:0:212:4b00:102:304"), other.address());
  }

  @Test
  void answersEchoRequestWithOneFrameHoldingTheEchoReplyRfc4443Section4() {
    Ipv6Packet request = Ipv6Packets.icmpEchoRequest(
        GatewaySide.UD, cd.address(), 0x1234, 7, "ping".getBytes(), 63);
    List<byte[]> in = gateway.framesTo(cd, request);
    assertEquals(1, in.size());

    List<byte[]> out = cd.onFrame(in.get(0), NOW);

    assertEquals(1, out.size());
    Ipv6Packet reply = gateway.onlyPacketFrom(cd, out, NOW);
    assertEquals(cd.address(), reply.source());
    assertEquals(GatewaySide.UD, reply.destination());
    assertEquals(64, reply.hopLimit());
    assertEquals(new EchoMessage(true, 0x1234, 7, "ping".getBytes()), verifiedEcho(reply));
    // 61 dc: data frame, AR, PAN ID compression, 2006, both addresses extended; sequence 0;
    // PAN abcd; gateway then CD address, least significant octet first. IPHC 7a 70: TF=11, NH
    // inline (3a), HLIM=10 (64); SAC=1 SAM=11 (context 0 + the frame's source), DAM=00 (UD
    // inline). Then ICMPv6 echo reply 81 00, checksum 308d, identifier, sequence, "ping".
    assertEquals("61dc00cdab01000000004b12020100000000000002"
            + "7a703a" + "20010db800d000000000000000000010"
            + "8100308d" + "12340007" + "70696e67",
        HexFormat.of().formatHex(out.get(0), 0, out.get(0).length - 2));
  }

  @Test
  void answersEchoRequestToItsLinkLocalAddressFromIt() {
    Ipv6Address gatewayLinkLocal = GatewaySide.NETWORK.gatewayLinkLocalAddress();
    Ipv6Packet request = Ipv6Packets.icmpEchoRequest(
        gatewayLinkLocal, cd.linkLocalAddress(), 1, 1, new byte[8], 64);

    Ipv6Packet reply =
        gateway.onlyPacketFrom(cd, cd.onFrame(gateway.framesTo(cd, request).get(0), NOW), NOW);

    assertEquals(cd.linkLocalAddress(), reply.source());
    assertEquals(gatewayLinkLocal, reply.destination());
    assertTrue(verifiedEcho(reply).reply());
  }

  @Test
  void thousandByteEchoCrossesAsFragmentsBothWaysRfc4944Section5_3() {
    byte[] payload = data(1000);
    Ipv6Packet request =
        Ipv6Packets.icmpEchoRequest(GatewaySide.UD, cd.address(), 9, 1000, payload, 64);
    List<byte[]> in = gateway.framesTo(cd, request);
    assertTrue(in.size() >= 9, in.size() + " fragments");

    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      List<byte[]> sent = cd.onFrame(in.get(i), NOW + i);
      if (i < in.size() - 1) {
        assertEquals(List.of(), sent, "nothing before the last fragment");
      }
      out.addAll(sent);
    }

    assertTrue(out.size() >= 9, out.size() + " reply fragments");
    for (byte[] psdu : out) {
      assertTrue(psdu.length <= MacFrameCodec.MAX_PHY_PACKET_SIZE);
    }
    Ipv6Packet reply = gateway.onlyPacketFrom(cd, out, NOW);
    assertEquals(1048, reply.length());
    EchoMessage echo = verifiedEcho(reply);
    assertTrue(echo.reply());
    assertEquals(1000, echo.sequenceNumber());
    assertArrayEquals(payload, echo.data());
    assertEquals(1, cd.stats().pingsAnswered());
    assertEquals(in.size(), cd.stats().framesReceived());
    assertEquals(out.size(), cd.stats().framesSent());
  }

  @Test
  void fragmentsArrivingInReverseOrderStillReassemble() {
    Ipv6Packet request =
        Ipv6Packets.icmpEchoRequest(GatewaySide.UD, cd.address(), 9, 2, data(600), 64);
    List<byte[]> in = new ArrayList<>(gateway.framesTo(cd, request));
    Collections.reverse(in);

    List<byte[]> out = new ArrayList<>();
    for (byte[] f : in) {
      out.addAll(cd.onFrame(f, NOW));
    }

    assertArrayEquals(data(600), verifiedEcho(gateway.onlyPacketFrom(cd, out, NOW)).data());
  }

  @Test
  void eachFrameTakesTheNextMacSequenceNumberAndEachFragmentedDatagramTheNextTag() {
    List<byte[]> out = new ArrayList<>();
    for (int seq = 0; seq < 2; seq++) {
      Ipv6Packet request =
          Ipv6Packets.icmpEchoRequest(GatewaySide.UD, cd.address(), 9, seq, data(300), 64);
      for (byte[] f : gateway.framesTo(cd, request)) {
        out.addAll(cd.onFrame(f, NOW));
      }
    }

    for (int i = 0; i < out.size(); i++) {
      assertEquals(i, MacFrameCodec.decode(out.get(i), true).orThrow().header()
          .sequenceNumber().getAsInt());
    }
    // FRAG1 of each reply: 11000 + size, then the tag.
    byte[] firstOfFirst = MacFrameCodec.decode(out.get(0), true).orThrow().payload();
    int secondStart = (out.size() / 2);
    byte[] firstOfSecond = MacFrameCodec.decode(out.get(secondStart), true).orThrow().payload();
    assertEquals(0xc0, firstOfSecond[0] & 0xf8, "the replies are the same size");
    assertEquals(0, ((firstOfFirst[2] & 0xff) << 8) | (firstOfFirst[3] & 0xff));
    assertEquals(1, ((firstOfSecond[2] & 0xff) << 8) | (firstOfSecond[3] & 0xff));
    assertEquals(2, gateway.packetsFrom(cd, out, NOW).size());
  }

  @Test
  void incompleteDatagramIsForgottenAfterTheReassemblyTimeoutRfc4944Section5_3() {
    Ipv6Packet big = Ipv6Packets.icmpEchoRequest(GatewaySide.UD, cd.address(), 9, 3, data(500), 64);
    List<byte[]> in = gateway.framesTo(cd, big);
    assertEquals(List.of(), cd.onFrame(in.get(0), NOW));

    // A fragment of the same datagram 60 s later finds nothing to join: the first expired.
    assertEquals(List.of(), cd.onFrame(in.get(1), NOW + 60_000));
    for (int i = 2; i < in.size(); i++) {
      assertEquals(List.of(), cd.onFrame(in.get(i), NOW + 60_000));
    }

    assertEquals(1, cd.stats().drops(DropReason.REASSEMBLY_TIMEOUT));
    assertEquals(0, cd.stats().pingsAnswered());
  }

  @Test
  void echoRequestWithBadChecksumIsDroppedAndCounted() {
    Ipv6Packet good =
        Ipv6Packets.icmpEchoRequest(GatewaySide.UD, cd.address(), 1, 1, new byte[4], 64);
    byte[] icmp = good.payload().clone();
    icmp[2] ^= 0x01;
    Ipv6Packet bad = Ipv6Packet.of(good.source(), good.destination(), 58, 64, icmp);

    assertEquals(List.of(), cd.onFrame(gateway.framesTo(cd, bad).get(0), NOW));
    assertEquals(1, cd.stats().drops(DropReason.BAD_UPPER_LAYER));
    assertEquals(0, cd.stats().pingsAnswered());
  }
}

package net.iotgw.load.cd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ieee802154.FrameVersion;
import net.iotgw.protocols.ieee802154.MacFrame;
import net.iotgw.protocols.ieee802154.MacFrameCodec;
import net.iotgw.protocols.ieee802154.MacHeader;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Prefix;
import net.iotgw.protocols.sixlowpan.Fragment;
import net.iotgw.protocols.sixlowpan.Fragmenter;
import net.iotgw.protocols.sixlowpan.IphcCompressor;
import net.iotgw.protocols.sixlowpan.IphcDecompressor;
import net.iotgw.protocols.sixlowpan.LinkAddress;
import net.iotgw.protocols.sixlowpan.Reassembler;

/**
 * The gateway's half of the link, built from the protocols codecs only (none of the CD's code):
 * IPv6 packets compressed, fragmented and framed as the gateway sends them, and the CD's frames
 * checked and turned back into IPv6 packets.
 */
final class GatewaySide {
  static final long GATEWAY_EUI64 = 0x0212_4b00_0000_0001L;
  static final int PAN_ID = 0xabcd;
  static final Ipv6Prefix PREFIX = Ipv6Prefix.of("2001:db8:cd::/64");
  static final Ipv6Address UD = Ipv6Address.of("2001:db8:d0::10");
  static final CdNetwork NETWORK = new CdNetwork(PREFIX, PAN_ID, GATEWAY_EUI64);

  private int sequence;
  private int tag = 0x100;
  private Reassembler reassembler = new Reassembler(4, 8192);

  /** Frames to the CD's extended address, as the gateway sends {@code packet}. */
  List<byte[]> framesTo(SimulatedCd cd, Ipv6Packet packet) {
    return framesTo(new Address.Extended(cd.extendedAddress()),
        new LinkAddress.Extended(cd.extendedAddress()), PAN_ID, packet);
  }

  List<byte[]> framesTo(Address dst, LinkAddress dstLink, int panId, Ipv6Packet packet) {
    byte[] datagram = IphcCompressor.compress(Ipv6Codec.encode(packet),
        NETWORK.gatewayLinkAddress(), dstLink, NETWORK.contexts()).orThrow();
    MacHeader probe = header(0, panId, dst);
    List<byte[]> payloads = Fragmenter.fragment(datagram, tag++, MacFrameCodec.maxPayload(probe));
    List<byte[]> frames = new ArrayList<>();
    for (byte[] p : payloads) {
      frames.add(MacFrameCodec.encode(new MacFrame(header(sequence++ & 0xff, panId, dst), p)));
    }
    return frames;
  }

  private static MacHeader header(int seq, int panId, Address dst) {
    return MacHeader.data(FrameVersion.IEEE_2006, seq, panId, dst,
        new Address.Extended(GATEWAY_EUI64), true);
  }

  /**
   * The IPv6 packets the CD's frames carry, after checking every frame as the gateway's radio
   * would: FCS, at most 127 octets, from the CD to the gateway in the PAN.
   */
  List<Ipv6Packet> packetsFrom(SimulatedCd cd, List<byte[]> psdus, long nowMillis) {
    List<Ipv6Packet> packets = new ArrayList<>();
    LinkAddress src = new LinkAddress.Extended(cd.extendedAddress());
    LinkAddress dst = NETWORK.gatewayLinkAddress();
    for (byte[] psdu : psdus) {
      assertTrue(psdu.length <= MacFrameCodec.MAX_PHY_PACKET_SIZE, psdu.length + " octets");
      MacFrame f = MacFrameCodec.decode(psdu, true).orThrow();
      assertEquals(new Address.Extended(GATEWAY_EUI64), f.header().destination());
      assertEquals(new Address.Extended(cd.extendedAddress()), f.header().source());
      assertEquals(PAN_ID, f.header().destinationPanId().getAsInt());
      byte[] datagram;
      if (Fragment.isFragment(f.payload())) {
        Reassembler.Step step = reassembler.accept(src, dst, f.payload(), nowMillis).orThrow();
        reassembler = step.reassembler();
        if (!(step.outcome() instanceof Reassembler.Complete c)) {
          assertTrue(step.outcome() instanceof Reassembler.Pending, step.outcome().toString());
          continue;
        }
        datagram = c.datagram();
      } else {
        datagram = f.payload();
      }
      byte[] ipv6 = IphcDecompressor.decompress(datagram, src, dst, NETWORK.contexts()).orThrow();
      packets.add(Ipv6Codec.decode(ipv6).orThrow());
    }
    if (reassembler.inProgress() != 0) {
      fail("fragments left over: " + reassembler);
    }
    return packets;
  }

  /** The one packet {@code psdus} carry. */
  Ipv6Packet onlyPacketFrom(SimulatedCd cd, List<byte[]> psdus, long nowMillis) {
    List<Ipv6Packet> packets = packetsFrom(cd, psdus, nowMillis);
    assertEquals(1, packets.size(), "packets in " + psdus.size() + " frames");
    return packets.get(0);
  }
}

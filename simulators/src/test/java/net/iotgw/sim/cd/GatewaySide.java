package net.iotgw.sim.cd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ieee802154.AuxSecurityHeader;
import net.iotgw.protocols.ieee802154.FrameVersion;
import net.iotgw.protocols.ieee802154.MacFrame;
import net.iotgw.protocols.ieee802154.MacFrameCodec;
import net.iotgw.protocols.ieee802154.MacHeader;
import net.iotgw.protocols.ieee802154.SecurityLevel;
import net.iotgw.protocols.ieee802154.security.FrameProtection;
import net.iotgw.protocols.ieee802154.security.LinkKey;
import net.iotgw.protocols.ieee802154.security.OutgoingFrameCounter;
import net.iotgw.protocols.ieee802154.security.PeerKey;
import net.iotgw.protocols.ieee802154.security.ReplayState;
import net.iotgw.protocols.ieee802154.security.Unprotected;
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
 * checked and turned back into IPv6 packets. With a key {@link #install}ed it secures what it
 * sends ({@link #securedFramesTo}) and verifies what it receives with {@link FrameProtection}, as
 * the gateway's enforcement point does under the network-entry contract.
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
  private LinkKey key;
  private SecurityLevel level = SecurityLevel.ENC_MIC_64;
  private OutgoingFrameCounter counter = OutgoingFrameCounter.initial();
  private ReplayState replay = ReplayState.fresh();

  /** A packet the CD sent, and whether its frames were secured (and verified). */
  record Received(Ipv6Packet packet, boolean secured) {}

  /** A CD's key for this side: counters and replay state start afresh (the contract). */
  void install(LinkKey k, SecurityLevel l) {
    key = k;
    level = l;
    counter = OutgoingFrameCounter.initial();
    replay = ReplayState.fresh();
  }

  LinkKey key() {
    return key;
  }

  /** The datagram tag of the next fragmented packet (RFC 4944 §5.3), to mix fragments. */
  void nextTag(int t) {
    tag = t;
  }

  /** The counter the next secured frame carries. */
  OutgoingFrameCounter counter() {
    return counter;
  }

  /** Frames to the CD, secured with the installed key and the next counters. */
  List<byte[]> securedFramesTo(SimulatedCd cd, Ipv6Packet packet) {
    Address dst = new Address.Extended(cd.extendedAddress());
    byte[] datagram = IphcCompressor.compress(Ipv6Codec.encode(packet),
        NETWORK.gatewayLinkAddress(), new LinkAddress.Extended(cd.extendedAddress()),
        NETWORK.contexts()).orThrow();
    MacHeader probe = header(0, PAN_ID, dst)
        .withSecurity(AuxSecurityHeader.implicitKey(level, counter.value()));
    List<byte[]> payloads = Fragmenter.fragment(datagram, tag++, MacFrameCodec.maxPayload(probe));
    List<byte[]> frames = new ArrayList<>();
    for (byte[] p : payloads) {
      FrameProtection.Protected sealed = FrameProtection.protect(
          new MacFrame(header(sequence++ & 0xff, PAN_ID, dst), p),
          new Address.Extended(GATEWAY_EUI64), key, counter, level);
      counter = sealed.counter();
      frames.add(sealed.psdu());
    }
    return frames;
  }

  /** Checks a secured frame from {@code cd} as the enforcement point does. */
  Unprotected unprotect(SimulatedCd cd, byte[] psdu) {
    return unprotect(cd.extendedAddress(), psdu);
  }

  Unprotected unprotect(long cdEui64, byte[] psdu) {
    Address.Extended sender = new Address.Extended(cdEui64);
    Unprotected u = FrameProtection.unprotect(psdu, true, level,
        h -> key != null && h.source().equals(sender)
            ? Optional.of(new PeerKey(sender, key, replay)) : Optional.empty());
    if (u instanceof Unprotected.Accepted a) {
      replay = a.replay();
    }
    return u;
  }

  /** Frames to the CD's extended address, as the gateway sends {@code packet}. */
  List<byte[]> framesTo(SimulatedCd cd, Ipv6Packet packet) {
    return framesTo(cd.extendedAddress(), packet);
  }

  List<byte[]> framesTo(long cdEui64, Ipv6Packet packet) {
    return framesTo(new Address.Extended(cdEui64), new LinkAddress.Extended(cdEui64), PAN_ID,
        packet);
  }

  List<byte[]> framesTo(Address dst, LinkAddress dstLink, int panId, Ipv6Packet packet) {
    return framesTo(dst, dstLink, panId, packet,
        MacFrameCodec.maxPayload(header(0, panId, dst)));
  }

  /** Unsecured frames to the CD, fragmented to {@code room} octets as secured ones would be. */
  List<byte[]> framesTo(SimulatedCd cd, Ipv6Packet packet, int room) {
    return framesTo(new Address.Extended(cd.extendedAddress()),
        new LinkAddress.Extended(cd.extendedAddress()), PAN_ID, packet, room);
  }

  private List<byte[]> framesTo(
      Address dst, LinkAddress dstLink, int panId, Ipv6Packet packet, int room) {
    byte[] datagram = IphcCompressor.compress(Ipv6Codec.encode(packet),
        NETWORK.gatewayLinkAddress(), dstLink, NETWORK.contexts()).orThrow();
    List<byte[]> payloads = Fragmenter.fragment(datagram, tag++, room);
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
    return receivedFrom(cd, psdus, nowMillis).stream().map(Received::packet).toList();
  }

  /**
   * As {@link #packetsFrom}, with each packet's protection: secured frames must verify under the
   * installed key (the test fails otherwise), and every frame of a packet has the same protection.
   */
  List<Received> receivedFrom(SimulatedCd cd, List<byte[]> psdus, long nowMillis) {
    return receivedFrom(cd.extendedAddress(), psdus, nowMillis);
  }

  List<Received> receivedFrom(long cdEui64, List<byte[]> psdus, long nowMillis) {
    List<Received> packets = receive(cdEui64, psdus, nowMillis);
    if (reassembler.inProgress() != 0) {
      fail("fragments left over: " + reassembler);
    }
    return packets;
  }

  /** As {@link #receivedFrom}, frames that leave a datagram incomplete included. */
  List<Received> receive(long cdEui64, List<byte[]> psdus, long nowMillis) {
    List<Received> packets = new ArrayList<>();
    LinkAddress src = new LinkAddress.Extended(cdEui64);
    LinkAddress dst = NETWORK.gatewayLinkAddress();
    Boolean fragmentsSecured = null;
    for (byte[] psdu : psdus) {
      assertTrue(psdu.length <= MacFrameCodec.MAX_PHY_PACKET_SIZE, psdu.length + " octets");
      MacFrame f = MacFrameCodec.decode(psdu, true).orThrow();
      assertEquals(new Address.Extended(GATEWAY_EUI64), f.header().destination());
      assertEquals(new Address.Extended(cdEui64), f.header().source());
      assertEquals(PAN_ID, f.header().destinationPanId().getAsInt());
      boolean secured = f.header().security().isPresent();
      byte[] payload = f.payload();
      if (secured) {
        Unprotected u = unprotect(cdEui64, psdu);
        payload = assertInstanceOf(Unprotected.Accepted.class, u, u.toString()).payload();
      }
      byte[] datagram;
      if (Fragment.isFragment(payload)) {
        if (fragmentsSecured != null) {
          assertEquals(fragmentsSecured, secured, "fragments of one datagram, mixed protection");
        }
        fragmentsSecured = secured;
        Reassembler.Step step = reassembler.accept(src, dst, payload, nowMillis).orThrow();
        reassembler = step.reassembler();
        if (!(step.outcome() instanceof Reassembler.Complete c)) {
          assertTrue(step.outcome() instanceof Reassembler.Pending, step.outcome().toString());
          continue;
        }
        datagram = c.datagram();
        fragmentsSecured = null;
      } else {
        datagram = payload;
      }
      byte[] ipv6 = IphcDecompressor.decompress(datagram, src, dst, NETWORK.contexts()).orThrow();
      packets.add(new Received(Ipv6Codec.decode(ipv6).orThrow(), secured));
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

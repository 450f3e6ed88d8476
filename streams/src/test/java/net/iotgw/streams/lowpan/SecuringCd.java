package net.iotgw.streams.lowpan;

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
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.sixlowpan.Fragment;
import net.iotgw.protocols.sixlowpan.Fragmenter;
import net.iotgw.protocols.sixlowpan.IphcCompressor;
import net.iotgw.protocols.sixlowpan.IphcDecompressor;
import net.iotgw.protocols.sixlowpan.LinkAddress;
import net.iotgw.protocols.sixlowpan.Reassembler;

/**
 * A CD built from the protocols codecs alone, none of the adaptation's code: IPHC, RFC 4944
 * fragments and 802.15.4 frames, secured with {@link FrameProtection} under its key when asked. It
 * plays the other end of the gateway's enforcement point in the tests, including the forgeries a
 * hostile node would send. Public for the data plane's tests, which need a CD side behind the
 * enforcement point too.
 */
public final class SecuringCd {
  static final Address.Extended GATEWAY = new Address.Extended(Nodes.GW_EUI64);
  static final LinkAddress GATEWAY_LINK = LinkAddress.extended(Nodes.GW_EUI64);

  /** A packet the CD received, and whether every frame of it was secured. */
  public record Received(byte[] packet, boolean secured) {}

  public final long eui64;
  final Address.Extended address;
  final LinkAddress link;
  final SecurityLevel level;
  private LinkKey key;
  private OutgoingFrameCounter counter = OutgoingFrameCounter.initial();
  private ReplayState replay = ReplayState.fresh();
  private Reassembler secured = new Reassembler(4, 8192);
  private Reassembler clear = new Reassembler(4, 8192);
  private int sequence;
  private int tag = 0x700;

  public SecuringCd(long eui64, LinkKey key) {
    this(eui64, key, LowpanConfig.DEFAULT_SECURITY_LEVEL);
  }

  SecuringCd(long eui64, LinkKey key, SecurityLevel level) {
    this.eui64 = eui64;
    this.level = level;
    this.address = new Address.Extended(eui64);
    this.link = LinkAddress.extended(eui64);
    this.key = key;
  }

  /** A 16-octet key whose every octet is {@code b}. */
  public static LinkKey key(int b) {
    byte[] k = new byte[16];
    java.util.Arrays.fill(k, (byte) b);
    return LinkKey.of(k);
  }

  /** Its address in the CD prefix, the IID from its EUI-64 (RFC 4944 §6). */
  public Ipv6Address globalAddress() {
    return Ipv6Address.of(Nodes.PREFIX.address(), LinkResolver.interfaceIdentifierOf(eui64));
  }

  Ipv6Address linkLocalAddress() {
    return Ipv6Address.of(
        Ipv6Address.of("fe80::"), LinkResolver.interfaceIdentifierOf(eui64));
  }

  static Ipv6Address gatewayLinkLocal() {
    return Ipv6Address.of(
        Ipv6Address.of("fe80::"), LinkResolver.interfaceIdentifierOf(Nodes.GW_EUI64));
  }

  /** A PANA-shaped packet, port 716 both sides, from its link-local address to the gateway's. */
  byte[] pana(int payloadLength) {
    byte[] payload = new byte[payloadLength];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (i + 3);
    }
    return Ipv6Codec.encode(
        Ipv6Packets.udp(
            linkLocalAddress(), gatewayLinkLocal(), PanaPackets.PORT, PanaPackets.PORT, payload,
            255));
  }

  /** Starts over under a new key: counter 0, fresh replay state (contract-netentry). */
  void rekey(LinkKey next) {
    key = next;
    counter = OutgoingFrameCounter.initial();
    replay = ReplayState.fresh();
  }

  long nextCounter() {
    return counter.value();
  }

  /** The datagram_tag of the next fragmented datagram. */
  void nextTag(int value) {
    tag = value;
  }

  /** The PSDUs that carry {@code packet} to the gateway, secured or not. */
  public List<byte[]> send(byte[] packet, boolean secure) {
    return send(packet, secure, level);
  }

  List<byte[]> send(byte[] packet, boolean secure, SecurityLevel level) {
    byte[] datagram =
        IphcCompressor.compress(packet, link, GATEWAY_LINK, Nodes.GATEWAY.contexts()).orThrow();
    MacHeader probe = header();
    int room =
        MacFrameCodec.maxPayload(
            secure ? probe.withSecurity(AuxSecurityHeader.implicitKey(level, 0)) : probe);
    List<byte[]> payloads =
        datagram.length <= room
            ? List.of(datagram)
            : Fragmenter.fragment(datagram, tag++ & 0xffff, room);
    List<byte[]> psdus = new ArrayList<>();
    for (byte[] p : payloads) {
      psdus.add(frame(p, secure, level));
    }
    return psdus;
  }

  /** One frame with {@code payload}, secured under the next counter or in clear. */
  byte[] frame(byte[] payload, boolean secure, SecurityLevel level) {
    MacFrame f = new MacFrame(header(), payload);
    if (!secure) {
      return MacFrameCodec.encode(f);
    }
    FrameProtection.Protected p = FrameProtection.protect(f, address, key, counter, level);
    counter = p.counter();
    return p.psdu();
  }

  private MacHeader header() {
    return MacHeader.data(FrameVersion.IEEE_2006, sequence++ & 0xff, Nodes.PAN, GATEWAY, address,
        true);
  }

  /**
   * What a PSDU from the gateway gives this CD: a whole packet, or empty while fragments are
   * pending.
   *
   * @throws AssertionError if the frame is secured and does not verify
   */
  public Optional<Received> receive(byte[] psdu) {
    MacFrame f = MacFrameCodec.decode(psdu, true).orThrow();
    boolean isSecured = f.header().frameControl().securityEnabled();
    byte[] payload = f.payload();
    if (isSecured) {
      Unprotected u =
          FrameProtection.unprotect(
              psdu, true, level, h -> Optional.of(new PeerKey(GATEWAY, key, replay)));
      if (!(u instanceof Unprotected.Accepted a)) {
        throw new AssertionError("the gateway's frame does not verify: " + u);
      }
      replay = a.replay();
      payload = a.payload();
    }
    byte[] datagram = payload;
    if (Fragment.isFragment(payload)) {
      Reassembler r = isSecured ? secured : clear;
      Reassembler.Step s = r.accept(GATEWAY_LINK, link, payload, 0).orThrow();
      if (isSecured) {
        secured = s.reassembler();
      } else {
        clear = s.reassembler();
      }
      if (!(s.outcome() instanceof Reassembler.Complete c)) {
        return Optional.empty();
      }
      datagram = c.datagram();
    }
    byte[] packet =
        IphcDecompressor.decompress(datagram, GATEWAY_LINK, link, Nodes.GATEWAY.contexts())
            .orThrow();
    return Optional.of(new Received(packet, isSecured));
  }
}

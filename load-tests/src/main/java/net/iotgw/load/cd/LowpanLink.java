package net.iotgw.load.cd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ieee802154.FrameType;
import net.iotgw.protocols.ieee802154.FrameVersion;
import net.iotgw.protocols.ieee802154.MacFrame;
import net.iotgw.protocols.ieee802154.MacFrameCodec;
import net.iotgw.protocols.ieee802154.MacHeader;
import net.iotgw.protocols.sixlowpan.Fragment;
import net.iotgw.protocols.sixlowpan.Fragmenter;
import net.iotgw.protocols.sixlowpan.IphcCompressor;
import net.iotgw.protocols.sixlowpan.IphcDecompressor;
import net.iotgw.protocols.sixlowpan.LinkAddress;
import net.iotgw.protocols.sixlowpan.Reassembler;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;

/**
 * A CD's 802.15.4 MAC and 6LoWPAN adaptation: frames in, IPv6 packets out, and back. Inbound it
 * filters as a radio's MAC does (FCS, PAN, destination address; 802.15.4-2015 §6.7.2), reassembles
 * (RFC 4944 §5.3) and decompresses IPHC with context 0 = the CD prefix (RFC 6282). Outbound it
 * compresses, fragments to the 127-octet PHY limit and frames everything for the gateway, the one
 * parent of a single-hop star.
 *
 * <p>Per CD it holds only the MAC sequence number, the datagram tag and the reassembler, which is
 * immutable: every CD starts from one shared empty instance.
 */
final class LowpanLink {
  /** Two datagrams in reassembly, of up to the link MTU of 1280 each (RFC 4944 §4). */
  static final int MAX_REASSEMBLIES = 2;

  static final int MAX_REASSEMBLY_BYTES = 2 * 1280;

  private static final int BROADCAST_PAN = 0xffff;
  private static final Reassembler EMPTY =
      new Reassembler(MAX_REASSEMBLIES, MAX_REASSEMBLY_BYTES);

  private final CdNetwork network;
  private final long eui64;
  private final int shortAddress;
  private int macSequence;
  private int datagramTag;
  private Reassembler reassembler = EMPTY;

  LowpanLink(CdNetwork network, long eui64, int shortAddress) {
    this.network = network;
    this.eui64 = eui64;
    this.shortAddress = shortAddress;
  }

  /**
   * Takes in one PSDU (FCS included) heard at {@code nowMillis}.
   *
   * @return the IPv6 packet it carries or completes; empty if it was a fragment of one still
   *     incomplete or was dropped (counted)
   */
  Optional<byte[]> receive(byte[] psdu, long nowMillis, CdCounters counters) {
    Decoded<MacFrame> decoded = MacFrameCodec.decode(psdu, true);
    if (!(decoded instanceof Decoded.Ok<MacFrame> ok)) {
      DecodeError e = ((Decoded.Failed<MacFrame>) decoded).error();
      return drop(counters, e.kind() == DecodeError.Kind.AUTHENTICATION_FAILED
          ? DropReason.BAD_FCS : DropReason.MALFORMED_FRAME);
    }
    MacHeader h = ok.value().header();
    if (h.frameControl().frameType() != FrameType.DATA) {
      return drop(counters, DropReason.NOT_DATA_FRAME);
    }
    if (h.destinationPanId().isPresent()
        && h.destinationPanId().getAsInt() != network.panId()
        && h.destinationPanId().getAsInt() != BROADCAST_PAN) {
      return drop(counters, DropReason.OTHER_PAN);
    }
    if (!isForMe(h.destination())) {
      return drop(counters, DropReason.OTHER_DESTINATION);
    }
    if (h.security().isPresent()) {
      return drop(counters, DropReason.SECURED_FRAME);
    }
    Optional<LinkAddress> source = linkAddress(h.source(), h.effectiveSourcePanId());
    if (source.isEmpty()) {
      // 6LoWPAN needs the sender's link address for elided IIDs and fragment keys.
      return drop(counters, DropReason.MALFORMED_FRAME);
    }
    LinkAddress destination = linkAddress(h.destination(), h.destinationPanId()).orElseThrow();
    byte[] payload = ok.value().payload();
    if (Fragment.isFragment(payload)) {
      return reassemble(source.get(), destination, payload, nowMillis, counters);
    }
    return decompress(payload, source.get(), destination, counters);
  }

  private Optional<byte[]> reassemble(
      LinkAddress source, LinkAddress destination, byte[] payload, long now, CdCounters counters) {
    Reassembler current = reassembler.expire(now);
    counters.drops(DropReason.REASSEMBLY_TIMEOUT,
        reassembler.inProgress() - current.inProgress());
    Decoded<Reassembler.Step> step = current.accept(source, destination, payload, now);
    if (!(step instanceof Decoded.Ok<Reassembler.Step> ok)) {
      reassembler = current;
      return drop(counters, DropReason.MALFORMED_6LOWPAN);
    }
    reassembler = ok.value().reassembler();
    Reassembler.Outcome outcome = ok.value().outcome();
    if (outcome instanceof Reassembler.Complete c) {
      return decompress(c.datagram(), source, destination, counters);
    }
    if (outcome instanceof Reassembler.Pending) {
      return Optional.empty();
    }
    // Dropped, or Restarted: what was held did not agree with this fragment (RFC 4944 §5.3).
    return drop(counters, DropReason.FRAGMENT_REFUSED);
  }

  private Optional<byte[]> decompress(
      byte[] datagram, LinkAddress source, LinkAddress destination, CdCounters counters) {
    Decoded<byte[]> packet =
        IphcDecompressor.decompress(datagram, source, destination, network.contexts());
    if (packet instanceof Decoded.Ok<byte[]> ok) {
      return Optional.of(ok.value());
    }
    return drop(counters, DropReason.MALFORMED_6LOWPAN);
  }

  /**
   * The frames that carry {@code ipv6Packet} to the gateway: IPHC-compressed from this CD's
   * extended address, fragmented if it does not fit one frame, each with the next MAC sequence
   * number and the acknowledgment request a unicast data frame carries.
   */
  List<byte[]> send(byte[] ipv6Packet, CdCounters counters) {
    LinkAddress.Extended self = new LinkAddress.Extended(eui64);
    byte[] datagram = IphcCompressor.compress(
        ipv6Packet, self, network.gatewayLinkAddress(), network.contexts()).orThrow();
    int room = MacFrameCodec.maxPayload(header(0));
    List<byte[]> payloads = Fragmenter.fragment(datagram, datagramTag, room);
    if (payloads.size() > 1) {
      datagramTag = (datagramTag + 1) & 0xffff;
    }
    List<byte[]> psdus = new ArrayList<>(payloads.size());
    for (byte[] p : payloads) {
      byte[] psdu = MacFrameCodec.encode(new MacFrame(header(macSequence), p));
      macSequence = (macSequence + 1) & 0xff;
      counters.sent(psdu.length);
      psdus.add(psdu);
    }
    return psdus;
  }

  private MacHeader header(int sequence) {
    return MacHeader.data(FrameVersion.IEEE_2006, sequence, network.panId(),
        new Address.Extended(network.gatewayEui64()), new Address.Extended(eui64), true);
  }

  private boolean isForMe(Address destination) {
    if (destination instanceof Address.Extended e) {
      return e.value() == eui64;
    }
    if (destination instanceof Address.Short s) {
      return s.isBroadcast() || (hasShortAddress() && s.value() == shortAddress);
    }
    // No destination address: only a PAN coordinator takes such a frame (802.15.4-2015 §6.7.2).
    return false;
  }

  private boolean hasShortAddress() {
    return shortAddress < SimulatedCd.NO_SHORT_ADDRESS;
  }

  /** The 6LoWPAN view of a MAC address: a short one is qualified by its PAN. */
  private Optional<LinkAddress> linkAddress(Address a, OptionalInt panId) {
    if (a instanceof Address.Extended e) {
      return Optional.of(new LinkAddress.Extended(e.value()));
    }
    if (a instanceof Address.Short s) {
      return Optional.of(new LinkAddress.Short(panId.orElse(network.panId()), s.value()));
    }
    return Optional.empty();
  }

  private static Optional<byte[]> drop(CdCounters counters, DropReason reason) {
    counters.drop(reason);
    return Optional.empty();
  }
}

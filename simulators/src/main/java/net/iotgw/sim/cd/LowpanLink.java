package net.iotgw.sim.cd;

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
import net.iotgw.protocols.ieee802154.security.Unprotected;
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
 * <p>Link security (802.15.4-2006 §7.5.8), when the caller passes its {@link LinkSecurity}: a
 * secured frame is verified and decrypted before 6LoWPAN sees it, and its fragments reassemble
 * apart from those of unsecured frames, so a datagram is either wholly secured or not at all; a
 * datagram sent secured is fragmented to the room its frames have left after the auxiliary
 * security header and the MIC.
 *
 * <p>Per CD it holds only the MAC sequence number, the datagram tag and the reassemblers, which
 * are immutable: every CD starts from one shared empty instance.
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
  private Reassembler securedReassembler = EMPTY;
  /** The key the secured fragments held were verified under: a new key starts afresh. */
  private LinkSecurity reassemblyKey;

  /** An IPv6 packet the link delivered, and whether every frame of it was verified. */
  record Inbound(byte[] packet, boolean secured) {}

  LowpanLink(CdNetwork network, long eui64, int shortAddress) {
    this.network = network;
    this.eui64 = eui64;
    this.shortAddress = shortAddress;
  }

  /**
   * Takes in one PSDU (FCS included) heard at {@code nowMillis}.
   *
   * @param security the key to verify secured frames with; null drops them all
   * @return the IPv6 packet it carries or completes; empty if it was a fragment of one still
   *     incomplete or was dropped (counted)
   */
  Optional<Inbound> receive(
      byte[] psdu, long nowMillis, CdCounters counters, LinkSecurity security) {
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
    Optional<LinkAddress> source = linkAddress(h.source(), h.effectiveSourcePanId());
    if (source.isEmpty()) {
      // 6LoWPAN needs the sender's link address for elided IIDs and fragment keys.
      return drop(counters, DropReason.MALFORMED_FRAME);
    }
    byte[] payload = ok.value().payload();
    boolean secured = h.security().isPresent();
    if (secured) {
      if (security == null) {
        return drop(counters, DropReason.SECURED_FRAME);
      }
      Unprotected u = security.unprotect(psdu);
      // CCM* runs once the sender, level and counter passed (802.15.4-2006 §7.5.8.2.3).
      if (u instanceof Unprotected.Accepted
          || (u instanceof Unprotected.Rejected r && r.reason() == Unprotected.Reason.BAD_MIC)) {
        counters.crypto(CryptoOperation.AEAD_OPEN);
      }
      if (u instanceof Unprotected.Rejected r) {
        return drop(counters, r.reason() == Unprotected.Reason.REPLAYED
            ? DropReason.REPLAYED_FRAME : DropReason.UNVERIFIED_FRAME);
      }
      payload = ((Unprotected.Accepted) u).payload();
      counters.securedReceived();
    }
    LinkAddress destination = linkAddress(h.destination(), h.destinationPanId()).orElseThrow();
    if (Fragment.isFragment(payload)) {
      return reassemble(
          source.get(), destination, payload, secured, security, nowMillis, counters);
    }
    return decompress(payload, source.get(), destination, secured, counters);
  }

  private Optional<Inbound> reassemble(LinkAddress source, LinkAddress destination,
      byte[] payload, boolean secured, LinkSecurity security, long now, CdCounters counters) {
    if (secured && security != reassemblyKey) {
      securedReassembler = EMPTY;
      reassemblyKey = security;
    }
    Reassembler held = secured ? securedReassembler : reassembler;
    Reassembler current = held.expire(now);
    counters.drops(DropReason.REASSEMBLY_TIMEOUT, held.inProgress() - current.inProgress());
    Decoded<Reassembler.Step> step = current.accept(source, destination, payload, now);
    Reassembler next = step instanceof Decoded.Ok<Reassembler.Step> ok
        ? ok.value().reassembler() : current;
    if (secured) {
      securedReassembler = next;
    } else {
      reassembler = next;
    }
    if (!(step instanceof Decoded.Ok<Reassembler.Step> ok)) {
      return drop(counters, DropReason.MALFORMED_6LOWPAN);
    }
    Reassembler.Outcome outcome = ok.value().outcome();
    if (outcome instanceof Reassembler.Complete c) {
      return decompress(c.datagram(), source, destination, secured, counters);
    }
    if (outcome instanceof Reassembler.Pending) {
      return Optional.empty();
    }
    // Dropped, or Restarted: what was held did not agree with this fragment (RFC 4944 §5.3).
    return drop(counters, DropReason.FRAGMENT_REFUSED);
  }

  private Optional<Inbound> decompress(byte[] datagram, LinkAddress source,
      LinkAddress destination, boolean secured, CdCounters counters) {
    Decoded<byte[]> packet =
        IphcDecompressor.decompress(datagram, source, destination, network.contexts());
    if (packet instanceof Decoded.Ok<byte[]> ok) {
      return Optional.of(new Inbound(ok.value(), secured));
    }
    return drop(counters, DropReason.MALFORMED_6LOWPAN);
  }

  /**
   * The frames that carry {@code ipv6Packet} to the gateway: IPHC-compressed from this CD's
   * extended address, fragmented if it does not fit one frame, each with the next MAC sequence
   * number and the acknowledgment request a unicast data frame carries.
   *
   * @param security secures every frame with the next frame counters; null sends them unsecured
   * @return the PSDUs; empty, counted, if the key's counter could not cover them all
   */
  List<byte[]> send(byte[] ipv6Packet, CdCounters counters, LinkSecurity security) {
    LinkAddress.Extended self = new LinkAddress.Extended(eui64);
    byte[] datagram = IphcCompressor.compress(
        ipv6Packet, self, network.gatewayLinkAddress(), network.contexts()).orThrow();
    MacHeader probe = security == null ? header(0) : security.securedHeader(header(0));
    List<byte[]> payloads =
        Fragmenter.fragment(datagram, datagramTag, MacFrameCodec.maxPayload(probe));
    if (security != null && !security.canProtect(payloads.size())) {
      // 802.15.4-2006 §7.5.8.2.1: no frame under an exhausted counter; a new key must come first.
      counters.drop(DropReason.COUNTER_EXHAUSTED);
      return List.of();
    }
    if (payloads.size() > 1) {
      datagramTag = (datagramTag + 1) & 0xffff;
    }
    List<byte[]> psdus = new ArrayList<>(payloads.size());
    for (byte[] p : payloads) {
      MacFrame frame = new MacFrame(header(macSequence), p);
      byte[] psdu = security == null ? MacFrameCodec.encode(frame) : security.protect(frame);
      if (security != null) {
        counters.crypto(CryptoOperation.AEAD_SEAL);
      }
      macSequence = (macSequence + 1) & 0xff;
      counters.sent(psdu.length, security != null);
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

  private static Optional<Inbound> drop(CdCounters counters, DropReason reason) {
    counters.drop(reason);
    return Optional.empty();
  }
}

package net.iotgw.streams.lowpan;

import java.util.Objects;
import java.util.Optional;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.sixlowpan.ContextTable;
import net.iotgw.protocols.sixlowpan.IphcCompressor;
import net.iotgw.protocols.sixlowpan.IphcDecompressor;
import net.iotgw.protocols.sixlowpan.LinkAddress;
import net.iotgw.protocols.wire.Decoded;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The top layer: IPv6 packets to and from 6LoWPAN datagrams (RFC 6282). Outbound it picks the
 * frame's link addresses, ours as source and the {@link LinkResolver}'s answer as destination,
 * because IPHC elides interface identifiers that those addresses already carry; inbound it
 * decompresses with the addresses the datagram arrived with. It is also where the packet and its
 * link addresses meet, so it applies the enforcement point's {@link AdmissionRule}: outbound it
 * marks the datagrams whose frames must be secured (or drops them), inbound it drops what may not
 * pass, given whether every frame arrived secured.
 *
 * <pre>
 *   IPv6 packet ──► admission, compress ──► LowpanDatagram (secured?)
 *   IPv6 packet ◄── decompress, admission ◄── LowpanDatagram (secured?)
 * </pre>
 */
public final class IphcLayer {
  /** RFC 4944 §4: the IPv6 MTU of an 802.15.4 link. */
  public static final int LINK_MTU = 1280;

  private static final Logger log = LoggerFactory.getLogger(IphcLayer.class);
  private static final int IPV6_HEADER = 40;
  private static final int DESTINATION_OFFSET = 24;

  private final LowpanConfig config;
  private final LinkResolver resolver;
  private final LowpanCounters counters;
  private final AdmissionRule admission;
  private final ContextTable contexts;
  private final LinkAddress ourLinkAddress;

  public IphcLayer(
      LowpanConfig config, LinkKeyTable keys, LinkResolver resolver, LowpanCounters counters) {
    this.config = Objects.requireNonNull(config, "config");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.counters = Objects.requireNonNull(counters, "counters");
    this.admission = new AdmissionRule(config, keys);
    this.contexts = config.contexts();
    this.ourLinkAddress = LinkAddress.extended(config.ourExtendedAddress());
  }

  public BidiFlow<byte[], LowpanDatagram, LowpanDatagram, byte[], NotUsed> bidi() {
    return BidiFlow.fromFlows(
        Flow.of(byte[].class).mapOption(this::compress).named("iphc-compress"),
        Flow.of(LowpanDatagram.class).mapOption(this::decompress).named("iphc-decompress"));
  }

  /** The datagram for an IPv6 packet, or empty (counted) if it cannot go on this link. */
  Optional<LowpanDatagram> compress(byte[] packet) {
    if (packet.length > LINK_MTU) {
      return drop(LowpanDrop.OVER_MTU, packet.length + " bytes");
    }
    if (packet.length < IPV6_HEADER) {
      return drop(LowpanDrop.NOT_IPV6, "shorter than an IPv6 header");
    }
    Ipv6Address dst = Ipv6Address.fromBytes(packet, DESTINATION_OFFSET);
    Optional<Address> next = resolver.resolve(dst);
    if (next.isEmpty()) {
      return drop(LowpanDrop.NO_LINK_ADDRESS, dst);
    }
    LinkAddress linkDst = LinkAddresses.toLowpan(next.get(), config.panId());
    Decoded<byte[]> d = IphcCompressor.compress(packet, ourLinkAddress, linkDst, contexts);
    if (d instanceof Decoded.Failed<byte[]> f) {
      return drop(LowpanDrop.NOT_IPV6, f.error());
    }
    boolean secured = admission.securesOutbound(packet);
    if (secured) {
      Optional<LowpanDrop> refused = admission.refusesSecuredTo(linkDst);
      if (refused.isPresent()) {
        return drop(refused.get(), linkDst);
      }
    }
    counters.packetSent();
    return Optional.of(new LowpanDatagram(ourLinkAddress, linkDst, d.orThrow(), secured));
  }

  /**
   * The IPv6 packet a datagram carries, or empty (counted) if it does not decompress or may not
   * pass the enforcement point.
   */
  Optional<byte[]> decompress(LowpanDatagram d) {
    Decoded<byte[]> decoded =
        IphcDecompressor.decompress(d.datagram(), d.source(), d.destination(), contexts);
    if (decoded instanceof Decoded.Failed<byte[]> f) {
      return drop(LowpanDrop.MALFORMED_DATAGRAM, f.error());
    }
    byte[] packet = decoded.orThrow();
    Optional<LowpanDrop> refused = admission.refusesInbound(packet, d.source(), d.secured());
    if (refused.isPresent()) {
      return drop(refused.get(), d);
    }
    counters.packetReceived();
    return Optional.of(packet);
  }

  private <T> Optional<T> drop(LowpanDrop reason, Object why) {
    counters.drop(reason);
    log.debug("dropped {}: {}", reason, why);
    return Optional.empty();
  }
}

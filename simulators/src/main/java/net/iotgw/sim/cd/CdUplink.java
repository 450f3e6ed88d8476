package net.iotgw.sim.cd;

import java.util.ArrayList;
import java.util.List;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Packets;

/**
 * What a CD puts on its link, by the network-entry contract: its PaC's PANA messages unsecured,
 * from fe80::IID port 716 to the gateway's (RFC 5191 §6); every other datagram secured once the
 * CD is admitted and withheld before, unless the CD forges on purpose ({@link Forgery}). A CD
 * without credentials has no link security at all.
 */
final class CdUplink {
  private final CdNetwork network;
  private final long eui64;
  private final LowpanLink link;
  private final CdCounters counters;
  /** Null for a CD without credentials. */
  private final NetworkEntry entry;

  CdUplink(CdNetwork network, long eui64, LowpanLink link, CdCounters counters,
      NetworkEntry entry) {
    this.network = network;
    this.eui64 = eui64;
    this.link = link;
    this.counters = counters;
    this.entry = entry;
  }

  /**
   * A datagram by the rules of the link: secured once admitted, before that withheld (counted
   * {@link DropReason#NOT_ADMITTED}) unless the CD forges. Only the PaC's own messages go
   * unsecured: a CoAP answer to a source port 716 is data like any other.
   *
   * @return the PSDUs, at most 127 octets each
   */
  List<byte[]> send(Ipv6Packet packet) {
    byte[] bytes = Ipv6Codec.encode(packet);
    if (entry == null) {
      return link.send(bytes, counters, null);
    }
    LinkSecurity security = entry.security();
    if (security != null) {
      return link.send(bytes, counters, security);
    }
    List<byte[]> forged = switch (entry.settings().forgery()) {
      case NONE -> List.of();
      case UNSECURED -> link.send(bytes, counters, null);
      case WRONG_KEY -> link.send(bytes, counters, entry.madeUpSecurity());
    };
    if (entry.settings().forgery() == Forgery.NONE) {
      counters.drop(DropReason.NOT_ADMITTED);
    }
    counters.forged(forged.size());
    return forged;
  }

  List<byte[]> sendAll(List<Ipv6Packet> packets) {
    List<byte[]> out = new ArrayList<>();
    packets.forEach(p -> out.addAll(send(p)));
    return out;
  }

  /** PANA messages from fe80::IID port 716 to the gateway's fe80::IID port 716, unsecured. */
  List<byte[]> pana(List<byte[]> messages) {
    List<byte[]> out = new ArrayList<>();
    for (byte[] m : messages) {
      out.addAll(link.send(Ipv6Codec.encode(Ipv6Packets.udp(CdNetwork.linkLocalAddress(eui64),
          network.gatewayLinkLocalAddress(), SimulatedCd.PANA_PORT, SimulatedCd.PANA_PORT, m,
          Ipv6Packets.DEFAULT_HOP_LIMIT)), counters, null));
    }
    return out;
  }
}

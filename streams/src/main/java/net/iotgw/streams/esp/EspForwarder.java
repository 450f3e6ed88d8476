package net.iotgw.streams.esp;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import net.iotgw.protocols.esp.EspHeader;
import net.iotgw.protocols.esp.UdpEncapsulation;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Prefix;
import net.iotgw.protocols.ipv6.UdpCodec;
import net.iotgw.protocols.ipv6.UdpDatagram;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.streams.esp.EspForwardingTable.Entry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-packet decisions of the ESP forwarder (ARCHITECTURE, "Data plane"): ESP passes between
 * UD and CD without being opened, only its outer headers change. "ESP-in-UDP/4500 from the UD
 * becomes raw ESP over 6LoWPAN to the CD, and back." The mode (tunnel, transport) is inside the
 * encryption and does not matter here.
 *
 * <p>From the UCN, for a destination in the CD prefix, with UDP or ESP right after the fixed IPv6
 * header:
 *
 * <ul>
 *   <li>UDP to port 500: IKE, to the IKE port ({@link ToIke}).
 *   <li>UDP to port 4500 (RFC 3948 §2): behind the non-ESP marker, IKE, to the IKE port, marker
 *       stripped; a NAT-keepalive, dropped; otherwise ESP: by its SPI to a route ({@link
 *       EspForwardingTable#forDownlink}) for that CD from that UD, the UDP header stripped, IPv6
 *       Next Header 50, same source and destination ({@link ToCd}).
 *   <li>Raw ESP (Next Header 50) with a route: unchanged.
 *   <li>ESP without a route: dropped ({@link EspDrop#NO_ROUTE_FROM_UD}).
 * </ul>
 *
 * Everything else passes unchanged ({@link ToCd}). All of this only for a CD whose IKE the
 * gateway answers ({@link EspForwardingTable#ikeOffload()}): a CD without an IKE profile runs
 * IKEv2 and ESP itself, so its IKE, ESP in UDP and raw ESP pass unchanged both ways, like any
 * other traffic ({@link ToCd}, {@link ToUcn}). From the radio, raw ESP goes to the UD of its
 * route ({@link EspForwardingTable#forUplink}): rewrapped in UDP from the CD's address and the
 * route's gateway port to the UD's port, the checksum computed (RFC 3948 §2.1 lets IPv4 send 0,
 * IPv6 never, RFC 8200 §8.1), or unchanged for a raw route; ESP without a route never reaches the
 * UCN. Everything else passes unchanged ({@link ToUcn}).
 *
 * <p>A rewrapped packet keeps the traffic class and flow label, and leaves with the hop limit one
 * less: the gateway is a hop of the ESP path (RFC 8200 §3), and at hop limit 1 it is dropped. A
 * packet forwarded unchanged keeps its hop limit, as does everything else through the data plane
 * (the kernel that routed it to or from the TUN counted that hop).
 *
 * <p>Only the fixed header is looked at: UDP or ESP behind an extension header passes as other
 * traffic. Stateless besides the counters: safe from any thread, total on any input.
 */
public final class EspForwarder {
  private static final Logger log = LoggerFactory.getLogger(EspForwarder.class);

  private static final int ESP = 50;
  private static final int SOURCE_OFFSET = 8;
  private static final int DESTINATION_OFFSET = 24;
  private static final int NEXT_HEADER_OFFSET = 6;
  private static final int DESTINATION_PORT_OFFSET = Ipv6Packet.HEADER_LENGTH + 2;

  /** What becomes of a packet from the UCN. */
  public sealed interface Downlink {}

  /** What becomes of a packet from the radio. */
  public sealed interface Uplink {}

  /** An IPv6 packet for the 6LoWPAN side. */
  public record ToCd(byte[] packet) implements Downlink {}

  /** An IKE message for the control plane. */
  public record ToIke(IkeDatagram datagram) implements Downlink {}

  /** An IPv6 packet for the UCN. */
  public record ToUcn(byte[] packet) implements Uplink {}

  /** Dropped, and counted. */
  public record Dropped(EspDrop reason) implements Downlink, Uplink {}

  private static final Dropped[] DROPPED = new Dropped[EspDrop.values().length];

  static {
    for (EspDrop d : EspDrop.values()) {
      DROPPED[d.ordinal()] = new Dropped(d);
    }
  }

  private final EspForwardingTable table;
  private final Ipv6Prefix cdPrefix;
  private final EspCounters counters;

  /**
   * @param table the routes, which the actors keep current
   * @param cdPrefix the CDs' addresses: IKE and ESP to any other address is not the gateway's
   * @param counters where forwarded and dropped packets are counted
   */
  public EspForwarder(EspForwardingTable table, Ipv6Prefix cdPrefix, EspCounters counters) {
    this.table = Objects.requireNonNull(table, "table");
    this.cdPrefix = Objects.requireNonNull(cdPrefix, "cdPrefix");
    this.counters = Objects.requireNonNull(counters, "counters");
  }

  public EspCounters counters() {
    return counters;
  }

  /** A packet read from the UCN port. */
  public Downlink fromUcn(byte[] packet) {
    if (!isIpv6(packet)) {
      return new ToCd(packet);
    }
    Ipv6Address dst = Ipv6Address.fromBytes(packet, DESTINATION_OFFSET);
    if (!cdPrefix.contains(dst)) {
      return new ToCd(packet);
    }
    int nextHeader = packet[NEXT_HEADER_OFFSET] & 0xff;
    boolean ipsec = nextHeader == ESP;
    int port = 0;
    if (nextHeader == UdpDatagram.PROTOCOL
        && packet.length >= Ipv6Packet.HEADER_LENGTH + UdpDatagram.HEADER_LENGTH) {
      port = u16(packet, DESTINATION_PORT_OFFSET);
      ipsec = port == IkeDatagram.IKE_PORT || port == UdpEncapsulation.PORT;
    }
    if (!ipsec) {
      return new ToCd(packet);
    }
    if (!table.ikeOffload().isOffloaded(dst)) {
      counters.passedToCd();
      return new ToCd(packet);
    }
    return nextHeader == ESP ? rawToCd(packet, dst) : udpToCd(packet, port);
  }

  /** A packet the adaptation handed up from the radio. */
  public Uplink fromRadio(byte[] packet) {
    if (!isIpv6(packet) || (packet[NEXT_HEADER_OFFSET] & 0xff) != ESP) {
      return new ToUcn(packet);
    }
    Ipv6Address src = Ipv6Address.fromBytes(packet, SOURCE_OFFSET);
    if (!table.ikeOffload().isOffloaded(src)) {
      counters.passedToUd();
      return new ToUcn(packet);
    }
    if (!(EspHeader.decode(packet, Ipv6Packet.HEADER_LENGTH) instanceof Decoded.Ok<EspHeader> h)) {
      return drop(EspDrop.MALFORMED, () -> "ESP from a CD shorter than its header");
    }
    Ipv6Address dst = Ipv6Address.fromBytes(packet, DESTINATION_OFFSET);
    int spi = h.value().spi();
    Entry e = table.forUplink(src, dst, spi).orElse(null);
    if (e == null) {
      return drop(EspDrop.NO_ROUTE_FROM_CD, () -> spiText(spi) + " from " + src + " to " + dst);
    }
    EspRoute r = e.route();
    if (!r.udpEncapsulated()) {
      return forwardedToUd(e, packet.length - Ipv6Packet.HEADER_LENGTH, packet);
    }
    if (!(Ipv6Codec.decode(packet) instanceof Decoded.Ok<Ipv6Packet> decoded)) {
      return drop(EspDrop.MALFORMED, () -> "ESP from " + src + ": IPv6 lengths");
    }
    Ipv6Packet ip = decoded.value();
    byte[] esp = ip.payload();
    if (esp.length > 0xffff - UdpDatagram.HEADER_LENGTH) {
      return drop(
          EspDrop.MALFORMED, () -> "ESP of " + esp.length + " octets does not fit UDP");
    }
    if (ip.hopLimit() <= 1) {
      return drop(EspDrop.HOP_LIMIT_EXCEEDED, () -> spiText(spi) + " from " + src);
    }
    UdpDatagram udp = new UdpDatagram(r.gatewayPort(), r.udPort(), esp);
    byte[] segment = UdpCodec.encode(src, r.udAddress(), udp);
    Ipv6Packet out =
        new Ipv6Packet(
            ip.trafficClass(),
            ip.flowLabel(),
            ip.hopLimit() - 1,
            src,
            r.udAddress(),
            List.of(),
            UdpDatagram.PROTOCOL,
            segment);
    return forwardedToUd(e, esp.length, Ipv6Codec.encode(out));
  }

  /** Raw ESP from a UD: forwarded unchanged to a CD it has a route to. */
  private Downlink rawToCd(byte[] packet, Ipv6Address dst) {
    if (!(EspHeader.decode(packet, Ipv6Packet.HEADER_LENGTH) instanceof Decoded.Ok<EspHeader> h)) {
      return drop(EspDrop.MALFORMED, () -> "ESP to " + dst + " shorter than its header");
    }
    Ipv6Address src = Ipv6Address.fromBytes(packet, SOURCE_OFFSET);
    int spi = h.value().spi();
    Entry e = table.forDownlink(spi).orElse(null);
    EspDrop refused = refusesDownlink(e, src, dst);
    if (refused != null) {
      return drop(refused, () -> spiText(spi) + " from " + src + " to " + dst);
    }
    return forwardedToCd(e, packet.length - Ipv6Packet.HEADER_LENGTH, packet);
  }

  /** UDP to port 500 or 4500 of a CD: IKE, ESP in UDP or a keepalive (RFC 3948 §2). */
  private Downlink udpToCd(byte[] packet, int port) {
    if (!(Ipv6Codec.decode(packet) instanceof Decoded.Ok<Ipv6Packet> decoded)) {
      return drop(EspDrop.MALFORMED, () -> "UDP to port " + port + ": IPv6 lengths");
    }
    Ipv6Packet ip = decoded.value();
    if (!(UdpCodec.decode(ip) instanceof Decoded.Ok<UdpDatagram> u)) {
      return drop(EspDrop.MALFORMED, () -> "UDP to " + ip.destination() + " port " + port);
    }
    UdpDatagram udp = u.value();
    if (port == IkeDatagram.IKE_PORT) {
      return toIke(ip, udp, udp.payload());
    }
    Decoded<UdpEncapsulation.Datagram> nat = UdpEncapsulation.decode(udp.payload());
    if (!(nat instanceof Decoded.Ok<UdpEncapsulation.Datagram> ok)) {
      return drop(EspDrop.MALFORMED, () -> "port 4500 from " + ip.source() + ": " + nat);
    }
    UdpEncapsulation.Datagram d = ok.value();
    if (d instanceof UdpEncapsulation.Ike ike) {
      return toIke(ip, udp, ike.message());
    }
    if (d instanceof UdpEncapsulation.Keepalive) {
      return drop(EspDrop.KEEPALIVE, () -> "from " + ip.source());
    }
    return decapsulated(ip, (UdpEncapsulation.Esp) d);
  }

  private Downlink toIke(Ipv6Packet ip, UdpDatagram udp, byte[] message) {
    if (udp.sourcePort() == 0 || message.length == 0) {
      return drop(
          EspDrop.MALFORMED, () -> "IKE from " + ip.source() + " port " + udp.sourcePort());
    }
    return new ToIke(
        new IkeDatagram(
            ip.source(), udp.sourcePort(), ip.destination(), udp.destinationPort(), message));
  }

  /** RFC 3948 §3.2 (decapsulation): the UDP header goes, the ESP packet stays as it is. */
  private Downlink decapsulated(Ipv6Packet ip, UdpEncapsulation.Esp esp) {
    Entry e = table.forDownlink(esp.spi()).orElse(null);
    EspDrop refused = refusesDownlink(e, ip.source(), ip.destination());
    if (refused != null) {
      return drop(refused, () -> spiText(esp.spi()) + " from " + ip.source() + " to "
          + ip.destination());
    }
    if (ip.hopLimit() <= 1) {
      return drop(
          EspDrop.HOP_LIMIT_EXCEEDED, () -> spiText(esp.spi()) + " to " + ip.destination());
    }
    Ipv6Packet out =
        new Ipv6Packet(
            ip.trafficClass(),
            ip.flowLabel(),
            ip.hopLimit() - 1,
            ip.source(),
            ip.destination(),
            List.of(),
            ESP,
            esp.packet());
    return forwardedToCd(e, esp.packet().length, Ipv6Codec.encode(out));
  }

  /**
   * Why ESP from {@code src} to {@code dst} may not take the route {@code e} found for its SPI,
   * or null if it may: the route must be to that CD, from that UD.
   */
  private static EspDrop refusesDownlink(Entry e, Ipv6Address src, Ipv6Address dst) {
    if (e == null || !e.route().cdAddress().equals(dst)) {
      return EspDrop.NO_ROUTE_FROM_UD;
    }
    return e.route().udAddress().equals(src) ? null : EspDrop.WRONG_PEER;
  }

  private ToCd forwardedToCd(Entry e, int espOctets, byte[] packet) {
    e.counters().downlink(espOctets);
    counters.forwardedToCd();
    return new ToCd(packet);
  }

  private ToUcn forwardedToUd(Entry e, int espOctets, byte[] packet) {
    e.counters().uplink(espOctets);
    counters.forwardedToUd();
    return new ToUcn(packet);
  }

  /** Counts the drop; {@code detail} is only built for a debug log. */
  private Dropped drop(EspDrop reason, Supplier<String> detail) {
    counters.drop(reason);
    if (log.isDebugEnabled()) {
      log.debug("dropped {}: {}", reason, detail.get());
    }
    return DROPPED[reason.ordinal()];
  }

  private static boolean isIpv6(byte[] packet) {
    return packet.length >= Ipv6Packet.HEADER_LENGTH && (packet[0] & 0xf0) == 0x60;
  }

  private static int u16(byte[] b, int off) {
    return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
  }

  private static String spiText(int spi) {
    return "SPI " + String.format("%08x", spi);
  }
}

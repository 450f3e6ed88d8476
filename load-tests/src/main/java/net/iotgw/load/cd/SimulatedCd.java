package net.iotgw.load.cd;

import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ipv6.DestinationUnreachableCode;
import net.iotgw.protocols.ipv6.IcmpV6Codec;
import net.iotgw.protocols.ipv6.IcmpV6Message;
import net.iotgw.protocols.ipv6.IcmpV6Type;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.ipv6.UdpCodec;
import net.iotgw.protocols.ipv6.UdpDatagram;
import net.iotgw.protocols.sixlowpan.LinkAddress;
import net.iotgw.protocols.wire.Decoded;

/**
 * A simulated constrained device: an 802.15.4 node with an EUI-64, 6LoWPAN, IPv6, an ICMPv6 echo
 * responder and a CoAP server on port 5683 ({@code /sensors/temperature}, {@code
 * /sensors/humidity}, {@code /.well-known/core}).
 *
 * <p>Pure and single-threaded: {@link #onFrame} takes a PSDU the radio heard and the time, and
 * returns the PSDUs the CD transmits in reply; no threads, sockets or clocks. A host (the dongle
 * emulator's radio medium) calls it from one thread at a time. A CD holds a few hundred bytes of
 * its own; what a PAN shares is in one {@link CdNetwork}.
 *
 * <p>Its addresses: the CD prefix or fe80::/64 with the interface identifier of its EUI-64 (RFC
 * 4944 §6), and with a short address also those of RFC 6282 §3.2.2. Everything it sends goes to
 * the gateway's extended address: in a single-hop star the gateway is every CD's only neighbour.
 * It sends no immediate acknowledgments: a medium that models them can build one from the frame's
 * AR bit and sequence number ({@code MacHeader.ack}).
 */
public final class SimulatedCd {
  /** macShortAddress 0xfffe: the device uses its extended address (802.15.4-2006 §7.4.2). */
  public static final int NO_SHORT_ADDRESS = 0xfffe;

  /** RFC 4443 §2.4(f): ICMPv6 errors are rate-limited; one a second per CD is plenty. */
  static final long ERROR_INTERVAL_MILLIS = 1_000;

  private final CdNetwork network;
  private final long eui64;
  private final int shortAddress;
  private final LowpanLink link;
  private final CdCoapServer coap;
  private final CdCounters counters = new CdCounters();
  private long lastErrorAt = Long.MIN_VALUE;

  /** A CD reached by its extended address only. */
  public SimulatedCd(CdNetwork network, long eui64) {
    this(network, eui64, NO_SHORT_ADDRESS);
  }

  /**
   * @param shortAddress 0..0xfffd, or {@link #NO_SHORT_ADDRESS}
   */
  public SimulatedCd(CdNetwork network, long eui64, int shortAddress) {
    if (shortAddress < 0 || shortAddress > NO_SHORT_ADDRESS) {
      throw new IllegalArgumentException("short address 0..0xfffd or 0xfffe, got " + shortAddress);
    }
    this.network = network;
    this.eui64 = eui64;
    this.shortAddress = shortAddress;
    this.link = new LowpanLink(network, eui64, shortAddress);
    this.coap = new CdCoapServer(eui64);
  }

  /**
   * Takes in one frame the radio heard and returns the frames the CD sends in response, in order.
   *
   * @param psduWithFcs the PSDU, its 2-octet FCS included
   * @param nowMillis the time, for the reassembly timeout, CoAP deduplication and readings
   * @return PSDUs with FCS, each at most 127 octets; empty for a frame that is not for this CD,
   *     completes nothing or needs no answer
   */
  public List<byte[]> onFrame(byte[] psduWithFcs, long nowMillis) {
    counters.received(psduWithFcs.length);
    Optional<byte[]> packet = link.receive(psduWithFcs, nowMillis, counters);
    if (packet.isEmpty()) {
      return List.of();
    }
    Optional<Ipv6Packet> reply = answer(packet.get(), nowMillis);
    if (reply.isEmpty()) {
      return List.of();
    }
    return link.send(Ipv6Codec.encode(reply.get()), counters);
  }

  private Optional<Ipv6Packet> answer(byte[] bytes, long nowMillis) {
    Decoded<Ipv6Packet> decoded = Ipv6Codec.decode(bytes);
    if (!(decoded instanceof Decoded.Ok<Ipv6Packet> ok)) {
      return drop(DropReason.MALFORMED_IPV6);
    }
    Ipv6Packet p = ok.value();
    if (!isOwnAddress(p.destination())) {
      return drop(DropReason.OTHER_IPV6_DESTINATION);
    }
    if (p.fragmentHeader().isPresent()) {
      // 6LoWPAN carries up to 1280 octets unfragmented at the IP layer (RFC 4944 §4).
      return drop(DropReason.UNSUPPORTED);
    }
    if (p.protocol() == IcmpV6Message.PROTOCOL) {
      return echo(p);
    }
    if (p.protocol() == UdpDatagram.PROTOCOL) {
      return udp(p, bytes, nowMillis);
    }
    return drop(DropReason.UNSUPPORTED);
  }

  private Optional<Ipv6Packet> echo(Ipv6Packet request) {
    Decoded<IcmpV6Message> icmp = IcmpV6Codec.decode(request);
    if (!(icmp instanceof Decoded.Ok<IcmpV6Message> ok)) {
      return drop(DropReason.BAD_UPPER_LAYER);
    }
    if (ok.value().type() != IcmpV6Type.ECHO_REQUEST.id()) {
      return drop(DropReason.UNSUPPORTED);
    }
    Decoded<Ipv6Packet> reply = Ipv6Packets.echoReplyFor(request);
    if (!(reply instanceof Decoded.Ok<Ipv6Packet> okReply)) {
      return drop(DropReason.BAD_UPPER_LAYER);
    }
    counters.pingAnswered();
    return Optional.of(okReply.value());
  }

  private Optional<Ipv6Packet> udp(Ipv6Packet p, byte[] raw, long nowMillis) {
    Decoded<UdpDatagram> decoded = UdpCodec.decode(p);
    if (!(decoded instanceof Decoded.Ok<UdpDatagram> ok)) {
      return drop(DropReason.BAD_UPPER_LAYER);
    }
    UdpDatagram d = ok.value();
    if (d.destinationPort() != CdCoapServer.PORT) {
      counters.drop(DropReason.CLOSED_PORT);
      return portUnreachable(p, raw, nowMillis);
    }
    CoapOutcome outcome = coap.handle(d.payload(), p.source(), d.sourcePort(), nowMillis);
    byte[] message;
    if (outcome instanceof CoapOutcome.Answered a) {
      counters.coapRequestServed();
      message = a.message();
    } else if (outcome instanceof CoapOutcome.Repeated r) {
      counters.coapDuplicateAnswered();
      message = r.message();
    } else if (outcome instanceof CoapOutcome.Reset r) {
      message = r.message();
    } else {
      return drop(((CoapOutcome.Ignored) outcome).reason());
    }
    return Optional.of(Ipv6Packets.udp(p.destination(), p.source(), CdCoapServer.PORT,
        d.sourcePort(), message, Ipv6Packets.DEFAULT_HOP_LIMIT));
  }

  /** RFC 4443 §3.1 code 4, as a host's stack answers a closed UDP port, rate-limited. */
  private Optional<Ipv6Packet> portUnreachable(Ipv6Packet p, byte[] raw, long nowMillis) {
    if (lastErrorAt != Long.MIN_VALUE && nowMillis - lastErrorAt < ERROR_INTERVAL_MILLIS) {
      return Optional.empty();
    }
    Decoded<Ipv6Packet> error = Ipv6Packets.destinationUnreachable(p.destination(),
        DestinationUnreachableCode.PORT_UNREACHABLE, raw, Ipv6Packets.DEFAULT_HOP_LIMIT);
    if (!(error instanceof Decoded.Ok<Ipv6Packet> ok)) {
      return Optional.empty();
    }
    lastErrorAt = nowMillis;
    return Optional.of(ok.value());
  }

  /** Whether {@code a} is one of this CD's unicast addresses. */
  public boolean isOwnAddress(Ipv6Address a) {
    if (a.equals(address()) || a.equals(linkLocalAddress())) {
      return true;
    }
    if (shortAddress == NO_SHORT_ADDRESS) {
      return false;
    }
    long iid = CdNetwork.shortAddressInterfaceIdentifier(shortAddress);
    return a.equals(Ipv6Address.of(network.prefix().address(), iid))
        || a.equals(Ipv6Address.of(CdNetwork.LINK_LOCAL, iid));
  }

  private Optional<Ipv6Packet> drop(DropReason reason) {
    counters.drop(reason);
    return Optional.empty();
  }

  /** The EUI-64, as a big-endian number: {@code 02:00:00:00:00:00:00:01} is {@code 0x02...01L}. */
  public long extendedAddress() {
    return eui64;
  }

  /** The 16-bit short address, or {@link #NO_SHORT_ADDRESS}. */
  public int shortAddress() {
    return shortAddress;
  }

  public CdNetwork network() {
    return network;
  }

  /** The CD prefix and the EUI-64's interface identifier: where the gateway routes to this CD. */
  public Ipv6Address address() {
    return network.globalAddress(eui64);
  }

  public Ipv6Address linkLocalAddress() {
    return CdNetwork.linkLocalAddress(eui64);
  }

  /** A snapshot of this CD's counters; call it on the thread that calls {@link #onFrame}. */
  public CdStats stats() {
    return counters.snapshot();
  }

  @Override
  public String toString() {
    return "SimulatedCd[" + new LinkAddress.Extended(eui64) + ", "
        + address() + "]";
  }
}

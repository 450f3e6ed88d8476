package net.iotgw.sim.cd;

import java.util.List;
import java.util.function.Function;
import net.iotgw.protocols.ipv6.DestinationUnreachableCode;
import net.iotgw.protocols.ipv6.IcmpV6Codec;
import net.iotgw.protocols.ipv6.IcmpV6Message;
import net.iotgw.protocols.ipv6.IcmpV6Type;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.ipv6.UdpCodec;
import net.iotgw.protocols.ipv6.UdpDatagram;
import net.iotgw.protocols.wire.Decoded;

/**
 * What a simulated CD serves once a packet has reached it (and passed its link and, for ESP,
 * its SA): the ICMPv6 echo responder (RFC 4443 §4), the CoAP server on port 5683, and a
 * rate-limited port unreachable for other UDP. Replies go out through the function the caller
 * gives, as they are or under ESP. Confined to the CD's thread.
 */
final class CdServices {
  /** RFC 4443 §2.4(f): ICMPv6 errors are rate-limited; one a second per CD is plenty. */
  static final long ERROR_INTERVAL_MILLIS = 1_000;

  private final CdCoapServer coap;
  private final CdCounters counters;
  private long lastErrorAt = Long.MIN_VALUE;

  CdServices(CdCoapServer coap, CdCounters counters) {
    this.coap = coap;
    this.counters = counters;
  }

  /**
   * The CD's services: the echo responder and the CoAP server, a closed port for other UDP.
   *
   * @param udp {@code p}'s datagram if already decoded, else null
   * @param raw {@code p} as received, for an ICMPv6 error about it
   * @param out sends a reply: as it is, or under ESP
   */
  List<byte[]> serve(Ipv6Packet p, UdpDatagram udp, byte[] raw, long nowMillis,
      Function<Ipv6Packet, List<byte[]>> out) {
    if (p.protocol() == IcmpV6Message.PROTOCOL) {
      return echo(p, out);
    }
    if (p.protocol() != UdpDatagram.PROTOCOL) {
      return drop(DropReason.UNSUPPORTED);
    }
    if (udp == null) {
      if (!(UdpCodec.decode(p) instanceof Decoded.Ok<UdpDatagram> ok)) {
        return drop(DropReason.BAD_UPPER_LAYER);
      }
      udp = ok.value();
    }
    if (udp.destinationPort() != CdCoapServer.PORT) {
      counters.drop(DropReason.CLOSED_PORT);
      return portUnreachable(p, raw, nowMillis, out);
    }
    CoapOutcome outcome = coap.handle(udp.payload(), p.source(), udp.sourcePort(), nowMillis);
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
    return out.apply(Ipv6Packets.udp(p.destination(), p.source(), CdCoapServer.PORT,
        udp.sourcePort(), message, Ipv6Packets.DEFAULT_HOP_LIMIT));
  }

  private List<byte[]> echo(Ipv6Packet request, Function<Ipv6Packet, List<byte[]>> out) {
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
    return out.apply(okReply.value());
  }

  /** RFC 4443 §3.1 code 4, as a host's stack answers a closed UDP port, rate-limited. */
  private List<byte[]> portUnreachable(Ipv6Packet p, byte[] raw, long nowMillis,
      Function<Ipv6Packet, List<byte[]>> out) {
    if (lastErrorAt != Long.MIN_VALUE && nowMillis - lastErrorAt < ERROR_INTERVAL_MILLIS) {
      return List.of();
    }
    Decoded<Ipv6Packet> error = Ipv6Packets.destinationUnreachable(p.destination(),
        DestinationUnreachableCode.PORT_UNREACHABLE, raw, Ipv6Packets.DEFAULT_HOP_LIMIT);
    if (!(error instanceof Decoded.Ok<Ipv6Packet> ok)) {
      return List.of();
    }
    lastErrorAt = nowMillis;
    return out.apply(ok.value());
  }

  private List<byte[]> drop(DropReason reason) {
    counters.drop(reason);
    return List.of();
  }
}

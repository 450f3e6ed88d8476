package net.iotgw.sim.cd;

import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.ipv6.IcmpV6Codec;
import net.iotgw.protocols.ipv6.IcmpV6Message;
import net.iotgw.protocols.ipv6.IcmpV6Type;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.wire.Decoded;

/**
 * A CD's ESP traffic. Raw ESP arriving (RFC 4303 §3.4, IPv6 Next Header 50) under an SA the
 * gateway delivered over PANA ({@link CdEsp}), or under the CD's own CHILD_SA in baseline mode
 * ({@link BaselineIke}): the packet it protects is served like any other, and the reply goes back
 * under the same SA pair. And the CD's own pings through an SA it asked for, whose echo replies
 * are counted rather than served.
 */
final class CdEspTraffic {
  private final SimulatedCd cd;
  private final CdServices services;
  private final CdCounters counters;
  /** Null for a CD without credentials. */
  private final NetworkEntry entry;

  CdEspTraffic(SimulatedCd cd, CdServices services, CdCounters counters, NetworkEntry entry) {
    this.cd = cd;
    this.services = services;
    this.counters = counters;
    this.entry = entry;
  }

  /** @param ownIke the CD's own IKE SA in baseline mode, or null */
  List<byte[]> receive(Ipv6Packet outer, BaselineIke ownIke, long nowMillis) {
    if (ownIke != null && ownIke.owns(BaselineIke.spiOf(outer.payload()))) {
      return ownEsp(outer, ownIke, nowMillis);
    }
    CdEsp esp = entry == null ? null : entry.esp();
    if (esp == null) {
      return drop(DropReason.ESP_NO_SA);
    }
    CdEsp.Opened opened = esp.open(outer, nowMillis);
    if (opened instanceof CdEsp.Refused r) {
      return drop(r.reason());
    }
    CdEsp.Accepted a = (CdEsp.Accepted) opened;
    counters.espReceived();
    Ipv6Packet inner = a.inner();
    if (!cd.isOwnAddress(inner.destination())) {
      return drop(DropReason.OTHER_IPV6_DESTINATION);
    }
    if (inner.fragmentHeader().isPresent()) {
      return drop(DropReason.UNSUPPORTED);
    }
    if (isEchoReply(inner) && entry.saRequests().echoReply(inner.source())) {
      return List.of(); // the answer to one of the CD's own pings through an SA it asked for
    }
    return services.serve(inner, null, a.innerBytes(), nowMillis,
        reply -> esp.seal(a.sa(), reply).map(cd::send).orElse(List.of()));
  }

  /** ESP under the CD's own CHILD_SA (baseline mode): served, and answered under that SA. */
  private List<byte[]> ownEsp(Ipv6Packet outer, BaselineIke ownIke, long nowMillis) {
    Optional<Ipv6Packet> inner = ownIke.open(outer, outer.payload());
    if (inner.isEmpty()) {
      return List.of();
    }
    if (!cd.isOwnAddress(inner.get().destination())) {
      return drop(DropReason.OTHER_IPV6_DESTINATION);
    }
    byte[] bytes = Ipv6Codec.encode(inner.get());
    return services.serve(inner.get(), null, bytes, nowMillis,
        reply -> ownIke.seal(reply).map(cd::send).orElse(List.of()));
  }

  /**
   * An ICMPv6 echo request (RFC 4443 §4.1) from the CD's address to the UD of request {@code
   * requestId}, sealed under the newest SA the CD initiated to it; empty while there is none.
   */
  List<byte[]> pingThroughEsp(int requestId, int sequence, long nowMillis) {
    CdEsp esp = entry == null ? null : entry.esp();
    Optional<Ipv6Address> ud = entry == null ? Optional.empty() : entry.saRequests().ud(requestId);
    if (esp == null || ud.isEmpty()) {
      return List.of();
    }
    Optional<CdEsp.SaPair> sa = esp.initiatedTo(ud.get(), nowMillis);
    if (sa.isEmpty()) {
      return List.of();
    }
    Ipv6Packet request = Ipv6Packets.icmpEchoRequest(cd.address(), ud.get(),
        (int) (cd.extendedAddress() & 0xffff), sequence & 0xffff, ECHO_DATA,
        Ipv6Packets.DEFAULT_HOP_LIMIT);
    Optional<Ipv6Packet> sealed = esp.seal(sa.get(), request);
    if (sealed.isEmpty()) {
      return List.of();
    }
    entry.saRequests().echoSent(requestId);
    return cd.send(sealed.get());
  }

  /** 16 octets of echo data, as ping's default pattern starts. */
  private static final byte[] ECHO_DATA = "iotgw-cd-echo-16".getBytes(
      java.nio.charset.StandardCharsets.US_ASCII);

  private static boolean isEchoReply(Ipv6Packet p) {
    return p.protocol() == IcmpV6Message.PROTOCOL
        && IcmpV6Codec.decode(p) instanceof Decoded.Ok<IcmpV6Message> ok
        && ok.value().type() == IcmpV6Type.ECHO_REPLY.id();
  }

  private List<byte[]> drop(DropReason reason) {
    counters.drop(reason);
    return List.of();
  }
}

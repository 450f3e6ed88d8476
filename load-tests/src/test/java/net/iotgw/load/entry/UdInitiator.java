package net.iotgw.load.entry;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.iotgw.gateway.ike.IkeProfiles;
import net.iotgw.protocols.esp.EspPayload;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.Credentials;
import net.iotgw.protocols.ike.engine.Datagram;
import net.iotgw.protocols.ike.engine.DeleteIkeSa;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.Identity;
import net.iotgw.protocols.ike.engine.IkeOutput;
import net.iotgw.protocols.ike.engine.Limits;
import net.iotgw.protocols.ike.engine.Profile;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.ipv6.UdpCodec;
import net.iotgw.protocols.ipv6.UdpDatagram;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.sim.ud.InitiatorSession;
import net.iotgw.sim.ud.LocalEsp;
import net.iotgw.streams.esp.IkeDatagram;
import net.iotgw.streams.ucn.InMemoryPort;

/**
 * A UD on the gateway's in-memory UCN: our IKEv2 initiator engine (forcing UDP encapsulation, as
 * strongSwan with kernel-libipsec does) opens an SA to a CD's address, then sends ICMPv6 echo
 * through ESP-in-UDP and opens the answers. A test-side peer, the way the demo's UDs will be.
 */
final class UdInitiator {
  static final Ipv6Address UD = Pings.UD;

  private final InMemoryPort ucn;
  private final Ipv6Address cd;
  private final SecureRandom random = new SecureRandom();
  private final boolean transport;
  private InitiatorSession session;
  private LocalEsp esp;

  /** @param transport ask for transport mode (USE_TRANSPORT_MODE, RFC 7296 §1.3.1) */
  UdInitiator(InMemoryPort ucn, Ipv6Address cd, boolean transport) {
    this.ucn = ucn;
    this.cd = cd;
    this.transport = transport;
  }

  /** Runs IKE_SA_INIT and IKE_AUTH to the CD; true once the SA and its CHILD_SA are up. */
  boolean connect(String cdIdentity, String psk, Duration timeout) throws Exception {
    Profile profile = new Profile(Identity.rfc822(EntryRig.UD_IDENTITY),
        new Credentials.PreSharedKey(psk.getBytes()), IkeProfiles.IKE_PROPOSALS,
        IkeProfiles.GROUPS, IkeProfiles.ESP_PROPOSALS, transport,
        List.of(Identity.fqdn(cdIdentity)), Optional.of(new Credentials.PreSharedKey(
            psk.getBytes())), List.of());
    EngineConfig config = new EngineConfig(profile, UD.bytes(), Limits.DEFAULT,
        EngineConfig.NatTraversal.FORCE, EngineConfig.KeyDeliveryMode.SKEYSEED, 500, 4500, false);
    InitiatorSession.Started started = InitiatorSession.start(config, at(cd, 500),
        Optional.of(Identity.fqdn(cdIdentity)), now(), random);
    session = started.session();
    send(started.toSend());
    long until = System.nanoTime() + timeout.toNanos();
    while (!session.isEstablished() && !session.isClosed() && System.nanoTime() < until) {
      byte[] sent = ucn.nextSent(Duration.ofMillis(200));
      send(sent == null ? session.tick(now())
          : fromGateway(sent).map(d -> session.receive(d, now())).orElse(List.of()));
    }
    session.child().ifPresent(c -> esp = new LocalEsp(c, random));
    return session.isEstablished() && esp != null;
  }

  /** Deletes the IKE SA (INFORMATIONAL with a Delete, RFC 7296 §1.4.1); true once answered. */
  boolean delete(Duration timeout) throws Exception {
    send(session.queue(new DeleteIkeSa(), now()));
    long until = System.nanoTime() + timeout.toNanos();
    while (!session.isClosed() && System.nanoTime() < until) {
      byte[] sent = ucn.nextSent(Duration.ofMillis(200));
      if (sent != null) {
        send(fromGateway(sent).map(d -> session.receive(d, now())).orElse(List.of()));
      }
    }
    return session.closed().map(c -> c.reason() == IkeOutput.CloseReason.DELETED)
        .orElse(false);
  }

  /** How far the SA got, for failure messages. */
  String outcome() {
    return session.closed().map(Object::toString)
        .orElse(session.state().getClass().getSimpleName());
  }

  ChildSa child() {
    return esp.child();
  }

  /** Sends one echo request to the CD through the CHILD_SA (its mode, ESP in UDP/4500). */
  void sendEcho(int identifier, int seq) {
    Ipv6Packet request = Ipv6Packets.icmpEchoRequest(UD, cd, identifier, seq,
        ("offload " + seq).getBytes(), 64);
    EspPayload payload = esp.child().mode() == ChildSa.Mode.TRANSPORT
        ? EspPayload.transport(net.iotgw.protocols.esp.NextHeader.ICMPV6, request.payload())
        : EspPayload.tunnel(Ipv6Codec.encode(request));
    ucn.inject(Ipv6Codec.encode(Ipv6Packets.udp(UD, cd, 4500, 4500, esp.seal(payload), 64)));
  }

  /** The inner packet of the next ESP the CD sent back, if one opens within the timeout. */
  Optional<Ipv6Packet> receiveEsp(Duration timeout) throws InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < until) {
      byte[] sent = ucn.nextSent(Duration.ofMillis(100));
      if (sent == null || !(Ipv6Codec.decode(sent) instanceof Decoded.Ok<Ipv6Packet> ok)
          || !(UdpCodec.decode(ok.value()) instanceof Decoded.Ok<UdpDatagram> udp)
          || udp.value().sourcePort() != 4500) {
        continue;
      }
      Optional<EspPayload> opened = esp.open(udp.value().payload());
      if (opened.isPresent() && esp.child().mode() == ChildSa.Mode.TRANSPORT) {
        return Optional.of(Ipv6Packet.of(cd, UD, opened.get().nextHeader(), 64,
            opened.get().data()));
      }
      if (opened.isPresent()) {
        return Ipv6Codec.decode(opened.get().data()) instanceof Decoded.Ok<Ipv6Packet> p
            ? Optional.of(p.value()) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  private void send(List<Datagram> datagrams) {
    for (Datagram d : datagrams) {
      ucn.inject(new IkeDatagram(cd, d.remote().getPort(), UD, d.local().getPort(),
          d.message()).toPacket());
    }
  }

  /** An IKE datagram from the CD's address, marker stripped, as the engine's Datagram. */
  private Optional<Datagram> fromGateway(byte[] ipv6) throws Exception {
    if (!(Ipv6Codec.decode(ipv6) instanceof Decoded.Ok<Ipv6Packet> ok)
        || !ok.value().source().equals(cd)
        || !(UdpCodec.decode(ok.value()) instanceof Decoded.Ok<UdpDatagram> udp)) {
      return Optional.empty();
    }
    UdpDatagram u = udp.value();
    return Datagram.fromUdp(at(UD, u.destinationPort()), at(cd, u.sourcePort()), u.payload(),
        4500);
  }

  private static InetSocketAddress at(Ipv6Address a, int port) throws Exception {
    return new InetSocketAddress(InetAddress.getByAddress(a.bytes()), port);
  }

  private static long now() {
    return System.nanoTime() / 1_000_000;
  }
}

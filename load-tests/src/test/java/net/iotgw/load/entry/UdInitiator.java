package net.iotgw.load.entry;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.iotgw.gateway.ike.IkeProfiles;
import net.iotgw.protocols.esp.EspOpenResult;
import net.iotgw.protocols.esp.EspPacket;
import net.iotgw.protocols.esp.EspPayload;
import net.iotgw.protocols.esp.EspSa;
import net.iotgw.protocols.esp.IvSource;
import net.iotgw.protocols.esp.ReplayWindow;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.Credentials;
import net.iotgw.protocols.ike.engine.Datagram;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.Identity;
import net.iotgw.protocols.ike.engine.IkeEvent;
import net.iotgw.protocols.ike.engine.IkeOutput;
import net.iotgw.protocols.ike.engine.IkeSaEngine;
import net.iotgw.protocols.ike.engine.IkeState;
import net.iotgw.protocols.ike.engine.IkeStep;
import net.iotgw.protocols.ike.engine.Limits;
import net.iotgw.protocols.ike.engine.Profile;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.ipv6.UdpCodec;
import net.iotgw.protocols.ipv6.UdpDatagram;
import net.iotgw.protocols.wire.Decoded;
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
  private IkeState state;
  private ChildSa child;
  private final List<IkeOutput> seen = new ArrayList<>();
  private long sequence = 1;
  private final ReplayWindow window = new ReplayWindow(64);

  private final boolean transport;

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
    apply(IkeSaEngine.initiate(config, at(cd, 500), Optional.of(Identity.fqdn(cdIdentity)),
        now(), random));
    long until = System.nanoTime() + timeout.toNanos();
    while (!(state instanceof IkeState.Established) && !(state instanceof IkeState.Closed)
        && System.nanoTime() < until) {
      byte[] sent = ucn.nextSent(Duration.ofMillis(200));
      if (sent == null) {
        apply(IkeSaEngine.handle(state, new IkeEvent.TimerFired(
            net.iotgw.protocols.ike.engine.IkeTimer.RETRANSMIT), now(), random));
        continue;
      }
      fromGateway(sent).ifPresent(d ->
          apply(IkeSaEngine.handle(state, new IkeEvent.Received(d), now(), random)));
    }
    return state instanceof IkeState.Established && child != null;
  }

  /** Deletes the IKE SA (INFORMATIONAL with a Delete, RFC 7296 §1.4.1); true once answered. */
  boolean delete(Duration timeout) throws Exception {
    apply(IkeSaEngine.queue(state, new net.iotgw.protocols.ike.engine.DeleteIkeSa(), now(),
        random));
    long until = System.nanoTime() + timeout.toNanos();
    while (!(state instanceof IkeState.Closed) && System.nanoTime() < until) {
      byte[] sent = ucn.nextSent(Duration.ofMillis(200));
      if (sent != null) {
        fromGateway(sent).ifPresent(d ->
            apply(IkeSaEngine.handle(state, new IkeEvent.Received(d), now(), random)));
      }
    }
    return state instanceof IkeState.Closed;
  }

  List<IkeOutput> outputs() {
    return seen;
  }

  ChildSa child() {
    return child;
  }

  /** Sends one echo request to the CD through the CHILD_SA (its mode, ESP in UDP/4500). */
  void sendEcho(int identifier, int seq) {
    Ipv6Packet request = Ipv6Packets.icmpEchoRequest(UD, cd, identifier, seq,
        ("offload " + seq).getBytes(), 64);
    EspPayload payload = child.mode() == ChildSa.Mode.TRANSPORT
        ? EspPayload.transport(net.iotgw.protocols.esp.NextHeader.ICMPV6, request.payload())
        : EspPayload.tunnel(Ipv6Codec.encode(request));
    EspSa out = new EspSa(child.outboundSpi(), child.esp(), child.outboundCipher(), false);
    byte[] esp = EspPacket.seal(out, sequence++, payload, IvSource.random(random));
    ucn.inject(Ipv6Codec.encode(Ipv6Packets.udp(UD, cd, 4500, 4500, esp, 64)));
  }

  /** The inner packet of the next ESP the CD sent back, if one opens within the timeout. */
  Optional<Ipv6Packet> receiveEsp(Duration timeout) throws InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    EspSa in = new EspSa(child.inboundSpi(), child.esp(), child.inboundCipher(), false);
    while (System.nanoTime() < until) {
      byte[] sent = ucn.nextSent(Duration.ofMillis(100));
      if (sent == null || !(Ipv6Codec.decode(sent) instanceof Decoded.Ok<Ipv6Packet> ok)
          || !(UdpCodec.decode(ok.value()) instanceof Decoded.Ok<UdpDatagram> udp)
          || udp.value().sourcePort() != 4500) {
        continue;
      }
      EspOpenResult r = EspPacket.open(in, window, udp.value().payload());
      if (r instanceof EspOpenResult.Accepted a && child.mode() == ChildSa.Mode.TRANSPORT) {
        return Optional.of(Ipv6Packet.of(cd, UD, a.payload().nextHeader(), 64,
            a.payload().data()));
      }
      if (r instanceof EspOpenResult.Accepted a) {
        return Ipv6Codec.decode(a.payload().data()) instanceof Decoded.Ok<Ipv6Packet> p
            ? Optional.of(p.value()) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  private void apply(IkeStep step) {
    state = step.state();
    for (IkeOutput o : step.outputs()) {
      seen.add(o);
      if (o instanceof IkeOutput.Send s) {
        Datagram d = s.datagram();
        ucn.inject(new IkeDatagram(cd, d.remote().getPort(), UD, d.local().getPort(),
            d.message()).toPacket());
      } else if (o instanceof IkeOutput.ChildSaAgreed agreed) {
        child = agreed.child();
        agreed.delivery().destroy();
        // The UD holds its own keys: nothing to deliver.
        apply(IkeSaEngine.handle(state, new IkeEvent.KeysDelivered(), now(), random));
      }
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

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
import net.iotgw.protocols.ike.engine.CookieGate;
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
import net.iotgw.protocols.ipv6.IcmpV6Message;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.ipv6.UdpCodec;
import net.iotgw.protocols.ipv6.UdpDatagram;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.sim.ud.LocalEsp;
import net.iotgw.streams.esp.IkeDatagram;
import net.iotgw.streams.ucn.InMemoryPort;

/**
 * A UD on the gateway's in-memory UCN that answers IKEv2 (our responder engine, {@link
 * IkeSaEngine#respond}) and echo requests through the CHILD_SA it agreed: the peer a CD asks
 * the gateway to open an SA to. It holds its own keys, so a CHILD_SA's keys are "delivered" at
 * once. It counts every IKE datagram that reached it, so a test can show that none did.
 */
final class UdResponder {
  static final Ipv6Address UD = Pings.UD;

  private final InMemoryPort ucn;
  private final Ipv6Address cd;
  private final EngineConfig config;
  private final SecureRandom random = new SecureRandom();
  private IkeState state;
  private LocalEsp esp;
  private IkeOutput.Closed closed;
  private boolean established;
  int ikeReceived;
  int echoAnswered;

  /** @param cdIdentity the identity the CD's IKE profile presents (IDi) */
  UdResponder(InMemoryPort ucn, Ipv6Address cd, String cdIdentity, String psk) {
    this(ucn, cd, cdIdentity, psk, IkeProfiles.IKE_PROPOSALS, IkeProfiles.ESP_PROPOSALS, true);
  }

  /** A UD that accepts only these proposals (to see the gateway's initiation refused). */
  UdResponder(InMemoryPort ucn, Ipv6Address cd, String cdIdentity, String psk,
      List<Profile.IkeProposal> ike, List<net.iotgw.protocols.crypto.PacketProtection> esp,
      boolean transportAllowed) {
    this.ucn = ucn;
    this.cd = cd;
    Credentials.PreSharedKey key = new Credentials.PreSharedKey(psk.getBytes());
    Profile profile = new Profile(Identity.rfc822(EntryRig.UD_IDENTITY), key, ike,
        IkeProfiles.GROUPS, esp, transportAllowed, List.of(Identity.fqdn(cdIdentity)),
        Optional.of(key),
        List.of());
    config = new EngineConfig(profile, UD.bytes(), Limits.DEFAULT,
        EngineConfig.NatTraversal.DETECT, EngineConfig.KeyDeliveryMode.SKEYSEED, 500, 4500, false);
  }

  /** Answers IKE until its IKE SA and CHILD_SA are up (or it closed, or time ran out). */
  boolean awaitEstablished(Duration timeout) throws Exception {
    long until = System.nanoTime() + timeout.toNanos();
    while (!established && closed == null && System.nanoTime() < until) {
      handle(ucn.nextSent(Duration.ofMillis(100)));
    }
    return established && esp != null;
  }

  /** Serves whatever the gateway sends for {@code duration}: IKE and ESP echo requests. */
  void serve(Duration duration) throws Exception {
    long until = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < until) {
      handle(ucn.nextSent(Duration.ofMillis(50)));
    }
  }

  ChildSa child() {
    return esp.child();
  }

  String outcome() {
    return closed != null ? closed.toString()
        : state == null ? "no IKE_SA_INIT came" : state.getClass().getSimpleName();
  }

  private void handle(byte[] sent) throws Exception {
    if (sent == null || !(Ipv6Codec.decode(sent) instanceof Decoded.Ok<Ipv6Packet> ok)
        || !ok.value().source().equals(cd) || !ok.value().destination().equals(UD)
        || !(UdpCodec.decode(ok.value()) instanceof Decoded.Ok<UdpDatagram> udp)) {
      return;
    }
    UdpDatagram u = udp.value();
    Optional<Datagram> ike = Datagram.fromUdp(at(UD, u.destinationPort()),
        at(cd, u.sourcePort()), u.payload(), 4500);
    if (ike.isPresent()) {
      ikeReceived++;
      // A closed SA (refused, or failed) leaves room for the next IKE_SA_INIT.
      apply(state == null || state instanceof IkeState.Closed
          ? IkeSaEngine.respond(config, ike.get(), CookieGate.open(), now(), random)
          : IkeSaEngine.handle(state, new IkeEvent.Received(ike.get()), now(), random));
    } else if (esp != null) {
      echo(esp.open(u.payload()));
    }
  }

  /**
   * An echo request from the CD gets its reply under the same SA pair: in tunnel mode a whole
   * inner packet, in transport mode ICMPv6 right behind ESP under the outer addresses.
   */
  private void echo(Optional<EspPayload> opened) {
    if (opened.isEmpty()) {
      return;
    }
    boolean transport = esp.child().mode() == ChildSa.Mode.TRANSPORT;
    Decoded<Ipv6Packet> decoded = transport
        ? Decoded.ok(Ipv6Packet.of(cd, UD, opened.get().nextHeader(), 64, opened.get().data()))
        : Ipv6Codec.decode(opened.get().data());
    if (!(decoded instanceof Decoded.Ok<Ipv6Packet> inner)
        || inner.value().protocol() != IcmpV6Message.PROTOCOL
        || !(Ipv6Packets.echoReplyFor(inner.value()) instanceof Decoded.Ok<Ipv6Packet> reply)) {
      return;
    }
    echoAnswered++;
    byte[] sealed = esp.seal(transport
        ? EspPayload.transport(net.iotgw.protocols.esp.NextHeader.ICMPV6, reply.value().payload())
        : EspPayload.tunnel(Ipv6Codec.encode(reply.value())));
    ucn.inject(Ipv6Codec.encode(Ipv6Packets.udp(UD, cd, 4500, 4500, sealed, 64)));
  }

  private void apply(IkeStep step) {
    state = step.state();
    for (IkeOutput o : step.outputs()) {
      if (o instanceof IkeOutput.Send s) {
        Datagram d = s.datagram();
        // IkeDatagram names the UD "remote": its packet goes from UD to CD, marker on 4500.
        ucn.inject(new IkeDatagram(cd, d.remote().getPort(), UD, d.local().getPort(),
            d.message()).toPacket());
      } else if (o instanceof IkeOutput.ChildSaAgreed agreed) {
        esp = new LocalEsp(agreed.child(), random);
        agreed.delivery().destroy();
        apply(IkeSaEngine.handle(state, new IkeEvent.KeysDelivered(), now(), random));
        return;
      } else if (o instanceof IkeOutput.Established e) {
        established = e.child().isPresent();
      } else if (o instanceof IkeOutput.Closed c) {
        closed = c;
      }
    }
  }

  private static InetSocketAddress at(Ipv6Address a, int port) throws Exception {
    return new InetSocketAddress(InetAddress.getByAddress(a.bytes()), port);
  }

  private static long now() {
    return System.currentTimeMillis();
  }
}

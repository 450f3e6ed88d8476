package net.iotgw.load.claim;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import net.iotgw.gateway.ike.IkeProfiles;
import net.iotgw.load.entry.EntryRig;
import net.iotgw.protocols.esp.EspPayload;
import net.iotgw.protocols.esp.NextHeader;
import net.iotgw.protocols.esp.UdpEncapsulation;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.Credentials;
import net.iotgw.protocols.ike.engine.Datagram;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.Identity;
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
import net.iotgw.streams.ucn.InMemoryPort;

/**
 * The UD side of the claim benchmark on the gateway's in-memory UCN, one IKE SA per CD, all
 * driven from the calling thread: for the offload, our initiator opens an SA to each CD's address
 * and the gateway answers as the CD (forcing UDP encapsulation, as strongSwan with
 * kernel-libipsec does); for the baseline, our responder answers each CD that runs IKEv2 itself.
 * Then one ICMPv6 echo through each CHILD_SA shows ESP works end to end.
 */
final class UdHost {
  static final Ipv6Address UD = Ipv6Address.of("2001:db8:1::a");
  private static final int NAT_T = UdpEncapsulation.PORT;

  /** One CD's peer: its IKE SA (either role) and the ESP on its CHILD_SA. */
  private static final class Peer {
    final Ipv6Address cd;
    InitiatorSession initiator;
    ResponderSession responder;
    long establishedNanos = -1;
    LocalEsp esp;
    boolean echoed;

    Peer(Ipv6Address cd) {
      this.cd = cd;
    }

    boolean established() {
      return initiator != null ? initiator.isEstablished()
          : responder != null && responder.isEstablished();
    }

    Optional<ChildSa> child() {
      return initiator != null ? initiator.child() : responder.child();
    }
  }

  private final InMemoryPort ucn;
  private final SecureRandom random;
  private final Map<Ipv6Address, Peer> peers = new LinkedHashMap<>();
  private EngineConfig responderConfig;

  UdHost(InMemoryPort ucn, SecureRandom random) {
    this.ucn = ucn;
    this.random = random;
  }

  /** The UD's profile: the gateway's proposals, the CDs' identities as its peers. */
  private static Profile profile(List<Identity> peers, byte[] psk) {
    return new Profile(Identity.rfc822(EntryRig.UD_IDENTITY), new Credentials.PreSharedKey(psk),
        IkeProfiles.IKE_PROPOSALS, IkeProfiles.GROUPS, IkeProfiles.ESP_PROPOSALS, false, peers,
        Optional.of(new Credentials.PreSharedKey(psk)), List.of());
  }

  /** Offload: opens an IKE SA to each of {@code cds} at once ({@code identities} in order). */
  void initiate(List<Ipv6Address> cds, List<Identity> identities, byte[] psk) {
    long now = millis();
    for (int i = 0; i < cds.size(); i++) {
      EngineConfig config = new EngineConfig(profile(List.of(identities.get(i)), psk), UD.bytes(),
          Limits.DEFAULT, EngineConfig.NatTraversal.FORCE, EngineConfig.KeyDeliveryMode.SKEYSEED,
          500, NAT_T, false);
      Peer p = new Peer(cds.get(i));
      InitiatorSession.Started s = InitiatorSession.start(config, at(p.cd, 500),
          Optional.of(identities.get(i)), now, random);
      p.initiator = s.session();
      peers.put(p.cd, p);
      send(p.cd, s.toSend());
    }
  }

  /** Baseline: from now on IKE_SA_INIT from any of {@code identities} is answered. */
  void answer(List<Identity> identities, byte[] psk) {
    responderConfig = new EngineConfig(profile(identities, psk), UD.bytes(), Limits.DEFAULT,
        EngineConfig.NatTraversal.DETECT, EngineConfig.KeyDeliveryMode.SKEYSEED, 500, NAT_T,
        false);
  }

  /**
   * Moves packets and timers until {@code done} holds or {@code timeout} passes.
   *
   * @return whether {@code done} held
   */
  boolean pump(BooleanSupplier done, Duration timeout) throws InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    long nextCheck = 0;
    while (System.nanoTime() < until) {
      if (System.nanoTime() >= nextCheck) {
        if (done.getAsBoolean()) {
          return true;
        }
        nextCheck = System.nanoTime() + 10_000_000L;
      }
      byte[] packet = ucn.nextSent(Duration.ofMillis(5));
      if (packet != null) {
        onPacket(packet);
      }
      tick();
    }
    return done.getAsBoolean();
  }

  /** Whether every peer's IKE SA is up with its CHILD_SA (as the UD sees it). */
  boolean allEstablished(int expected) {
    return peers.size() == expected && peers.values().stream().allMatch(Peer::established);
  }

  /** When the last of the UD's SAs came up (System.nanoTime), or -1. */
  long lastEstablishedNanos() {
    return peers.values().stream().mapToLong(p -> p.establishedNanos).max().orElse(-1);
  }

  /** Milliseconds from {@code startNanos} to each SA that came up. */
  List<Long> latenciesMillis(long startNanos) {
    return peers.values().stream().filter(p -> p.establishedNanos >= 0)
        .map(p -> (p.establishedNanos - startNanos) / 1_000_000).toList();
  }

  /** Echo replies the UD opened. */
  int echoed() {
    return (int) peers.values().stream().filter(p -> p.echoed).count();
  }

  /** SAs up as the UD sees them. */
  int established() {
    return (int) peers.values().stream().filter(Peer::established).count();
  }

  /** One ICMPv6 echo to each CD through its CHILD_SA; how many answers came back. */
  int echoAll(Duration timeout) throws InterruptedException {
    int seq = 1;
    for (Peer p : peers.values()) {
      p.child().ifPresent(c -> {
        if (p.esp == null) {
          p.esp = new LocalEsp(c, random);
        }
      });
      if (p.esp != null) {
        sendEcho(p, seq++);
      }
    }
    pump(() -> peers.values().stream().allMatch(p -> p.echoed), timeout);
    return echoed();
  }

  void destroy() {
    for (Peer p : peers.values()) {
      if (p.esp != null) {
        p.esp.destroy();
      }
      if (p.initiator != null) {
        p.initiator.destroy();
      }
      if (p.responder != null) {
        p.responder.destroy();
      }
    }
  }

  private void sendEcho(Peer p, int seq) {
    ChildSa c = p.esp.child();
    Ipv6Packet request = Ipv6Packets.icmpEchoRequest(UD, p.cd, 0x1c, seq,
        "claim".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 64);
    EspPayload payload = c.mode() == ChildSa.Mode.TRANSPORT
        ? EspPayload.transport(NextHeader.ICMPV6, request.payload())
        : EspPayload.tunnel(Ipv6Codec.encode(request));
    byte[] esp = p.esp.seal(payload);
    ucn.inject(Ipv6Codec.encode(c.udpEncapsulation()
        ? Ipv6Packets.udp(UD, p.cd, NAT_T, c.peer().getPort(), esp, 64)
        : Ipv6Packet.of(UD, p.cd, 50, 64, esp)));
  }

  private void onPacket(byte[] bytes) {
    if (!(Ipv6Codec.decode(bytes) instanceof Decoded.Ok<Ipv6Packet> ok)
        || !ok.value().destination().equals(UD)) {
      return;
    }
    Ipv6Packet ip = ok.value();
    if (ip.protocol() == 50) {
      onEsp(ip.source(), ip.payload());
      return;
    }
    if (!(UdpCodec.decode(ip) instanceof Decoded.Ok<UdpDatagram> u)) {
      return;
    }
    UdpDatagram udp = u.value();
    int port = udp.destinationPort();
    if (port != 500 && port != NAT_T) {
      return;
    }
    Optional<Datagram> d = Datagram.fromUdp(at(UD, port), at(ip.source(), udp.sourcePort()),
        udp.payload(), NAT_T);
    if (d.isEmpty()) {
      onEsp(ip.source(), udp.payload());
      return;
    }
    onIke(ip.source(), d.get());
  }

  private void onIke(Ipv6Address cd, Datagram d) {
    long now = millis();
    Peer p = peers.get(cd);
    if (p == null && responderConfig != null) {
      List<Datagram> out = new java.util.ArrayList<>();
      Optional<ResponderSession> s =
          ResponderSession.respond(responderConfig, d, now, random, out);
      send(cd, out);
      s.ifPresent(session -> {
        Peer fresh = new Peer(cd);
        fresh.responder = session;
        peers.put(cd, fresh);
      });
      return;
    }
    if (p == null) {
      return;
    }
    send(cd, p.initiator != null ? p.initiator.receive(d, now) : p.responder.receive(d, now));
    noteEstablished(p);
  }

  private void onEsp(Ipv6Address cd, byte[] esp) {
    Peer p = peers.get(cd);
    if (p == null || p.esp == null) {
      return;
    }
    Optional<EspPayload> opened = p.esp.open(esp);
    if (opened.isEmpty()) {
      return;
    }
    byte[] icmp = p.esp.child().mode() == ChildSa.Mode.TRANSPORT ? opened.get().data()
        : Ipv6Codec.decode(opened.get().data()) instanceof Decoded.Ok<Ipv6Packet> inner
            ? inner.value().payload() : new byte[0];
    // ICMPv6 type 129, Echo Reply (RFC 4443 §4.2).
    if (icmp.length > 0 && (icmp[0] & 0xff) == 129) {
      p.echoed = true;
    }
  }

  private void tick() {
    long now = millis();
    for (Peer p : peers.values()) {
      if (p.initiator != null && p.initiator.nextTimerAt().orElse(Long.MAX_VALUE) <= now) {
        send(p.cd, p.initiator.tick(now));
      } else if (p.responder != null
          && p.responder.nextTimerAt().orElse(Long.MAX_VALUE) <= now) {
        send(p.cd, p.responder.tick(now));
      }
    }
  }

  private void noteEstablished(Peer p) {
    if (p.establishedNanos < 0 && p.established()) {
      p.establishedNanos = System.nanoTime();
    }
  }

  private void send(Ipv6Address cd, List<Datagram> datagrams) {
    for (Datagram d : datagrams) {
      ucn.inject(Ipv6Codec.encode(Ipv6Packets.udp(UD, cd, d.local().getPort(),
          d.remote().getPort(), d.udpPayload(NAT_T), 64)));
    }
  }

  static InetSocketAddress at(Ipv6Address a, int port) {
    try {
      return new InetSocketAddress(InetAddress.getByAddress(a.bytes()), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("16 octets make an IPv6 address", e);
    }
  }

  private static long millis() {
    return System.nanoTime() / 1_000_000;
  }
}

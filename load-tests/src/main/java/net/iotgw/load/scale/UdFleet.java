package net.iotgw.load.scale;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.iotgw.load.ike.InProcessGateway;
import net.iotgw.load.ike.LoadSuite;
import net.iotgw.protocols.esp.UdpEncapsulation;
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
import net.iotgw.streams.ucn.InMemoryPort;

/**
 * One UD ({@link InProcessGateway#udAddress}(0), identity {@link InProcessGateway#UD_IDENTITY})
 * that opens one IKE SA with its CHILD_SA to each of CDs 0 .. n-1 through the gateway's in-memory
 * UCN, {@code window} handshakes at a time, on the caller's thread: our initiator engine
 * ({@link InitiatorSession}), its datagrams injected as IPv6/UDP packets, the gateway's answers
 * polled from the port and routed by SPIi. The SAs are left established (no Delete); the sessions
 * are kept until {@link #release} so that the caller can weigh them apart from the gateway's.
 */
final class UdFleet {
  private static final int NAT_T_PORT = UdpEncapsulation.PORT;

  /**
   * @param failures by reason (phase and close reason, or "timed out")
   * @param retransmissions IKE requests the UD sent again
   */
  record Outcome(int asked, int established, Map<String, Integer> failures, int retransmissions,
      Duration took) {
    int failed() {
      return failures.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  private final InMemoryPort ucn;
  private final LoadSuite suite;
  private final SecureRandom random = new SecureRandom();
  private final Ipv6Address ud = InProcessGateway.udAddress(0);
  private final List<InitiatorSession> established = new ArrayList<>();

  UdFleet(InMemoryPort ucn, LoadSuite suite) {
    this.ucn = ucn;
    this.suite = suite;
  }

  /** Opens an IKE SA to each of CDs 0 .. {@code cds}-1; gives up on those not up by the deadline. */
  Outcome establish(int cds, int window, Duration deadline) throws InterruptedException {
    long t0 = System.nanoTime();
    long until = t0 + deadline.toNanos();
    Map<Long, InitiatorSession> inFlight = new HashMap<>();
    Map<String, Integer> failures = new TreeMap<>();
    int retransmissions = 0;
    int next = 0;
    long nextTick = 0;
    while ((next < cds || !inFlight.isEmpty()) && System.nanoTime() < until) {
      long now = System.currentTimeMillis();
      while (next < cds && inFlight.size() < window) {
        Identity cd = Identity.fqdn(InProcessGateway.cdIdentity(next));
        InitiatorSession.Started s = InitiatorSession.start(config(cd), responder(next),
            Optional.of(cd), now, random);
        next++;
        inFlight.put(spiI(s.toSend().get(0).message()), s.session());
        s.toSend().forEach(this::send);
      }
      byte[] packet = ucn.nextSent(Duration.ofMillis(5));
      if (packet != null) {
        Optional<Datagram> d = fromGateway(packet);
        InitiatorSession s = d.map(x -> inFlight.get(spiI(x.message()))).orElse(null);
        if (s != null) {
          s.receive(d.get(), System.currentTimeMillis()).forEach(this::send);
          retransmissions += settle(d.map(x -> spiI(x.message())).get(), s, inFlight, failures);
        }
      }
      if (now >= nextTick) {
        nextTick = now + 20;
        for (Map.Entry<Long, InitiatorSession> e : List.copyOf(inFlight.entrySet())) {
          InitiatorSession s = e.getValue();
          if (s.nextTimerAt().orElse(Long.MAX_VALUE) <= now) {
            s.tick(now).forEach(this::send);
            retransmissions += settle(e.getKey(), s, inFlight, failures);
          }
        }
      }
    }
    for (InitiatorSession s : inFlight.values()) {
      failures.merge("timed out", 1, Integer::sum);
      retransmissions += s.retransmissions();
      s.destroy();
    }
    failures.merge("not started (deadline)", cds - next, Integer::sum);
    failures.values().removeIf(v -> v == 0);
    return new Outcome(cds, established.size(), Map.copyOf(failures), retransmissions,
        Duration.ofNanos(System.nanoTime() - t0));
  }

  /** Moves a session that came up or closed out of the window; returns its retransmissions. */
  private int settle(long spi, InitiatorSession s, Map<Long, InitiatorSession> inFlight,
      Map<String, Integer> failures) {
    if (s.isClosed()) {
      inFlight.remove(spi);
      failures.merge(s.closed().map(c -> c.reason() + "").orElse("closed"), 1, Integer::sum);
      return s.retransmissions();
    }
    if (s.isEstablished() && s.child().isPresent()) {
      inFlight.remove(spi);
      established.add(s);
      return s.retransmissions();
    }
    return 0;
  }

  /** IKE SAs established and still held by this UD. */
  int held() {
    return established.size();
  }

  /** Forgets the established sessions without a word to the gateway (keys zeroed). */
  void release() {
    established.forEach(InitiatorSession::destroy);
    established.clear();
  }

  /** This UD's configuration towards one CD, the only peer it accepts. */
  private EngineConfig config(Identity cd) {
    byte[] psk = InProcessGateway.PSK.getBytes(StandardCharsets.UTF_8);
    Profile profile = new Profile(Identity.rfc822(InProcessGateway.UD_IDENTITY),
        new Credentials.PreSharedKey(psk), suite.ikeProposals(), suite.groups(),
        suite.espProposals(), false, List.of(cd), Optional.of(new Credentials.PreSharedKey(psk)),
        List.of());
    // UDP encapsulation forced, as strongSwan's kernel-libipsec does: what the gateway forwards.
    return new EngineConfig(profile, ud.bytes(), Limits.DEFAULT,
        EngineConfig.NatTraversal.FORCE, EngineConfig.KeyDeliveryMode.SKEYSEED, 500, NAT_T_PORT,
        false);
  }

  private static InetSocketAddress responder(int cd) {
    return new InetSocketAddress(inet(InProcessGateway.cdAddress(cd)), 500);
  }

  /** An IPv6/UDP packet from this UD to the CD, the non-ESP marker first on port 4500. */
  private void send(Datagram d) {
    byte[] payload = d.local().getPort() == NAT_T_PORT
        ? UdpEncapsulation.encodeIke(d.message())
        : d.message();
    Ipv6Address cd = Ipv6Address.fromBytes(d.remote().getAddress().getAddress());
    ucn.inject(Ipv6Codec.encode(Ipv6Packets.udp(ud, cd, d.local().getPort(),
        d.remote().getPort(), payload, Ipv6Packets.DEFAULT_HOP_LIMIT)));
  }

  /** What the gateway sent this UD as the engine's datagram; empty for anything else. */
  private Optional<Datagram> fromGateway(byte[] packet) {
    if (!(Ipv6Codec.decode(packet) instanceof Decoded.Ok<Ipv6Packet> ip)
        || !(UdpCodec.decode(ip.value()) instanceof Decoded.Ok<UdpDatagram> udp)) {
      return Optional.empty();
    }
    UdpDatagram u = udp.value();
    return Datagram.fromUdp(new InetSocketAddress(inet(ud), u.destinationPort()),
        new InetSocketAddress(inet(ip.value().source()), u.sourcePort()), u.payload(), NAT_T_PORT)
        .filter(x -> x.message().length >= 28);
  }

  private static long spiI(byte[] message) {
    return ByteBuffer.wrap(message, 0, 8).getLong();
  }

  private static InetAddress inet(Ipv6Address a) {
    try {
      return InetAddress.getByAddress(a.bytes());
    } catch (UnknownHostException e) {
      throw new IllegalStateException("16 octets are an IPv6 address", e);
    }
  }
}

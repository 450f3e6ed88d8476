package net.iotgw.sim.ud;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import net.iotgw.protocols.esp.UdpEncapsulation;
import net.iotgw.protocols.ike.engine.Datagram;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.UdpCodec;
import net.iotgw.protocols.ipv6.UdpDatagram;
import net.iotgw.protocols.wire.Decoded;

/**
 * A simulated UD: a host on the Internet that opens IKEv2 SAs to many CDs with our own initiator
 * engine (one {@link InitiatorSession} each, UDP encapsulation forced as strongSwan's
 * kernel-libipsec does), then reads a resource of each over CoAP inside tunnel-mode ESP. It speaks
 * whole IPv6 packets, so its owner connects it to any UCN (the gateway's in-memory port in the
 * demo).
 *
 * <p>Two phases, each started by its owner: {@link #startHandshakes} opens the SAs, at most
 * {@link UdSettings#handshakesInFlight} at once; {@link #startRequests} sends {@link
 * UdSettings#requestsPerCd} GETs to each CD whose SA is up, one at a time per CD and to at most
 * {@link UdSettings#cdsRequestedAtOnce} CDs at once. Never blocking and not thread-safe: the owner
 * feeds it packets and the time, sends what it returns and calls {@link #tick} once {@link
 * #nextTimerAtNanos} has passed. Times are nanoseconds on a monotonic clock.
 */
public final class SimulatedUd {
  private final Ipv6Address address;
  private final UdSettings settings;
  private final SecureRandom random;
  private final Map<Ipv6Address, UdPeer> peers = new LinkedHashMap<>();
  private final ArrayDeque<UdPeer> waiting = new ArrayDeque<>();
  /** Peers with a handshake or a GET under way: what {@link #tick} looks at. */
  private final Set<UdPeer> active = new LinkedHashSet<>();
  private final long[] handshakeNanos;
  private final long[] requestNanos;
  private int handshakesOk;
  private int handshakesFailed;
  private int requestsOk;
  private int requestsFailed;
  private int requestsSkipped;
  private long coapRetransmissions;
  private long ikeOctetsSent;
  private long ikeOctetsReceived;
  private long espSent;
  private long espReceived;
  private long ignored;
  private long closedIkeRetransmissions;

  public SimulatedUd(Ipv6Address address, List<UdTarget> targets, UdSettings settings,
      SecureRandom random) {
    this.address = address;
    this.settings = settings;
    this.random = random;
    for (UdTarget t : targets) {
      if (peers.putIfAbsent(t.address(), new UdPeer(t)) != null) {
        throw new IllegalArgumentException("CD " + t.address() + " given twice");
      }
    }
    this.handshakeNanos = new long[targets.size()];
    this.requestNanos = new long[targets.size() * settings.requestsPerCd()];
  }

  public Ipv6Address address() {
    return address;
  }

  /** Phase one: IKE_SA_INIT to the first CDs; the others follow as handshakes end. */
  public List<byte[]> startHandshakes(long nowNanos) {
    for (UdPeer p : peers.values()) {
      if (p.phase == UdPeer.Phase.WAITING) {
        waiting.add(p);
      }
    }
    List<byte[]> out = new ArrayList<>();
    fillHandshakes(nowNanos, out);
    return out;
  }

  /** Phase two: GETs to every CD whose SA is up; those without one are counted as skipped. */
  public List<byte[]> startRequests(long nowNanos) {
    waiting.clear();
    for (UdPeer p : peers.values()) {
      if (p.phase == UdPeer.Phase.UP) {
        p.requestsLeft = settings.requestsPerCd();
        waiting.add(p);
      } else {
        requestsSkipped += settings.requestsPerCd();
      }
    }
    List<byte[]> out = new ArrayList<>();
    fillRequests(nowNanos, out);
    return out;
  }

  /** An IPv6 packet from the UCN addressed to this UD; returns what to send. */
  public List<byte[]> receive(byte[] packet, long nowNanos) {
    List<byte[]> out = new ArrayList<>();
    if (!(Ipv6Codec.decode(packet) instanceof Decoded.Ok<Ipv6Packet> ip)
        || !ip.value().destination().equals(address)
        || !(UdpCodec.decode(ip.value()) instanceof Decoded.Ok<UdpDatagram> udp)) {
      ignored++;
      return out;
    }
    UdPeer peer = peers.get(ip.value().source());
    UdpDatagram u = udp.value();
    if (peer == null) {
      ignored++;
    } else if (u.destinationPort() == UdpEncapsulation.PORT) {
      fromNatTPort(peer, u, nowNanos, out);
    } else if (u.destinationPort() == peer.target.config().ikePort()) {
      ike(peer, new Datagram(UdPeer.at(address, u.destinationPort()),
          UdPeer.at(peer.cd(), u.sourcePort()), u.payload()), nowNanos, out);
    } else {
      ignored++;
    }
    return out;
  }

  /** Fires what is due: IKE retransmissions, handshake deadlines, CoAP retransmissions. */
  public List<byte[]> tick(long nowNanos) {
    List<byte[]> out = new ArrayList<>();
    for (UdPeer p : List.copyOf(active)) {
      if (p.phase == UdPeer.Phase.HANDSHAKING) {
        sendIke(p, p.session.tick(millis(nowNanos)), out);
        checkHandshake(p, nowNanos, out);
      } else if (p.phase == UdPeer.Phase.UP && p.coap.busy()) {
        p.coap.tick(nowNanos).ifPresent(o -> onCoap(p, o, nowNanos, out));
      }
    }
    return out;
  }

  /** When {@link #tick} has work next; empty when nothing is under way. */
  public OptionalLong nextTimerAtNanos() {
    long next = Long.MAX_VALUE;
    for (UdPeer p : active) {
      if (p.phase == UdPeer.Phase.HANDSHAKING) {
        next = Math.min(next, p.handshakeStartedNanos + settings.handshakeTimeoutMillis()
            * 1_000_000L);
        OptionalLong ike = p.session.nextTimerAt();
        if (ike.isPresent()) {
          next = Math.min(next, ike.getAsLong() * 1_000_000L);
        }
      } else if (p.phase == UdPeer.Phase.UP) {
        OptionalLong coap = p.coap.nextTimerAtNanos();
        if (coap.isPresent()) {
          next = Math.min(next, coap.getAsLong());
        }
      }
    }
    return next == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(next);
  }

  public UdProgress progress() {
    long ikeRetransmissions = closedIkeRetransmissions;
    for (UdPeer p : peers.values()) {
      if (p.session != null) {
        ikeRetransmissions += p.session.retransmissions();
      }
    }
    return new UdProgress(peers.size(), handshakesOk, handshakesFailed, requestNanos.length,
        requestsOk, requestsFailed, requestsSkipped, ikeRetransmissions, coapRetransmissions,
        ikeOctetsSent, ikeOctetsReceived, espSent, espReceived, ignored,
        Arrays.copyOf(handshakeNanos, handshakesOk), Arrays.copyOf(requestNanos, requestsOk));
  }

  /** Ends every SA without a word to the CDs and zeroes their keys. */
  public void destroy() {
    peers.values().forEach(UdPeer::destroy);
    active.clear();
    waiting.clear();
  }

  private void fillHandshakes(long nowNanos, List<byte[]> out) {
    while (active.size() < settings.handshakesInFlight() && !waiting.isEmpty()) {
      UdPeer p = waiting.poll();
      UdTarget t = p.target;
      InitiatorSession.Started started = InitiatorSession.start(t.config(),
          UdPeer.at(t.address(), t.config().ikePort()), Optional.of(t.identity()),
          millis(nowNanos), random);
      p.session = started.session();
      p.handshakeStartedNanos = nowNanos;
      p.phase = UdPeer.Phase.HANDSHAKING;
      active.add(p);
      sendIke(p, started.toSend(), out);
    }
  }

  private void fillRequests(long nowNanos, List<byte[]> out) {
    while (active.size() < settings.cdsRequestedAtOnce() && !waiting.isEmpty()) {
      UdPeer p = waiting.poll();
      if (p.requestsLeft > 0) {
        active.add(p);
        sendGet(p, nowNanos, out);
      }
    }
  }

  private void fromNatTPort(UdPeer peer, UdpDatagram u, long nowNanos, List<byte[]> out) {
    Decoded<UdpEncapsulation.Datagram> d = UdpEncapsulation.decode(u.payload());
    if (d instanceof Decoded.Ok<UdpEncapsulation.Datagram> ok
        && ok.value() instanceof UdpEncapsulation.Ike ike) {
      ike(peer, new Datagram(UdPeer.at(address, u.destinationPort()),
          UdPeer.at(peer.cd(), u.sourcePort()), ike.message()), nowNanos, out);
    } else if (d instanceof Decoded.Ok<UdpEncapsulation.Datagram> ok
        && ok.value() instanceof UdpEncapsulation.Esp esp) {
      Optional<byte[]> coap = peer.openCoap(address, esp.packet());
      if (coap.isEmpty()) {
        ignored++;
        return;
      }
      espReceived++;
      if (peer.phase == UdPeer.Phase.UP) {
        peer.coap.receive(coap.get(), nowNanos).ifPresent(o -> onCoap(peer, o, nowNanos, out));
      }
    } else {
      ignored++;
    }
  }

  private void ike(UdPeer peer, Datagram datagram, long nowNanos, List<byte[]> out) {
    if (peer.session == null) {
      ignored++;
      return;
    }
    ikeOctetsReceived += datagram.udpPayload(UdpEncapsulation.PORT).length;
    sendIke(peer, peer.session.receive(datagram, millis(nowNanos)), out);
    if (peer.phase == UdPeer.Phase.HANDSHAKING) {
      checkHandshake(peer, nowNanos, out);
    }
  }

  /** Ends a handshake that succeeded, closed or ran out of time, and starts the next. */
  private void checkHandshake(UdPeer p, long nowNanos, List<byte[]> out) {
    if (p.session.isEstablished() && p.session.child().isPresent()) {
      handshakeNanos[handshakesOk++] = nowNanos - p.handshakeStartedNanos;
      p.esp = new LocalEsp(p.session.child().get(), random);
      p.coap = new CoapGetClient(settings.path(), settings.coap(), random);
      p.phase = UdPeer.Phase.UP;
    } else if (p.session.isClosed() || nowNanos - p.handshakeStartedNanos
        >= settings.handshakeTimeoutMillis() * 1_000_000L) {
      handshakesFailed++;
      closedIkeRetransmissions += p.session.retransmissions();
      p.destroy();
      p.session = null;
      p.phase = UdPeer.Phase.FAILED;
    } else {
      return;
    }
    active.remove(p);
    fillHandshakes(nowNanos, out);
  }

  private void onCoap(UdPeer p, CoapGetClient.Outcome outcome, long nowNanos, List<byte[]> out) {
    if (outcome instanceof CoapGetClient.Outcome.Retransmit r) {
      coapRetransmissions++;
      out.add(p.coapPacket(address, r.message()));
      espSent++;
      return;
    }
    if (outcome instanceof CoapGetClient.Outcome.Answered a && a.isContent()) {
      requestNanos[requestsOk++] = a.latencyNanos();
    } else {
      requestsFailed++;
    }
    if (p.requestsLeft > 0) {
      sendGet(p, nowNanos, out);
    } else {
      active.remove(p);
      fillRequests(nowNanos, out);
    }
  }

  private void sendGet(UdPeer p, long nowNanos, List<byte[]> out) {
    p.requestsLeft--;
    out.add(p.coapPacket(address, p.coap.get(nowNanos)));
    espSent++;
  }

  private void sendIke(UdPeer p, List<Datagram> datagrams, List<byte[]> out) {
    for (Datagram d : datagrams) {
      ikeOctetsSent += d.udpPayload(UdpEncapsulation.PORT).length;
      out.add(UdPeer.ikePacket(address, p.cd(), d));
    }
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }
}

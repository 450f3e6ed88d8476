package net.iotgw.sim.cd;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.iotgw.protocols.esp.EspHeader;
import net.iotgw.protocols.esp.EspPayload;
import net.iotgw.protocols.esp.UdpEncapsulation;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.CryptoObserver;
import net.iotgw.protocols.ike.engine.Datagram;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.IkeCryptoOperation;
import net.iotgw.protocols.ike.engine.Limits;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.ipv6.UdpDatagram;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.sim.ud.InitiatorSession;
import net.iotgw.sim.ud.LocalEsp;

/**
 * A CD that runs IKEv2 and ESP itself, the paper's baseline (Sec. III-C): our initiator engine on
 * the CD opens an IKE SA with one CHILD_SA to a UD, over the CD's own link, and then the CD seals
 * and opens ESP under it. Every cryptographic operation the engine and the ESP do is counted on
 * the CD's counters, public-key ones as {@link CryptoOperation#PUBLIC_KEY}: the cost the offload
 * takes away. Confined to the CD's thread, like the CD.
 *
 * <p>No NAT between CD and UD: IKE stays on port 500 and ESP is raw (RFC 7296 §2.23). Should the
 * engine detect a NAT, IKE and the CD's ESP go on port 4500 (RFC 3948), but ESP in UDP from the
 * UD is not taken.
 */
final class BaselineIke {
  static final int IKE_PORT = 500;

  private final Ipv6Address cd;
  private final Ipv6Address ud;
  private final CdCounters counters;
  private final SecureRandom random;
  private final InitiatorSession session;
  private final long startedAt;
  /** The CD's counters before IKE_SA_INIT went out. */
  private final CdStats before;
  private HandshakeCost cost;
  private LocalEsp esp;
  private long establishedAt = -1;
  private long espReceived;
  private long espSent;

  private BaselineIke(Ipv6Address cd, Ipv6Address ud, CdCounters counters, SecureRandom random,
      InitiatorSession session, long startedAt, CdStats before) {
    this.cd = cd;
    this.ud = ud;
    this.counters = counters;
    this.random = random;
    this.session = session;
    this.startedAt = startedAt;
    this.before = before;
  }

  /** The session and its IKE_SA_INIT request, as IPv6 packets from the CD's address. */
  record Started(BaselineIke ike, List<Ipv6Packet> packets) {}

  static Started start(BaselineIkeSettings settings, Ipv6Address cd, CdCounters counters,
      SecureRandom random, long nowMillis) {
    CdStats before = counters.snapshot();
    EngineConfig config = new EngineConfig(settings.profile(), cd.bytes(), Limits.DEFAULT,
        EngineConfig.NatTraversal.DETECT, EngineConfig.KeyDeliveryMode.SKEYSEED, IKE_PORT,
        UdpEncapsulation.PORT, false, observer(counters));
    InitiatorSession.Started s = InitiatorSession.start(config,
        at(settings.responder(), IKE_PORT), Optional.of(settings.responderIdentity()), nowMillis,
        random);
    BaselineIke ike = new BaselineIke(cd, settings.responder(), counters, random, s.session(),
        nowMillis, before);
    return new Started(ike, ike.packets(s.toSend(), nowMillis));
  }

  /** The engine's operations as the CD's kinds: (EC)DH and signatures are public-key work. */
  static CryptoObserver observer(CdCounters counters) {
    return (op, n) -> counters.crypto(kind(op), n);
  }

  static CryptoOperation kind(IkeCryptoOperation op) {
    return switch (op) {
      case KEY_PAIR, KEY_AGREEMENT, SIGN, VERIFY -> CryptoOperation.PUBLIC_KEY;
      case PRF -> CryptoOperation.PRF;
      case AEAD_SEAL -> CryptoOperation.AEAD_SEAL;
      case AEAD_OPEN -> CryptoOperation.AEAD_OPEN;
      case CIPHER -> CryptoOperation.CIPHER;
      case INTEGRITY -> CryptoOperation.HMAC;
    };
  }

  /** Whether a UDP datagram to the CD is this session's IKE (ports 500 and 4500). */
  boolean isIke(Ipv6Packet p, UdpDatagram udp) {
    return p.source().equals(ud)
        && (udp.destinationPort() == IKE_PORT || udp.destinationPort() == UdpEncapsulation.PORT);
  }

  /** IKE from the UD (or ESP in UDP on port 4500); returns what the CD sends. */
  List<Ipv6Packet> onUdp(Ipv6Packet p, UdpDatagram udp, long nowMillis) {
    Optional<Datagram> d = Datagram.fromUdp(at(cd, udp.destinationPort()),
        at(p.source(), udp.sourcePort()), udp.payload(), UdpEncapsulation.PORT);
    if (d.isEmpty()) {
      // ESP in UDP reaches a CD only behind a NAT, which the baseline does not model.
      counters.drop(DropReason.UNSUPPORTED);
      return List.of();
    }
    return packets(session.receive(d.get(), nowMillis), nowMillis);
  }

  /** Retransmissions and the engine's other timers. */
  List<Ipv6Packet> onTimer(long nowMillis) {
    if (session.nextTimerAt().orElse(Long.MAX_VALUE) > nowMillis) {
      return List.of();
    }
    return packets(session.tick(nowMillis), nowMillis);
  }

  OptionalLong nextDeadline() {
    return session.nextTimerAt();
  }

  /** Whether ESP with {@code spi} is for this session's CHILD_SA. */
  boolean owns(int spi) {
    return esp != null && esp.child().inboundSpi() == spi;
  }

  /**
   * ESP (SPI onwards) from the UD: the packet it protects (rebuilt with the outer addresses in
   * transport mode), if authentic and fresh.
   */
  Optional<Ipv6Packet> open(Ipv6Packet outer, byte[] espPacket) {
    if (esp == null) {
      return Optional.empty();
    }
    counters.crypto(esp.child().esp().isAead() ? CryptoOperation.AEAD_OPEN : CryptoOperation.HMAC);
    Optional<EspPayload> payload = esp.open(espPacket);
    if (payload.isEmpty()) {
      counters.drop(DropReason.ESP_AUTHENTICATION_FAILED);
      return Optional.empty();
    }
    if (!esp.child().esp().isAead()) {
      counters.crypto(CryptoOperation.CIPHER);
    }
    espReceived++;
    counters.espReceived();
    if (esp.child().mode() == ChildSa.Mode.TRANSPORT) {
      return Optional.of(Ipv6Packet.of(outer.source(), outer.destination(),
          payload.get().nextHeader(), outer.hopLimit(), payload.get().data()));
    }
    return Ipv6Codec.decode(payload.get().data()) instanceof Decoded.Ok<Ipv6Packet> inner
        ? Optional.of(inner.value()) : Optional.empty();
  }

  /** {@code reply} sealed under the CHILD_SA, as the packet the CD sends to the UD. */
  Optional<Ipv6Packet> seal(Ipv6Packet reply) {
    if (esp == null) {
      return Optional.empty();
    }
    ChildSa child = esp.child();
    boolean tunnel = child.mode() == ChildSa.Mode.TUNNEL;
    byte[] sealed = esp.seal(tunnel ? EspPayload.tunnel(Ipv6Codec.encode(reply))
        : new EspPayload(reply.protocol(), reply.payload()));
    if (child.esp().isAead()) {
      counters.crypto(CryptoOperation.AEAD_SEAL);
    } else {
      counters.crypto(CryptoOperation.CIPHER);
      counters.crypto(CryptoOperation.HMAC);
    }
    espSent++;
    counters.espSent();
    if (child.udpEncapsulation()) {
      return Optional.of(Ipv6Packets.udp(cd, ud, UdpEncapsulation.PORT,
          child.peer().getPort(), sealed, Ipv6Packets.DEFAULT_HOP_LIMIT));
    }
    return Optional.of(Ipv6Packet.of(cd, ud, CdEsp.PROTOCOL, Ipv6Packets.DEFAULT_HOP_LIMIT,
        sealed));
  }

  BaselineIkeStatus status() {
    BaselineIkeStatus.State state = session.isClosed() ? BaselineIkeStatus.State.CLOSED
        : session.isEstablished() ? BaselineIkeStatus.State.ESTABLISHED
            : BaselineIkeStatus.State.CONNECTING;
    return new BaselineIkeStatus(state, startedAt,
        establishedAt < 0 ? OptionalLong.empty() : OptionalLong.of(establishedAt),
        session.datagramsSent(), session.retransmissions(), espReceived, espSent,
        Optional.ofNullable(cost));
  }

  void destroy() {
    if (esp != null) {
      esp.destroy();
    }
    session.destroy();
  }

  private List<Ipv6Packet> packets(List<Datagram> datagrams, long nowMillis) {
    if (esp == null && session.isEstablished() && session.child().isPresent()) {
      esp = new LocalEsp(session.child().get(), random);
      establishedAt = nowMillis;
      // The last frame of the IKE_AUTH response is counted: the CD counts a frame on arrival.
      cost = HandshakeCost.between(before, counters.snapshot());
    }
    List<Ipv6Packet> out = new ArrayList<>(datagrams.size());
    for (Datagram d : datagrams) {
      out.add(Ipv6Packets.udp(cd, ud, d.local().getPort(), d.remote().getPort(),
          d.udpPayload(UdpEncapsulation.PORT), Ipv6Packets.DEFAULT_HOP_LIMIT));
    }
    return out;
  }

  /** The SPI of an ESP packet (SPI onwards), or 0 if it is too short. */
  static int spiOf(byte[] espPacket) {
    return EspHeader.decode(espPacket) instanceof Decoded.Ok<EspHeader> h ? h.value().spi() : 0;
  }

  private static InetSocketAddress at(Ipv6Address a, int port) {
    try {
      return new InetSocketAddress(InetAddress.getByAddress(a.bytes()), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("16 octets make an IPv6 address", e);
    }
  }
}

package net.iotgw.sim.cd;

import java.net.Inet6Address;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.esp.EspHeader;
import net.iotgw.protocols.esp.EspOpenResult;
import net.iotgw.protocols.esp.EspPacket;
import net.iotgw.protocols.esp.EspPayload;
import net.iotgw.protocols.esp.EspSa;
import net.iotgw.protocols.esp.IvSource;
import net.iotgw.protocols.esp.NextHeader;
import net.iotgw.protocols.esp.ReplayWindow;
import net.iotgw.protocols.esp.SequenceCounter;
import net.iotgw.protocols.esp.SequenceExhausted;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.codec.TrafficSelector;
import net.iotgw.protocols.ike.crypto.Prf;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.KeyDelivery;
import net.iotgw.protocols.ike.keys.ChildSaKeys;
import net.iotgw.protocols.ike.keys.KeySchedule;
import net.iotgw.protocols.ipv6.ExtensionHeaderType;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.offload.DeliveryRefusal;
import net.iotgw.protocols.offload.DeliveryRefusalCodec;
import net.iotgw.protocols.offload.KeyDeliveryCodec;
import net.iotgw.protocols.offload.OffloadMessage;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.wire.Decoded;

/**
 * A CD's end of the ESP SAs the gateway negotiated for it (paper Sec. III-D): the SA pairs it
 * installed from key deliveries, found by the SPI of the inbound SA (RFC 4303 §3.4.2), and the
 * processing of RFC 4303 §3.3/§3.4 and RFC 4301 §5 on raw ESP (IPv6 Next Header 50; the gateway
 * takes any UDP encapsulation off on its side, RFC 3948). Tunnel mode carries whole inner IPv6
 * packets, transport mode the upper layer under the outer header.
 *
 * <p>Every cryptographic operation is counted in the CD's {@link CdCounters}: the PRF calls of
 * the key derivation (its prf+ blocks), and per packet one AEAD seal or open, or for AES-CBC with
 * HMAC one HMAC and, once the ICV verified, one CBC decryption (encrypt-then-MAC).
 *
 * <p>Mutable, confined to the CD's thread. An SA past its hard lifetime is dropped when next
 * looked up; {@link #destroy} zeroes every key.
 */
final class CdEsp {
  /** The IPv6 Next Header value of ESP (RFC 4303 §2, IANA protocol numbers). */
  static final int PROTOCOL = 50;

  private final RandomGenerator random;
  private final CdCounters counters;
  /** In installation order: the newest pair to a peer is the last. */
  private final Map<Integer, SaPair> byInboundSpi = new java.util.LinkedHashMap<>(4);

  /** One SA pair from the CD's side: inbound carries traffic to it, outbound from it. */
  static final class SaPair {
    final EspSa inbound;
    final ReplayWindow window = new ReplayWindow();
    final EspSa outbound;
    final SequenceCounter sequence;
    final ChildSa.Mode mode;
    final Ipv6Address peer;
    final List<TrafficSelector> cdSelectors;
    final List<TrafficSelector> peerSelectors;
    final long expiresAt;
    final IvSource iv;
    /** Whether the CD initiated the SA (it asked the gateway for it), not the UD. */
    final boolean initiator;

    private SaPair(EspSa inbound, EspSa outbound, KeyDelivery d, Ipv6Address peer, long expiresAt,
        IvSource iv) {
      this.inbound = inbound;
      this.outbound = outbound;
      this.sequence = SequenceCounter.forSa(outbound);
      this.mode = d.childMode();
      this.peer = peer;
      this.cdSelectors = d.cdSelectors();
      this.peerSelectors = d.peerSelectors();
      this.expiresAt = expiresAt;
      this.iv = iv;
      this.initiator = d.cdRole() == Role.INITIATOR;
    }

    void destroy() {
      inbound.destroy();
      outbound.destroy();
    }
  }

  /** What became of an inbound ESP packet. */
  sealed interface Opened {}

  /**
   * Authentic, fresh and within the SA's policy: the packet the CD's stack handles, and its
   * bytes (for an ICMPv6 error about it).
   */
  record Accepted(SaPair sa, Ipv6Packet inner, byte[] innerBytes) implements Opened {}

  /** Dropped; the reason is the caller's to count. */
  record Refused(DropReason reason) implements Opened {}

  /** @param random draws the IVs of AES-CBC (RFC 3602 §2.1); the AEADs count their IVs */
  CdEsp(RandomGenerator random, CdCounters counters) {
    this.random = random;
    this.counters = counters;
  }

  /**
   * Derives the keys of {@code d} as the paper's CD does ({@link KeyDelivery#deriveChildKeys})
   * and installs the SA pair, replacing one with the same inbound SPI. A delivery for a peer that
   * is not IPv6 is refused: the constrained network is IPv6 only. The delivery is not zeroed here.
   *
   * @return whether it was installed
   */
  boolean install(KeyDelivery d, long now) {
    if (!(d.peer().getAddress() instanceof Inet6Address peer)) {
      return false;
    }
    ChildSaKeys keys = d.deriveChildKeys();
    counters.crypto(CryptoOperation.PRF, prfCalls(d));
    try {
      boolean initiator = d.cdRole() == Role.INITIATOR;
      EspSa in = new EspSa(d.cdInboundSpi(), d.esp(),
          initiator ? keys.responderToInitiator() : keys.initiatorToResponder(), false);
      EspSa out = new EspSa(d.cdOutboundSpi(), d.esp(),
          initiator ? keys.initiatorToResponder() : keys.responderToInitiator(), false);
      IvSource iv = d.esp().isAead() ? IvSource.sequenceNumber() : (seq, b) -> random.nextBytes(b);
      long expiresAt = now + d.lifetimeMillis() < now ? Long.MAX_VALUE : now + d.lifetimeMillis();
      SaPair previous = byInboundSpi.put(d.cdInboundSpi(),
          new SaPair(in, out, d, Ipv6Address.fromBytes(peer.getAddress()), expiresAt, iv));
      if (previous != null) {
        previous.destroy();
      }
      return true;
    } finally {
      keys.destroy();
    }
  }

  /**
   * The gateway's offload messages, each in its vendor AVP ({@link KeyDeliveryCodec}); other
   * AVPs are not the CD's business. A delivery's secret is zeroed once its keys are derived.
   *
   * @return the UDs of the SA pairs installed here that the CD initiated (it asked for them)
   */
  List<Ipv6Address> deliver(List<Avp> avps, long now) {
    List<Ipv6Address> initiatedTo = new java.util.ArrayList<>();
    for (Avp a : avps) {
      if (!KeyDeliveryCodec.isOffload(a)) {
        continue;
      }
      Decoded<OffloadMessage> m = KeyDeliveryCodec.decodeMessage(a);
      if (!(m instanceof Decoded.Ok<OffloadMessage> ok)) {
        counters.drop(DropReason.KEY_DELIVERY_REFUSED);
      } else if (ok.value() instanceof OffloadMessage.Install install) {
        KeyDelivery d = install.delivery();
        try {
          if (install(d, now)) {
            counters.keyDelivered();
            if (d.cdRole() == Role.INITIATOR) {
              initiatedTo.add(Ipv6Address.fromBytes(d.peer().getAddress().getAddress()));
            }
          } else {
            counters.drop(DropReason.KEY_DELIVERY_REFUSED);
          }
        } finally {
          d.destroy();
        }
      } else if (ok.value() instanceof OffloadMessage.Removal r && remove(r.cdInboundSpi())) {
        counters.saRemoved();
      }
    }
    return initiatedTo;
  }

  /**
   * The CD's verdict on a delivery, before its PNA goes out (a {@code DeliveryVerdict}): a
   * negative acknowledgement ({@link DeliveryRefusalCodec}) for an offload AVP that does not
   * decode, or whose SA the CD could not use (a UD that is not IPv6); else none. Nothing is
   * installed here: {@link #deliver} does that once the delivery is acknowledged.
   */
  static List<Avp> verdict(List<Avp> delivered) {
    for (Avp a : delivered) {
      if (!KeyDeliveryCodec.isOffload(a)) {
        continue;
      }
      Decoded<OffloadMessage> m = KeyDeliveryCodec.decodeMessage(a);
      if (m instanceof Decoded.Failed<OffloadMessage> f) {
        return List.of(DeliveryRefusalCodec.encode(DeliveryRefusalCodec.refusalFor(f.error())));
      }
      if (((Decoded.Ok<OffloadMessage>) m).value() instanceof OffloadMessage.Install i) {
        KeyDelivery d = i.delivery();
        boolean usable = d.peer().getAddress() instanceof Inet6Address;
        int spi = d.cdInboundSpi();
        d.destroy();
        if (!usable) {
          return List.of(DeliveryRefusalCodec.encode(
              new DeliveryRefusal(DeliveryRefusal.Reason.UNUSABLE, spi)));
        }
      }
    }
    return List.of();
  }

  /** Whether {@code a} is a key delivery (an Install) that decodes; its secret is zeroed. */
  static boolean isInstall(Avp a) {
    if (KeyDeliveryCodec.decode(a) instanceof Decoded.Ok<KeyDelivery> ok) {
      ok.value().destroy();
      return true;
    }
    return false;
  }

  /** The newest SA pair with {@code peer} that the CD initiated, if any is alive. */
  Optional<SaPair> initiatedTo(Ipv6Address peer, long now) {
    SaPair found = null;
    for (SaPair sa : byInboundSpi.values()) {
      if (sa.initiator && sa.peer.equals(peer) && sa.expiresAt > now) {
        found = sa;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The PRF calls of {@link KeyDelivery#deriveChildKeys}: its prf+ blocks (RFC 7296 §2.13). */
  static int prfCalls(KeyDelivery d) {
    Prf prf = Prf.of(d.prf());
    int blocks = blocks(KeySchedule.childKeyMaterialLength(d.esp()), prf.outputLength());
    if (d.mode() == EngineConfig.KeyDeliveryMode.SKEYSEED) {
      blocks += blocks(prf.keyLength(), prf.outputLength()); // SK_d, the first key of §2.14
    }
    return blocks;
  }

  private static int blocks(int length, int blockLength) {
    return (length + blockLength - 1) / blockLength;
  }

  /** Removes and zeroes the pair whose inbound SPI is {@code spi}; false if there was none. */
  boolean remove(int spi) {
    SaPair sa = byInboundSpi.remove(spi);
    if (sa == null) {
      return false;
    }
    sa.destroy();
    return true;
  }

  /**
   * RFC 4303 §3.4 on {@code outer}, an IPv6 packet with protocol 50 to one of the CD's addresses,
   * then the checks of RFC 4301 §5.2: the payload's mode is the SA's and the inner packet lies
   * within its selectors (from the peer's side to the CD's).
   */
  Opened open(Ipv6Packet outer, long now) {
    byte[] packet = outer.payload();
    if (!(EspHeader.decode(packet) instanceof Decoded.Ok<EspHeader> header)) {
      return new Refused(DropReason.ESP_MALFORMED);
    }
    SaPair sa = lookup(header.value().spi(), now);
    if (sa == null) {
      return new Refused(DropReason.ESP_NO_SA);
    }
    EspOpenResult result = EspPacket.open(sa.inbound, sa.window, packet);
    countOpen(sa.inbound.protection(), result);
    if (result instanceof EspOpenResult.Dropped d) {
      return new Refused(switch (d.reason()) {
        case REPLAYED -> DropReason.ESP_REPLAYED;
        case ICV_FAILED -> DropReason.ESP_AUTHENTICATION_FAILED;
        case TOO_SHORT, MISALIGNED, BAD_PADDING, SPI_MISMATCH -> DropReason.ESP_MALFORMED;
      });
    }
    EspPayload payload = ((EspOpenResult.Accepted) result).payload();
    Opened inner = switch (payload.mode()) {
      case DUMMY -> new Refused(DropReason.ESP_DUMMY);
      case TUNNEL -> tunnel(sa, payload);
      case TRANSPORT -> transport(sa, outer, payload);
    };
    if (inner instanceof Accepted a && !SaSelectors.allows(sa.peerSelectors, sa.cdSelectors,
        a.inner())) {
      return new Refused(DropReason.ESP_POLICY);
    }
    return inner;
  }

  private static Opened tunnel(SaPair sa, EspPayload payload) {
    if (sa.mode != ChildSa.Mode.TUNNEL || payload.nextHeader() != NextHeader.IPV6.id()) {
      return new Refused(DropReason.ESP_POLICY);
    }
    return Ipv6Codec.decode(payload.data()) instanceof Decoded.Ok<Ipv6Packet> ok
        ? new Accepted(sa, ok.value(), payload.data())
        : new Refused(DropReason.ESP_MALFORMED);
  }

  /** The upper layer under the outer header, as it was before ESP went in between (§3.1.1). */
  private static Opened transport(SaPair sa, Ipv6Packet outer, EspPayload payload) {
    if (sa.mode != ChildSa.Mode.TRANSPORT
        || ExtensionHeaderType.of(payload.nextHeader()).isPresent()) {
      return new Refused(DropReason.ESP_POLICY);
    }
    Ipv6Packet inner = new Ipv6Packet(outer.trafficClass(), outer.flowLabel(), outer.hopLimit(),
        outer.source(), outer.destination(), List.of(), payload.nextHeader(), payload.data());
    return new Accepted(sa, inner, Ipv6Codec.encode(inner));
  }

  /**
   * The ESP packet that carries {@code reply} (from the CD, within the SA's selectors) to the
   * peer under {@code sa}'s outbound SA: in tunnel mode the whole packet inside one from the CD
   * to the peer, in transport mode its upper layer under its own addresses. Empty, counted, when
   * the SA may not carry it or has no sequence number left.
   */
  Optional<Ipv6Packet> seal(SaPair sa, Ipv6Packet reply) {
    if (!SaSelectors.allows(sa.cdSelectors, sa.peerSelectors, reply)) {
      counters.drop(DropReason.ESP_POLICY);
      return Optional.empty();
    }
    long seq;
    try {
      seq = sa.sequence.next();
    } catch (SequenceExhausted e) {
      counters.drop(DropReason.ESP_SEQUENCE_EXHAUSTED);
      return Optional.empty();
    }
    boolean tunnel = sa.mode == ChildSa.Mode.TUNNEL;
    EspPayload payload = tunnel ? EspPayload.tunnel(Ipv6Codec.encode(reply))
        : new EspPayload(reply.protocol(), reply.payload());
    byte[] esp = EspPacket.seal(sa.outbound, seq, payload, sa.iv);
    PacketProtection protection = sa.outbound.protection();
    if (protection.isAead()) {
      counters.crypto(CryptoOperation.AEAD_SEAL);
    } else {
      counters.crypto(CryptoOperation.CIPHER);
      counters.crypto(CryptoOperation.HMAC);
    }
    counters.espSent();
    return Optional.of(Ipv6Packet.of(reply.source(), tunnel ? sa.peer : reply.destination(),
        PROTOCOL, Ipv6Packets.DEFAULT_HOP_LIMIT, esp));
  }

  /** The checks before the ICV cost nothing; the ICV costs one operation, decryption another. */
  private void countOpen(PacketProtection protection, EspOpenResult result) {
    boolean verified = result.isAccepted()
        || (result instanceof EspOpenResult.Dropped d
            && d.reason() == EspOpenResult.Reason.BAD_PADDING);
    boolean tried = verified || (result instanceof EspOpenResult.Dropped d
        && d.reason() == EspOpenResult.Reason.ICV_FAILED);
    if (!tried) {
      return;
    }
    if (protection.isAead()) {
      counters.crypto(CryptoOperation.AEAD_OPEN);
      return;
    }
    counters.crypto(CryptoOperation.HMAC);
    if (verified) {
      counters.crypto(CryptoOperation.CIPHER);
    }
  }

  private SaPair lookup(int spi, long now) {
    SaPair sa = byInboundSpi.get(spi);
    if (sa != null && sa.expiresAt <= now) {
      remove(spi);
      return null;
    }
    return sa;
  }

  /** Zeroes and forgets every SA. */
  void destroy() {
    byInboundSpi.values().forEach(SaPair::destroy);
    byInboundSpi.clear();
  }

  @Override
  public String toString() {
    return "CdEsp[" + byInboundSpi.size() + " SA pairs]";
  }
}

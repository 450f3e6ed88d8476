package net.iotgw.sim.cd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.esp.EspOpenResult;
import net.iotgw.protocols.esp.EspPacket;
import net.iotgw.protocols.esp.EspPayload;
import net.iotgw.protocols.esp.EspSa;
import net.iotgw.protocols.esp.IvSource;
import net.iotgw.protocols.esp.NextHeader;
import net.iotgw.protocols.esp.ReplayWindow;
import net.iotgw.protocols.esp.SequenceCounter;
import net.iotgw.protocols.esp.SequenceExhausted;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.codec.TrafficSelector;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.EngineConfig.KeyDeliveryMode;
import net.iotgw.protocols.ike.engine.KeyDelivery;
import net.iotgw.protocols.ike.keys.ChildSaKeys;
import net.iotgw.protocols.ike.keys.IkeSaKeys;
import net.iotgw.protocols.ike.keys.KeySchedule;
import net.iotgw.protocols.ike.keys.Suite;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packet;

/**
 * A UD's end of one CHILD_SA pair with a CD, and the {@link KeyDelivery} the gateway sends the CD
 * for it. The UD keys itself as its own IKE stack would, independently of the CD's shortcut: the
 * whole key schedule of RFC 7296 §2.14 from SKEYSEED (the CD takes only SK_d), then KEYMAT (§2.17)
 * split by its own role. It seals requests to the CD with the SA the CD receives on and opens the
 * replies with the other, replay window and all.
 */
final class UdEspPeer {
  static final PrfAlgorithm PRF = PrfAlgorithm.PRF_HMAC_SHA2_256;
  static final int CD_INBOUND_SPI = 0xc0de0001;
  static final int CD_OUTBOUND_SPI = 0xc0de0002;
  static final long LIFETIME_MILLIS = 3_600_000;

  private final KeyDelivery delivery;
  private final ChildSa.Mode mode;
  private final Ipv6Address cd;
  private final EspSa toCd;
  private final EspSa fromCd;
  private final SequenceCounter sequence;
  private final ReplayWindow window = new ReplayWindow();
  private final IvSource iv;

  private UdEspPeer(KeyDelivery delivery, Ipv6Address cd, EspSa toCd, EspSa fromCd,
      SecureRandom random) {
    this.delivery = delivery;
    this.mode = delivery.childMode();
    this.cd = cd;
    this.toCd = toCd;
    this.fromCd = fromCd;
    this.sequence = SequenceCounter.forSa(toCd);
    this.iv = IvSource.random(random);
  }

  /** A pair with the CD at {@code cd}, both sides host selectors, the CD the responder. */
  static UdEspPeer with(Ipv6Address cd, PacketProtection esp, ChildSa.Mode mode, long seed) {
    return with(cd, esp, mode, Role.RESPONDER, KeyDeliveryMode.SKEYSEED,
        List.of(host(GatewaySide.UD)), seed);
  }

  static UdEspPeer with(Ipv6Address cd, PacketProtection esp, ChildSa.Mode mode, Role cdRole,
      KeyDeliveryMode secretType, List<TrafficSelector> peerSelectors, long seed) {
    SecureRandom random = seeded(seed);
    byte[] skeyseed = bytes(random, 32);
    byte[] ni = bytes(random, 32);
    byte[] nr = bytes(random, 32);
    long spiI = random.nextLong();
    long spiR = random.nextLong();
    IkeSaKeys ike = KeySchedule.fromSkeyseed(
        new Suite(PacketProtection.AES_GCM_16_128, PRF, DhGroup.CURVE25519), skeyseed.clone(), ni,
        nr, spiI, spiR);
    byte[] secret = secretType == KeyDeliveryMode.SKEYSEED ? skeyseed : ike.skD().clone();
    KeyDelivery d = new KeyDelivery(secretType, secret, PRF, ni, nr, spiI, spiR, esp, mode,
        CD_INBOUND_SPI, CD_OUTBOUND_SPI, List.of(host(cd)), peerSelectors, cdRole, udAt(4500),
        true, LIFETIME_MILLIS);
    ChildSaKeys keys = KeySchedule.childSa(PRF, ike.skD(), esp, ni, nr);
    boolean udInitiates = cdRole == Role.RESPONDER;
    EspSa toCd = new EspSa(CD_INBOUND_SPI, esp,
        udInitiates ? keys.initiatorToResponder() : keys.responderToInitiator(), false);
    EspSa fromCd = new EspSa(CD_OUTBOUND_SPI, esp,
        udInitiates ? keys.responderToInitiator() : keys.initiatorToResponder(), false);
    keys.destroy();
    ike.destroy();
    return new UdEspPeer(d, cd, toCd, fromCd, random);
  }

  static TrafficSelector host(Ipv6Address a) {
    return TrafficSelector.AddressRange.of(a.bytes(), a.bytes());
  }

  /** What the gateway delivers to the CD for this pair. */
  KeyDelivery delivery() {
    return delivery;
  }

  /** {@code request}, from the UD to the CD, protected as RFC 4303 §3.3 says in this mode. */
  Ipv6Packet seal(Ipv6Packet request) {
    EspPayload payload = mode == ChildSa.Mode.TUNNEL
        ? EspPayload.tunnel(Ipv6Codec.encode(request))
        : new EspPayload(request.protocol(), request.payload());
    long seq;
    try {
      seq = sequence.next();
    } catch (SequenceExhausted e) {
      throw new AssertionError(e);
    }
    return Ipv6Packet.of(GatewaySide.UD, cd, CdEsp.PROTOCOL, 64,
        EspPacket.seal(toCd, seq, payload, iv));
  }

  /** The packet a reply from the CD protects; the test fails if it does not open. */
  Ipv6Packet open(Ipv6Packet outer) {
    assertEquals(CdEsp.PROTOCOL, outer.protocol(), outer.toString());
    assertEquals(cd, outer.source());
    assertEquals(GatewaySide.UD, outer.destination());
    EspOpenResult r = EspPacket.open(fromCd, window, outer.payload());
    EspPayload payload = assertInstanceOf(EspOpenResult.Accepted.class, r, r.toString()).payload();
    if (mode == ChildSa.Mode.TUNNEL) {
      assertEquals(NextHeader.IPV6.id(), payload.nextHeader());
      return Ipv6Codec.decode(payload.data()).orThrow();
    }
    return Ipv6Packet.of(outer.source(), outer.destination(), payload.nextHeader(),
        outer.hopLimit(), payload.data());
  }

  private static InetSocketAddress udAt(int port) {
    try {
      return new InetSocketAddress(InetAddress.getByAddress(GatewaySide.UD.bytes()), port);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] bytes(SecureRandom r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  private static SecureRandom seeded(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      return r;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

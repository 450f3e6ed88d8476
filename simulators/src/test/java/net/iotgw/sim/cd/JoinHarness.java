package net.iotgw.sim.cd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import net.iotgw.protocols.ieee802154.MacFrameCodec;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.ipv6.UdpCodec;
import net.iotgw.protocols.ipv6.UdpDatagram;
import net.iotgw.protocols.pana.PanaCodec;
import net.iotgw.protocols.pana.PanaMessage;

/**
 * A joining {@link SimulatedCd} and the gateway built from protocols ({@link GatewaySide} for
 * the link, {@link PaaSide} for PANA), wired frame by frame on one clock. PANA from the CD goes to
 * the PAA, the PAA's answers go back in frames to the CD; the gateway installs the CD's key when
 * its PAA session opens and drops it when the session ends. {@link #loseFromCd} and {@link
 * #loseFromGateway} lose chosen PANA messages in flight; every frame the CD sends is kept.
 */
final class JoinHarness {
  static final long NOW = 1_700_000_000_000L;
  static final long CD_EUI64 = 0x0200_0000_0000_0001L;
  static final String IDENTITY = "cd1@iot.example";
  static final byte[] PSK = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");

  final GatewaySide gateway = new GatewaySide();
  final PaaSide paa;
  final SimulatedCd cd;
  final JoinSettings settings;
  long now = NOW;
  Predicate<PanaMessage> loseFromCd = m -> false;
  Predicate<PanaMessage> loseFromGateway = m -> false;
  /** Every PSDU the CD transmitted, in order. */
  final List<byte[]> cdFrames = new ArrayList<>();
  final List<PanaMessage> panaFromCd = new ArrayList<>();
  final List<PanaMessage> panaFromGateway = new ArrayList<>();
  /** The PAA's PANA messages as sent. */
  final List<byte[]> panaWireFromGateway = new ArrayList<>();
  /** Packets the CD sent that were not PANA, with their protection. */
  final List<GatewaySide.Received> dataFromCd = new ArrayList<>();

  JoinHarness(JoinSettings settings, byte[] cdPsk, long lifetimeSeconds) {
    this.settings = settings;
    this.paa = new PaaSide(Map.of(IDENTITY, PSK), lifetimeSeconds);
    this.cd = SimulatedCd.joining(GatewaySide.NETWORK, CD_EUI64,
        new CdCredentials(IDENTITY, cdPsk, OptionalLong.empty()), settings,
        new SplittableRandom(42));
  }

  JoinHarness() {
    this(JoinSettings.DEFAULTS, PSK, 3600);
  }

  /** The CD starts its join; everything runs until both sides are quiet. */
  void start() {
    fromCd(cd.start(now));
  }

  /** Frames the CD sent: PANA goes to the PAA, the rest into {@link #dataFromCd}. */
  void fromCd(List<byte[]> psdus) {
    for (byte[] psdu : psdus) {
      assertTrue(psdu.length <= MacFrameCodec.MAX_PHY_PACKET_SIZE, psdu.length + " octets");
      cdFrames.add(psdu);
    }
    for (GatewaySide.Received r : gateway.receivedFrom(cd, psdus, now)) {
      UdpDatagram udp = r.packet().protocol() == UdpDatagram.PROTOCOL
          ? UdpCodec.decode(r.packet()).orThrow() : null;
      if (udp == null || udp.destinationPort() != SimulatedCd.PANA_PORT) {
        dataFromCd.add(r);
        continue;
      }
      PanaMessage m = PanaCodec.decode(udp.payload()).orThrow();
      panaFromCd.add(m);
      if (!loseFromCd.test(m)) {
        toCd(paa.receive(udp.payload(), now));
      }
    }
  }

  /** PANA messages from the PAA, each in frames to the CD; the CD's answers go back. */
  void toCd(List<byte[]> messages) {
    installOrRemoveKey();
    for (byte[] m : messages) {
      PanaMessage decoded = PanaCodec.decode(m).orThrow();
      panaFromGateway.add(decoded);
      panaWireFromGateway.add(m);
      if (loseFromGateway.test(decoded)) {
        continue;
      }
      Ipv6Packet p = Ipv6Packets.udp(GatewaySide.NETWORK.gatewayLinkLocalAddress(),
          cd.linkLocalAddress(), SimulatedCd.PANA_PORT, SimulatedCd.PANA_PORT, m, 64);
      for (byte[] f : gateway.framesTo(cd, p)) {
        fromCd(cd.onFrame(f, now));
      }
    }
  }

  /** The contract: the key is installed when the PAA session opens, removed when it ends. */
  private void installOrRemoveKey() {
    if (paa.linkKey != null && gateway.key() != paa.linkKey) {
      gateway.install(paa.linkKey, settings.level());
    } else if (paa.linkKey == null && gateway.key() != null) {
      gateway.install(null, settings.level());
    }
  }

  /** The PAA delivers {@code avps} to the admitted CD; the CD's PNA goes back to the PAA. */
  void deliver(List<net.iotgw.protocols.pana.Avp> avps) {
    toCd(paa.deliver(avps, now));
  }

  /** Moves the clock to the earliest deadline of either side and fires it; false if none. */
  boolean fireNext() {
    OptionalLong c = cd.nextDeadline();
    OptionalLong g = paa.nextDeadline();
    if (c.isEmpty() && g.isEmpty()) {
      return false;
    }
    now = Math.min(c.orElse(Long.MAX_VALUE), g.orElse(Long.MAX_VALUE));
    fromCd(cd.onTimer(now));
    toCd(paa.timers(now));
    return true;
  }

  /** Fires deadlines until the CD is in {@code state} or {@code max} have fired. */
  void fireUntil(JoinState state, int max) {
    for (int i = 0; i < max && cd.joinStatus().state() != state; i++) {
      if (!fireNext()) {
        return;
      }
    }
  }

  /** The packets in {@code psdus}, from the CD, checked by the gateway's side. */
  List<GatewaySide.Received> received(List<byte[]> psdus) {
    psdus.forEach(p -> cdFrames.add(p));
    return gateway.receivedFrom(cd, psdus, now);
  }
}

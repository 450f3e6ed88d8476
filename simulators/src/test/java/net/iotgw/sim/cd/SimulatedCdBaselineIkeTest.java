package net.iotgw.sim.cd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
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
import net.iotgw.protocols.ike.engine.Profile;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.ipv6.UdpCodec;
import net.iotgw.protocols.ipv6.UdpDatagram;
import net.iotgw.sim.ud.LocalEsp;
import org.junit.jupiter.api.Test;

/**
 * Baseline mode: a CD that runs IKEv2 itself (paper Sec. III-C) against our responder engine as
 * the UD, over the CD's own 6LoWPAN link, then ESP under the SA it agreed; its cryptographic work
 * counted on the CD, the public-key operations included.
 */
class SimulatedCdBaselineIkeTest {
  private static final long CD_EUI64 = 0x0200_0000_0000_0001L;
  private static final long NOW = 1_700_000_000_000L;
  private static final byte[] PSK = "baseline-psk-0123456789abcdef".getBytes();
  private static final Identity CD_ID = Identity.fqdn("cd-00001.iot.example");
  private static final Identity UD_ID = Identity.rfc822("ud@example.org");

  private final GatewaySide gateway = new GatewaySide();
  private final SimulatedCd cd = new SimulatedCd(GatewaySide.NETWORK, CD_EUI64);
  private final SecureRandom udRandom = seeded(2);
  private IkeState responder;
  private ChildSa udChild;

  private static SecureRandom seeded(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      return r;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private EngineConfig udConfig() throws Exception {
    Profile p = new Profile(UD_ID, new Credentials.PreSharedKey(PSK),
        List.of(new Profile.IkeProposal(BaselineIkeSettings.PROTECTION, BaselineIkeSettings.PRF)),
        List.of(BaselineIkeSettings.GROUP), List.of(BaselineIkeSettings.PROTECTION), false,
        List.of(CD_ID), Optional.of(new Credentials.PreSharedKey(PSK)), List.of());
    return EngineConfig.of(p, InetAddress.getByAddress(GatewaySide.UD.bytes()));
  }

  /** The UD's responder engine answers what the CD's frames carry; returns its answers' frames. */
  private List<byte[]> udAnswers(List<byte[]> psdus) throws Exception {
    List<byte[]> out = new ArrayList<>();
    for (Ipv6Packet p : gateway.packetsFrom(cd, psdus, NOW)) {
      UdpDatagram udp = UdpCodec.decode(p).orThrow();
      assertEquals(500, udp.destinationPort(), "no NAT: IKE stays on port 500");
      Datagram d = new Datagram(
          new InetSocketAddress(InetAddress.getByAddress(GatewaySide.UD.bytes()), 500),
          new InetSocketAddress(InetAddress.getByAddress(cd.address().bytes()),
              udp.sourcePort()), udp.payload());
      IkeStep step = responder == null
          ? IkeSaEngine.respond(udConfig(), d, CookieGate.open(), NOW, udRandom)
          : IkeSaEngine.handle(responder, new IkeEvent.Received(d), NOW, udRandom);
      for (IkeOutput o : step.outputs()) {
        if (o instanceof IkeOutput.ChildSaAgreed agreed) {
          udChild = agreed.child();
          step = IkeSaEngine.handle(step.state(), new IkeEvent.KeysDelivered(), NOW, udRandom);
          step.outputs().forEach(x -> send(x, out));
        }
        send(o, out);
      }
      responder = step.state();
    }
    return out;
  }

  /** The CD hears each frame in turn; what it sends in answer. */
  private List<byte[]> feed(List<byte[]> psdus) {
    List<byte[]> out = new ArrayList<>();
    psdus.forEach(f -> out.addAll(cd.onFrame(f, NOW)));
    return out;
  }

  private void send(IkeOutput o, List<byte[]> out) {
    if (o instanceof IkeOutput.Send s) {
      out.addAll(gateway.framesTo(cd, Ipv6Packets.udp(GatewaySide.UD, cd.address(),
          s.datagram().local().getPort(), s.datagram().remote().getPort(),
          s.datagram().udpPayload(4500), 64)));
    }
  }

  @Test
  void aCdRunsIkeItselfPayingOneKeyPairAndOneAgreement_rfc7296Section2_14() throws Exception {
    BaselineIkeSettings settings = new BaselineIkeSettings(GatewaySide.UD, CD_ID, UD_ID, PSK);
    List<byte[]> init = cd.startIke(settings, seeded(1), NOW);
    assertEquals(BaselineIkeStatus.State.CONNECTING, cd.ikeStatus().orElseThrow().state());

    List<byte[]> initResponse = udAnswers(init);
    List<byte[]> auth = feed(initResponse);
    List<byte[]> authResponse = udAnswers(auth);
    List<byte[]> none = feed(authResponse);

    assertTrue(none.isEmpty(), "nothing after the IKE_AUTH response");
    assertInstanceOf(IkeState.Established.class, responder);
    BaselineIkeStatus status = cd.ikeStatus().orElseThrow();
    assertEquals(BaselineIkeStatus.State.ESTABLISHED, status.state());
    assertEquals(2, status.ikeDatagramsSent());
    CdCryptoCounters crypto = cd.stats().crypto();
    // No link security (a CD without credentials): the IKE engine's work alone, as pinned for a
    // PSK handshake with AES-GCM and Curve25519: 14 PRFs, one SK payload sealed and one opened.
    assertEquals(2, crypto.count(CryptoOperation.PUBLIC_KEY));
    assertEquals(14, crypto.count(CryptoOperation.PRF));
    assertEquals(1, crypto.count(CryptoOperation.AEAD_SEAL));
    assertEquals(1, crypto.count(CryptoOperation.AEAD_OPEN));
    HandshakeCost cost = status.handshake().orElseThrow();
    assertEquals(init.size() + auth.size(), cost.framesSent());
    assertEquals(initResponse.size() + authResponse.size(), cost.framesReceived());
    assertEquals(octets(init) + octets(auth), cost.octetsSent());
    assertEquals(octets(initResponse) + octets(authResponse), cost.octetsReceived());
    assertEquals(crypto, cost.crypto(), "the handshake is all the CD did");
  }

  private static long octets(List<byte[]> psdus) {
    return psdus.stream().mapToLong(p -> p.length).sum();
  }

  @Test
  void theCdEndsEspUnderItsOwnChildSaAndAnswersAnEchoRequestThroughIt() throws Exception {
    BaselineIkeSettings settings = new BaselineIkeSettings(GatewaySide.UD, CD_ID, UD_ID, PSK);
    feed(udAnswers(feed(udAnswers(cd.startIke(settings, seeded(1), NOW)))));
    LocalEsp ud = new LocalEsp(udChild, udRandom);
    Ipv6Packet request = Ipv6Packets.icmpEchoRequest(GatewaySide.UD, cd.address(), 5, 1,
        "baseline".getBytes(), 64);
    byte[] esp = ud.seal(EspPayload.tunnel(Ipv6Codec.encode(request)));

    List<byte[]> reply = feed(gateway.framesTo(cd,
        Ipv6Packet.of(GatewaySide.UD, cd.address(), 50, 64, esp)));

    Ipv6Packet outer = gateway.onlyPacketFrom(cd, reply, NOW);
    assertEquals(50, outer.protocol(), "raw ESP back to the UD");
    Ipv6Packet inner = Ipv6Codec.decode(ud.open(outer.payload()).orElseThrow().data()).orThrow();
    assertEquals(cd.address(), inner.source());
    assertEquals(58, inner.protocol());
    assertEquals(1, cd.ikeStatus().orElseThrow().espReceived());
    assertEquals(1, cd.ikeStatus().orElseThrow().espSent());
  }

  @Test
  void aCdWithCredentialsStartsNoIkeBeforeItIsAdmitted() {
    SimulatedCd joining = SimulatedCd.joining(GatewaySide.NETWORK, CD_EUI64,
        new CdCredentials("cd1", new byte[16], java.util.OptionalLong.of(CD_EUI64)),
        JoinSettings.DEFAULTS, new SplittableRandom(1));
    BaselineIkeSettings settings = new BaselineIkeSettings(GatewaySide.UD, CD_ID, UD_ID, PSK);
    assertThrows(IllegalStateException.class, () -> joining.startIke(settings, seeded(1), NOW));
    assertTrue(joining.ikeStatus().isEmpty());
  }
}

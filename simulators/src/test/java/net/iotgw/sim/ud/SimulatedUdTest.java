package net.iotgw.sim.ud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.engine.Credentials;
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
import org.junit.jupiter.api.Test;

/**
 * A simulated UD's pacing and bookkeeping, with CDs that never answer: the windows bound what is
 * under way, a handshake that runs out of time fails and makes room for the next, and GETs to CDs
 * without an SA are counted, not sent.
 */
class SimulatedUdTest {
  private static final long MS = 1_000_000;
  private static final Ipv6Address UD = Ipv6Address.of("2001:db8:1::1");
  private static final Ipv6Address CD_PREFIX = Ipv6Address.of("2001:db8:cd::");

  private static UdTarget target(int i) {
    Credentials.PreSharedKey psk =
        new Credentials.PreSharedKey("secret".getBytes(StandardCharsets.UTF_8));
    Identity cd = Identity.fqdn("cd-" + i + ".iot.example");
    Profile profile = new Profile(Identity.rfc822("ud@example.org"), psk,
        List.of(new Profile.IkeProposal(PacketProtection.AES_GCM_16_128,
            PrfAlgorithm.PRF_HMAC_SHA2_256)),
        List.of(DhGroup.CURVE25519), List.of(PacketProtection.AES_GCM_16_128), false,
        List.of(cd), Optional.of(psk), List.of());
    EngineConfig config = new EngineConfig(profile, UD.bytes(), Limits.DEFAULT,
        EngineConfig.NatTraversal.FORCE, EngineConfig.KeyDeliveryMode.SKEYSEED, 500, 4500, false);
    return new UdTarget(i, Ipv6Address.of(CD_PREFIX, 0x100 + i), cd, config);
  }

  private static SimulatedUd ud(int cds, int window) {
    List<UdTarget> targets = new ArrayList<>();
    for (int i = 0; i < cds; i++) {
      targets.add(target(i));
    }
    return new SimulatedUd(UD, targets, new UdSettings(window, window, 3, "sensors/temperature",
        1_000, CoapGetClient.Transmission.DEFAULT), new SecureRandom());
  }

  private static List<Ipv6Address> destinationsOnIkePort(List<byte[]> packets) {
    List<Ipv6Address> out = new ArrayList<>();
    for (byte[] p : packets) {
      Ipv6Packet ip = ((Decoded.Ok<Ipv6Packet>) Ipv6Codec.decode(p)).value();
      UdpDatagram udp = ((Decoded.Ok<UdpDatagram>) UdpCodec.decode(ip)).value();
      assertEquals(UD, ip.source());
      assertEquals(500, udp.sourcePort(), "IKE_SA_INIT from port 500 (RFC 7296 §2.11)");
      assertEquals(500, udp.destinationPort());
      out.add(ip.destination());
    }
    return out;
  }

  @Test
  void opensNoMoreHandshakesThanItsWindowAndStartsTheNextWhenOneTimesOut() {
    SimulatedUd ud = ud(3, 2);

    List<byte[]> first = ud.startHandshakes(0);
    assertEquals(List.of(target(0).address(), target(1).address()),
        destinationsOnIkePort(first));
    assertEquals(1_000 * MS, ud.nextTimerAtNanos().getAsLong(), "the handshake deadline");

    List<byte[]> next = ud.tick(1_000 * MS);

    assertEquals(List.of(target(2).address()), destinationsOnIkePort(next));
    UdProgress p = ud.progress();
    assertEquals(0, p.handshakesOk());
    assertEquals(2, p.handshakesFailed());
    assertEquals(0, p.handshakeNanos().length);

    assertTrue(ud.tick(2_000 * MS).isEmpty());
    assertTrue(ud.progress().handshakesDone());
    assertTrue(ud.nextTimerAtNanos().isEmpty(), "nothing under way");
  }

  @Test
  void getsToCdsWithoutAnSaAreCountedSkippedNotSent() {
    SimulatedUd ud = ud(2, 2);
    ud.startHandshakes(0);
    ud.tick(1_000 * MS);

    assertTrue(ud.startRequests(1_001 * MS).isEmpty());

    UdProgress p = ud.progress();
    assertEquals(6, p.requestsPlanned());
    assertEquals(6, p.requestsSkipped());
    assertTrue(p.requestsDone());
  }

  @Test
  void packetsFromOtherHostsOrForOtherAddressesAreIgnored() {
    SimulatedUd ud = ud(1, 1);
    ud.startHandshakes(0);
    byte[] stranger = Ipv6Codec.encode(Ipv6Packets.udp(Ipv6Address.of("2001:db8:99::1"), UD,
        500, 500, new byte[28], 64));
    byte[] notForUs = Ipv6Codec.encode(Ipv6Packets.udp(target(0).address(),
        Ipv6Address.of("2001:db8:1::2"), 500, 500, new byte[28], 64));

    assertTrue(ud.receive(stranger, MS).isEmpty());
    assertTrue(ud.receive(notForUs, MS).isEmpty());
    assertTrue(ud.receive(new byte[3], MS).isEmpty());

    assertEquals(3, ud.progress().ignored());
  }
}

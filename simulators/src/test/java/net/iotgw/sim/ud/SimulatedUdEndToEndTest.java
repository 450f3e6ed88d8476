package net.iotgw.sim.ud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.Identity;
import net.iotgw.protocols.ike.engine.Limits;
import net.iotgw.protocols.ipv6.Ipv6Address;
import org.junit.jupiter.api.Test;

/**
 * A simulated UD against CDs that run IKEv2 and ESP themselves ({@link ResponderCd}), packets
 * passed by hand on a virtual clock: SAs to every CD through the window, then GETs inside
 * tunnel-mode ESP (RFC 4303 §3.1.2) in UDP on port 4500 (RFC 3948), answers matched and timed.
 */
class SimulatedUdEndToEndTest {
  private static final long MS = 1_000_000;
  private static final Ipv6Address UD = Ipv6Address.of("2001:db8:1::1");
  private static final String UD_ID = "ud@example.org";

  private final Map<Ipv6Address, ResponderCd> cds = new HashMap<>();
  private long nowNanos = 1_000 * MS;

  private SimulatedUd ud(int count, int dropGetsAtFirstCd) {
    List<UdTarget> targets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Ipv6Address a = Ipv6Address.of(Ipv6Address.of("2001:db8:cd::"), 0x100 + i);
      Identity id = Identity.fqdn("cd-" + i + ".iot.example");
      cds.put(a, new ResponderCd(a, id, UD_ID, i == 0 ? dropGetsAtFirstCd : 0));
      EngineConfig config = new EngineConfig(
          ResponderCd.profile(Identity.rfc822(UD_ID), id), UD.bytes(), Limits.DEFAULT,
          EngineConfig.NatTraversal.FORCE, EngineConfig.KeyDeliveryMode.SKEYSEED, 500, 4500,
          false);
      targets.add(new UdTarget(i, a, id, config));
    }
    return new SimulatedUd(UD, targets, new UdSettings(2, 2, 2, "sensors/temperature", 30_000,
        CoapGetClient.Transmission.DEFAULT), new SecureRandom());
  }

  /** Carries packets both ways, 1 ms per hop, until neither side has anything to say. */
  private void exchange(SimulatedUd ud, List<byte[]> fromUd) {
    ArrayDeque<byte[]> toCds = new ArrayDeque<>(fromUd);
    while (!toCds.isEmpty()) {
      nowNanos += MS;
      byte[] p = toCds.poll();
      ResponderCd cd = cds.get(Ipv6Address.fromBytes(p, 24));
      for (byte[] answer : cd.receive(p, nowNanos / MS)) {
        nowNanos += MS;
        toCds.addAll(ud.receive(answer, nowNanos));
      }
    }
  }

  @Test
  void opensAnSaToEveryCdAndGetsEachResourceInsideTunnelModeEspRfc3948() {
    SimulatedUd ud = ud(3, 0);

    exchange(ud, ud.startHandshakes(nowNanos));
    UdProgress afterHandshakes = ud.progress();
    assertEquals(3, afterHandshakes.handshakesOk(), afterHandshakes::toString);
    assertTrue(afterHandshakes.handshakesDone());
    assertEquals(0, afterHandshakes.ikeRetransmissions());

    exchange(ud, ud.startRequests(nowNanos));
    UdProgress p = ud.progress();
    assertEquals(6, p.requestsOk(), p::toString);
    assertTrue(p.requestsDone());
    assertEquals(6, p.espSent());
    assertEquals(6, p.espReceived());
    assertEquals(0, p.ignored());
    cds.values().forEach(cd -> assertEquals(2, cd.getsAnswered));
    // UD -> CD and back at 1 ms per hop on the virtual clock: 2 ms for the first GET answered;
    // the others also waited behind packets to other CDs on the one serial "link".
    long[] latencies = p.requestNanos();
    assertEquals(2 * MS, latencies[0]);
    for (long latency : latencies) {
      assertTrue(latency >= 2 * MS && latency <= 12 * MS, () -> "latency " + latency);
    }
    assertTrue(ud.nextTimerAtNanos().isEmpty(), "nothing left under way");
  }

  @Test
  void getLostInsideTheTunnelIsRetransmittedAndItsAnswerTimedFromTheFirstRfc7252Section4_2() {
    SimulatedUd ud = ud(1, 1);
    exchange(ud, ud.startHandshakes(nowNanos));
    long sent = nowNanos;
    exchange(ud, ud.startRequests(nowNanos));
    assertEquals(0, ud.progress().requestsOk(), "the first GET was dropped");

    nowNanos = ud.nextTimerAtNanos().getAsLong();
    exchange(ud, ud.tick(nowNanos));

    UdProgress p = ud.progress();
    assertEquals(2, p.requestsOk(), p::toString);
    assertEquals(1, p.coapRetransmissions());
    long first = p.requestNanos()[0];
    assertTrue(first >= 2_000 * MS && first <= 3_000 * MS + 10 * MS,
        () -> "latency from the first transmission: " + first + " after " + sent);
  }
}

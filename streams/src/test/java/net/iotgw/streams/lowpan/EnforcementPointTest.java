package net.iotgw.streams.lowpan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.iotgw.protocols.ieee802154.AuxSecurityHeader;
import net.iotgw.protocols.ieee802154.Fcs;
import net.iotgw.protocols.ieee802154.KeyIdMode;
import net.iotgw.protocols.ieee802154.MacFrame;
import net.iotgw.protocols.ieee802154.MacFrameCodec;
import net.iotgw.protocols.ieee802154.SecurityLevel;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The gateway's adaptation as the network-entry enforcement point (contract-netentry), against a
 * CD built from the protocols codecs and {@code FrameProtection} alone ({@link SecuringCd}).
 * Drops are checked by their counters, and "nothing else came through" by a marker packet sent
 * last: the stages keep order, so once the marker is out, everything before it has been decided.
 */
class EnforcementPointTest {
  static final ActorTestKit kit = ActorTestKit.create();
  static final long STRANGER_EUI64 = 0x00124b000a0b0c0eL;

  private final EnforcingGateway gw = new EnforcingGateway(kit.system());
  private final SecuringCd cd = new SecuringCd(Nodes.CD_EUI64, SecuringCd.key(0x11));

  @AfterEach
  void close() {
    gw.close();
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private void admit(SecuringCd c, int keyByte) {
    gw.keys.install(c.eui64, SecuringCd.key(keyByte));
  }

  private static byte[] echo(Ipv6Address from, Ipv6Address to, int seq, int length) {
    return Nodes.echoRequest(from, to, seq, length);
  }

  private byte[] panaAnswerTo(SecuringCd c, int length) {
    return Ipv6Codec.encode(
        Ipv6Packets.udp(
            SecuringCd.gatewayLinkLocal(), c.linkLocalAddress(), PanaPackets.PORT,
            PanaPackets.PORT, new byte[length], 255));
  }

  /** A secured echo from the CD, answered by the UD, both ways through the gateway. */
  private List<byte[]> securedRoundTrip(SecuringCd c, int seq, int length) throws Exception {
    byte[] request = echo(c.globalAddress(), Nodes.UD, seq, length);
    gw.receive(c.send(request, true));
    assertArrayEquals(request, gw.nextUp());
    byte[] reply = Nodes.echoReplyTo(request); // from the UD, to the CD
    gw.send(reply);
    List<byte[]> frames = new ArrayList<>();
    SecuringCd.Received r = gw.deliverTo(c, frames);
    assertTrue(r.secured(), "the answer came back secured");
    assertArrayEquals(reply, r.packet());
    return frames;
  }

  /** The PANA marker: in clear from the CD, handed up; so everything before it was decided. */
  private void marker(SecuringCd c) throws Exception {
    byte[] pana = c.pana(12);
    gw.receive(c.send(pana, false));
    assertArrayEquals(pana, gw.nextUp());
    assertTrue(gw.up.isEmpty(), "nothing else was handed up");
  }

  @Test
  void anAdmittedCdsSecuredDatagramPassesAndTheAnswerComesBackSecured() throws Exception {
    admit(cd, 0x11);
    List<byte[]> frames = securedRoundTrip(cd, 1, 8);
    assertEquals(1, frames.size());
    MacFrame f = EnforcingGateway.decoded(frames.get(0));
    AuxSecurityHeader aux = f.header().security().orElseThrow();
    assertEquals(SecurityLevel.ENC_MIC_64, aux.level());
    assertEquals(KeyIdMode.IMPLICIT, aux.keyIdMode());
    assertEquals(0, aux.frameCounter().getAsLong(), "a new key's counter starts at 0");
    assertEquals(0, gw.metrics().droppedTotal());
    assertEquals(1, gw.metrics().packetsReceived());
    assertEquals(1, gw.metrics().packetsSent());
  }

  @ParameterizedTest
  @EnumSource(
      value = SecurityLevel.class,
      names = {"ENC_MIC_32", "ENC_MIC_64"})
  void fragmentedSecuredDatagramsCrossBothWaysInFramesOfAtMost127Octets_rfc4944Section5_3(
      SecurityLevel level) throws Exception {
    try (EnforcingGateway g =
        new EnforcingGateway(kit.system(), Nodes.GATEWAY.withSecurityLevel(level))) {
      SecuringCd c = new SecuringCd(Nodes.CD_EUI64, SecuringCd.key(0x11), level);
      g.keys.install(c.eui64, SecuringCd.key(0x11));
      byte[] request = echo(c.globalAddress(), Nodes.UD, 7, 1000);
      List<byte[]> fromCd = c.send(request, true);
      assertTrue(fromCd.size() > 10, fromCd.size() + " frames");
      g.receive(fromCd);
      assertArrayEquals(request, g.nextUp());

      byte[] reply = Nodes.echoReplyTo(request);
      g.send(reply);
      List<byte[]> frames = new ArrayList<>();
      SecuringCd.Received r = g.deliverTo(c, frames);
      assertTrue(r.secured());
      assertArrayEquals(reply, r.packet());
      int longest = 0;
      for (int i = 0; i < frames.size(); i++) {
        byte[] psdu = frames.get(i);
        assertTrue(psdu.length <= MacFrameCodec.MAX_PHY_PACKET_SIZE, psdu.length + " octets");
        longest = Math.max(longest, psdu.length);
        AuxSecurityHeader aux = EnforcingGateway.decoded(psdu).header().security().orElseThrow();
        assertEquals(level, aux.level());
        assertEquals(i, aux.frameCounter().getAsLong(), "one counter value per frame, in order");
      }
      // The fragments use the room the security overhead leaves, not less: FRAGN payloads are
      // multiples of 8, so the longest frame is within 8 octets of the limit.
      assertTrue(longest > MacFrameCodec.MAX_PHY_PACKET_SIZE - 8, "longest " + longest);
      assertEquals(0, g.metrics().droppedTotal());
    }
  }

  @Test
  void panaTravelsInClearBothWaysBeforeAndAfterAdmission() throws Exception {
    for (boolean admitted : new boolean[] {false, true}) {
      if (admitted) {
        admit(cd, 0x11);
      }
      for (int length : new int[] {40, 400}) { // 400: in fragments, all in clear
        byte[] pana = cd.pana(length);
        List<byte[]> frames = cd.send(pana, false);
        gw.receive(frames);
        assertArrayEquals(pana, gw.nextUp(), "PANA from the CD, admitted " + admitted);

        byte[] answer = panaAnswerTo(cd, length);
        gw.send(answer);
        List<byte[]> onAir = new ArrayList<>();
        SecuringCd.Received r = gw.deliverTo(cd, onAir);
        assertFalse(r.secured(), "PANA to the CD goes in clear");
        assertArrayEquals(answer, r.packet());
        assertEquals(length > 100, onAir.size() > 1);
        for (byte[] psdu : onAir) {
          assertFalse(EnforcingGateway.decoded(psdu).header().frameControl().securityEnabled());
        }
      }
    }
    assertEquals(0, gw.metrics().droppedTotal());
  }

  @Test
  void unsecuredDataFromAnyCdIsDroppedAndCounted() throws Exception {
    admit(cd, 0x11);
    SecuringCd stranger = new SecuringCd(STRANGER_EUI64, SecuringCd.key(0x22));
    gw.receive(cd.send(echo(cd.globalAddress(), Nodes.UD, 1, 8), false));
    gw.receive(cd.send(echo(cd.globalAddress(), Nodes.UD, 2, 1000), false)); // fragmented
    gw.receive(stranger.send(echo(stranger.globalAddress(), Nodes.UD, 3, 8), false));
    marker(cd);
    assertEquals(3, gw.metrics().dropped(LowpanDrop.UNSECURED_DATA));
    assertEquals(3, gw.metrics().droppedTotal());
  }

  @Test
  void wrongKeyFlippedBitReplayWrongLevelAndUnknownDeviceAreDroppedAndCounted()
      throws Exception {
    admit(cd, 0x11);
    byte[] request = echo(cd.globalAddress(), Nodes.UD, 1, 8);

    SecuringCd impostor = new SecuringCd(Nodes.CD_EUI64, SecuringCd.key(0x99));
    gw.receive(impostor.send(request, true));

    byte[] first = cd.send(request, true).get(0); // counter 0, held back
    byte[] genuine = cd.send(request, true).get(0); // counter 1
    byte[] flipped = genuine.clone();
    flipped[flipped.length - 5] ^= 0x01; // in the MIC; the FCS made good again
    Fcs.fill(flipped);
    gw.receive(List.of(flipped));

    gw.receive(List.of(genuine));
    assertArrayEquals(request, gw.nextUp(), "the genuine frame still passes after those");
    gw.receive(List.of(genuine)); // the same counter again
    gw.receive(List.of(first)); // never seen, but older than one accepted

    gw.receive(cd.send(request, true, SecurityLevel.ENC_MIC_32));

    SecuringCd stranger = new SecuringCd(STRANGER_EUI64, SecuringCd.key(0x22));
    gw.receive(stranger.send(echo(stranger.globalAddress(), Nodes.UD, 1, 8), true));

    marker(cd);
    LowpanMetrics m = gw.metrics();
    assertEquals(2, m.dropped(LowpanDrop.BAD_MIC));
    assertEquals(2, m.dropped(LowpanDrop.REPLAYED));
    assertEquals(1, m.dropped(LowpanDrop.IMPROPER_SECURITY_LEVEL));
    assertEquals(1, m.dropped(LowpanDrop.UNKNOWN_DEVICE));
    assertEquals(6, m.droppedTotal());
  }

  @Test
  void aSourceAddressWithAnotherNodesInterfaceIdentifierIsDropped_rfc4944Section6()
      throws Exception {
    admit(cd, 0x11);
    SecuringCd stranger = new SecuringCd(STRANGER_EUI64, SecuringCd.key(0x22));
    // Secured and verified, but speaking for another CD, in the prefix and link-local.
    gw.receive(cd.send(echo(stranger.globalAddress(), Nodes.UD, 1, 8), true));
    gw.receive(cd.send(echo(stranger.linkLocalAddress(), Nodes.UD, 2, 8), true));
    // PANA in clear from the stranger, claiming the admitted CD's link-local address.
    gw.receive(stranger.send(cd.pana(20), false));
    marker(cd);
    assertEquals(3, gw.metrics().dropped(LowpanDrop.SOURCE_MISMATCH));
    assertEquals(3, gw.metrics().droppedTotal());
  }

  @Test
  void nonPanaToACdWithoutKeyOrToBroadcastIsDroppedAndNeverSent() throws Exception {
    gw.send(echo(Nodes.UD, cd.globalAddress(), 1, 8));
    gw.send(echo(Nodes.UD, cd.globalAddress(), 2, 1000));
    gw.send(echo(SecuringCd.gatewayLinkLocal(), Ipv6Address.of("ff02::1"), 3, 8));
    byte[] answer = panaAnswerTo(cd, 30);
    gw.send(answer);
    List<byte[]> onAir = new ArrayList<>();
    SecuringCd.Received r = gw.deliverTo(cd, onAir);
    assertArrayEquals(answer, r.packet(), "only the PANA answer went on the air");
    assertEquals(1, onAir.size());
    assertTrue(gw.onAir.isEmpty());
    assertEquals(2, gw.metrics().dropped(LowpanDrop.NOT_ADMITTED));
    assertEquals(1, gw.metrics().dropped(LowpanDrop.NO_GROUP_KEY));
    assertEquals(1, gw.metrics().packetsSent());
  }

  @Test
  void removingTheKeyStopsTrafficBothWaysButNotPana() throws Exception {
    admit(cd, 0x11);
    securedRoundTrip(cd, 1, 8);
    assertTrue(gw.keys.remove(cd.eui64));
    assertFalse(gw.keys.isAdmitted(cd.eui64));

    gw.receive(cd.send(echo(cd.globalAddress(), Nodes.UD, 2, 8), true));
    gw.send(echo(Nodes.UD, cd.globalAddress(), 3, 8));
    marker(cd);
    byte[] answer = panaAnswerTo(cd, 10);
    gw.send(answer);
    List<byte[]> onAir = new ArrayList<>();
    assertArrayEquals(answer, gw.deliverTo(cd, onAir).packet());
    assertEquals(1, onAir.size(), "the echo to the removed CD never went out");
    assertEquals(1, gw.metrics().dropped(LowpanDrop.UNKNOWN_DEVICE));
    assertEquals(1, gw.metrics().dropped(LowpanDrop.NOT_ADMITTED));
  }

  @Test
  void aNewKeyStartsBothCountersAgainAndTheSameKeyInstalledAgainKeepsThem() throws Exception {
    admit(cd, 0x11);
    securedRoundTrip(cd, 1, 8);
    securedRoundTrip(cd, 2, 8);
    byte[] stale = cd.send(echo(cd.globalAddress(), Nodes.UD, 3, 8), true).get(0); // old key

    admit(cd, 0x33);
    cd.rekey(SecuringCd.key(0x33));
    assertEquals(0, cd.nextCounter());
    // Counter 0 again from the CD is fresh under the new key; ours starts at 0 too.
    List<byte[]> frames = securedRoundTrip(cd, 4, 8);
    assertEquals(
        0, EnforcingGateway.decoded(frames.get(0)).header().security().get().frameCounter()
            .getAsLong());
    gw.receive(List.of(stale));

    // The key it has, installed again (a retried admission): counters go on, no nonce reuse.
    admit(cd, 0x33);
    frames = securedRoundTrip(cd, 5, 8);
    assertEquals(
        1, EnforcingGateway.decoded(frames.get(0)).header().security().get().frameCounter()
            .getAsLong());
    marker(cd);
    assertEquals(1, gw.metrics().dropped(LowpanDrop.BAD_MIC), "the old key's frame");
    assertEquals(1, gw.metrics().droppedTotal());
  }

  @Test
  void forgedClearFragmentsCannotJoinOrDisturbASecuredDatagram_rfc4944Section5_3()
      throws Exception {
    admit(cd, 0x11);
    byte[] genuine = echo(cd.globalAddress(), Nodes.UD, 1, 600);
    byte[] forged = echo(cd.globalAddress(), Nodes.UD, 1, 600);
    forged[forged.length - 1] ^= 0x55; // same size, other content
    cd.nextTag(0x4242);
    List<byte[]> secured = cd.send(genuine, true);
    SecuringCd forger = new SecuringCd(Nodes.CD_EUI64, SecuringCd.key(0x00));
    forger.nextTag(0x4242);
    // Same link source, datagram size and tag; cut to the larger room of clear frames, so in one
    // reassembly its fragments would overlap the genuine ones (RFC 4944 §5.3: start over).
    List<byte[]> clear = forger.send(forged, false);
    List<byte[]> interleaved = new ArrayList<>();
    for (int i = 0; i < Math.max(secured.size(), clear.size()); i++) {
      if (i < clear.size()) {
        interleaved.add(clear.get(i));
      }
      if (i < secured.size()) {
        interleaved.add(secured.get(i));
      }
    }
    gw.receive(interleaved);
    assertArrayEquals(genuine, gw.nextUp());
    marker(cd);
    // The forged copy reassembled apart, as unsecured, and was refused as such.
    assertEquals(1, gw.metrics().dropped(LowpanDrop.UNSECURED_DATA));
    assertEquals(0, gw.metrics().dropped(LowpanDrop.DUPLICATE_FRAGMENT));
    assertEquals(0, gw.metrics().dropped(LowpanDrop.FRAGMENT_OVERLAP));

    // Half secured, half clear fragments of one datagram never make a datagram.
    cd.nextTag(0x4343);
    forger.nextTag(0x4343);
    List<byte[]> a = cd.send(genuine, true);
    List<byte[]> b = forger.send(genuine, false);
    List<byte[]> mixed = new ArrayList<>(a.subList(0, a.size() / 2));
    mixed.addAll(b.subList(a.size() / 2, b.size()));
    gw.receive(mixed);
    marker(cd);
  }
}

package net.iotgw.load.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.Identity;
import net.iotgw.protocols.offload.SaRequestFailed;
import net.iotgw.radio.emulator.MediumSettings;
import net.iotgw.sim.cd.CdStats;
import net.iotgw.sim.cd.CryptoOperation;
import net.iotgw.sim.cd.DropReason;
import net.iotgw.sim.cd.SaRequestStatus;
import net.iotgw.sim.cd.SimulatedCd;
import net.iotgw.sim.medium.CdSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, the initiator role, in one JVM: an admitted CD asks the gateway over PANA for an SA to
 * a UD (our responder engine on the in-memory UCN); the gateway initiates IKEv2 as the CD,
 * delivers the CD the CHILD_SA's key material, and the CD pings the UD through ESP. Refusals:
 * a UD outside the CD's policy (no IKE leaves), and a CD that refuses its keys (negative
 * acknowledgement: the gateway drops the SA and says so).
 */
class CdInitiatedInMemoryTest {
  @TempDir Path dir;

  static EntryRig.Options oneCd() {
    return new EntryRig.Options(1, 0, 0, new EntryRig.AaaChoice.Embedded(),
        Duration.ofMillis(500), 8, Duration.ofHours(1), MediumSettings.defaults(),
        Optional.empty());
  }

  static int request(CdSimulator sim, int cd, Optional<Identity> expected) {
    return request(sim, cd, expected, ChildSa.Mode.TUNNEL);
  }

  static int request(CdSimulator sim, int cd, Optional<Identity> expected, ChildSa.Mode mode) {
    int[] id = new int[1];
    sim.drive(cd, (c, now) -> {
      SimulatedCd.SaRequestSent sent = c.requestSa(UdResponder.UD, 500, mode, expected, now);
      id[0] = sent.requestId();
      return sent.psdus();
    });
    return id[0];
  }

  static SaRequestStatus status(CdSimulator sim, int cd, int id) {
    return sim.inspect(cd, c -> c.saRequests().stream()
        .filter(s -> s.requestId() == id).findFirst().orElseThrow());
  }

  static SaRequestStatus await(CdSimulator sim, int cd, int id, Predicate<SaRequestStatus> done,
      UdResponder ud, Duration timeout) throws Exception {
    long until = System.nanoTime() + timeout.toNanos();
    SaRequestStatus s = status(sim, cd, id);
    while (!done.test(s) && System.nanoTime() < until) {
      ud.serve(Duration.ofMillis(100));
      s = status(sim, cd, id);
    }
    return s;
  }

  @Test
  void cdAsksForAnSaToAUd_gatewayInitiatesAsTheCd_andTheCdPingsTheUdThroughEsp()
      throws Exception {
    try (EntryRig rig = EntryRig.start(oneCd(), dir)) {
      assertEquals(1, rig.awaitJoins(Duration.ofSeconds(30)).admitted());
      CdSimulator sim = rig.simulator();
      UdResponder ud = new UdResponder(rig.ucn(), rig.cds().get(0).address(),
          EntryRig.ikeIdentity(0), EntryRig.IKE_PSK);

      int id = request(sim, 0, Optional.of(Identity.rfc822(EntryRig.UD_IDENTITY)));
      assertTrue(ud.awaitEstablished(Duration.ofSeconds(20)), () -> "no SA: " + ud.outcome());
      assertEquals(ChildSa.Mode.TUNNEL, ud.child().mode());
      SaRequestStatus up = await(sim, 0, id,
          s -> s.outcome() != SaRequestStatus.Outcome.REQUESTED, ud, Duration.ofSeconds(10));
      assertEquals(SaRequestStatus.Outcome.ESTABLISHED, up.outcome(), up::line);

      for (int i = 1; i <= 5; i++) {
        int seq = i;
        sim.drive(0, (c, now) -> c.pingThroughEsp(id, seq, now));
        int replies = i;
        SaRequestStatus s = await(sim, 0, id, x -> x.echoRepliesReceived() >= replies, ud,
            Duration.ofSeconds(5));
        assertEquals(i, s.echoRepliesReceived(), s::line);
      }
      SaRequestStatus done = status(sim, 0, id);
      assertEquals(5, done.echoRequestsSent());
      assertEquals(5, ud.echoAnswered);
      CdStats stats = sim.inspect(0, SimulatedCd::stats);
      assertEquals(1, stats.keyDeliveries(), stats::toString);
      assertEquals(0, stats.crypto().count(CryptoOperation.PUBLIC_KEY),
          "the CD did public-key work");
      assertEquals(0, stats.drops(DropReason.KEY_DELIVERY_REFUSED));
    }
  }

  @Test
  void transportModeAskedByTheCdIsOfferedAndCarriesItsPingsRfc7296Section1_3_1()
      throws Exception {
    try (EntryRig rig = EntryRig.start(oneCd(), dir)) {
      assertEquals(1, rig.awaitJoins(Duration.ofSeconds(30)).admitted());
      CdSimulator sim = rig.simulator();
      UdResponder ud = new UdResponder(rig.ucn(), rig.cds().get(0).address(),
          EntryRig.ikeIdentity(0), EntryRig.IKE_PSK);
      int id = request(sim, 0, Optional.of(Identity.rfc822(EntryRig.UD_IDENTITY)),
          ChildSa.Mode.TRANSPORT);
      assertTrue(ud.awaitEstablished(Duration.ofSeconds(20)), () -> "no SA: " + ud.outcome());
      assertEquals(ChildSa.Mode.TRANSPORT, ud.child().mode());
      await(sim, 0, id, s -> s.outcome() == SaRequestStatus.Outcome.ESTABLISHED, ud,
          Duration.ofSeconds(10));
      for (int i = 1; i <= 3; i++) {
        int seq = i;
        sim.drive(0, (c, now) -> c.pingThroughEsp(id, seq, now));
        int replies = i;
        await(sim, 0, id, x -> x.echoRepliesReceived() >= replies, ud, Duration.ofSeconds(5));
      }
      SaRequestStatus s = status(sim, 0, id);
      assertEquals(3, s.echoRepliesReceived(), s::line);
      assertEquals(3, ud.echoAnswered);
    }
  }

  @Test
  void aUdOutsideTheCdsPolicyGetsSaRequestFailedAndNoIkeIsSent() throws Exception {
    try (EntryRig rig = EntryRig.start(oneCd(), dir)) {
      assertEquals(1, rig.awaitJoins(Duration.ofSeconds(30)).admitted());
      CdSimulator sim = rig.simulator();
      UdResponder ud = new UdResponder(rig.ucn(), rig.cds().get(0).address(),
          EntryRig.ikeIdentity(0), EntryRig.IKE_PSK);

      int other = request(sim, 0, Optional.of(Identity.rfc822("intruder@example.org")));
      SaRequestStatus s = await(sim, 0, other,
          x -> x.outcome() != SaRequestStatus.Outcome.REQUESTED, ud, Duration.ofSeconds(10));
      assertEquals(SaRequestStatus.Outcome.FAILED, s.outcome(), s::line);
      assertEquals(Optional.of(SaRequestFailed.Reason.PEER_NOT_ALLOWED), s.failure());

      // Without an identity the UD's address must itself be a listed peer: it is not.
      int anonymous = request(sim, 0, Optional.empty());
      s = await(sim, 0, anonymous, x -> x.outcome() != SaRequestStatus.Outcome.REQUESTED, ud,
          Duration.ofSeconds(10));
      assertEquals(Optional.of(SaRequestFailed.Reason.PEER_NOT_ALLOWED), s.failure(), s::line);
      ud.serve(Duration.ofSeconds(1));
      assertEquals(0, ud.ikeReceived, "IKE went to a UD the CD's policy does not allow");
    }
  }

  @Test
  void aCdThatRefusesItsKeysGetsNoSa_negativeAcknowledgementFailsTheChildSa() throws Exception {
    try (EntryRig rig = EntryRig.start(oneCd(), dir)) {
      assertEquals(1, rig.awaitJoins(Duration.ofSeconds(30)).admitted());
      CdSimulator sim = rig.simulator();
      UdResponder ud = new UdResponder(rig.ucn(), rig.cds().get(0).address(),
          EntryRig.ikeIdentity(0), EntryRig.IKE_PSK);
      sim.drive(0, (c, now) -> {
        c.refuseKeyDeliveries(true);
        return List.of();
      });

      int id = request(sim, 0, Optional.of(Identity.rfc822(EntryRig.UD_IDENTITY)));
      SaRequestStatus s = await(sim, 0, id,
          x -> x.outcome() != SaRequestStatus.Outcome.REQUESTED, ud, Duration.ofSeconds(30));
      assertEquals(SaRequestStatus.Outcome.FAILED, s.outcome(), s::line);
      assertEquals(Optional.of(SaRequestFailed.Reason.KEY_DELIVERY_FAILED), s.failure());
      assertTrue(ud.ikeReceived >= 2, "the gateway ran IKE_SA_INIT and IKE_AUTH");
      CdStats stats = sim.inspect(0, SimulatedCd::stats);
      assertEquals(0, stats.keyDeliveries(), stats::toString);
      assertEquals(1, stats.drops(DropReason.KEY_DELIVERY_REFUSED), stats::toString);
    }
  }

  /**
   * The UD's refusals reach the CD as the reason it acts on and the notify it may log: no common
   * IKE proposal (N(NO_PROPOSAL_CHOSEN) in IKE_SA_INIT), another PSK (AUTHENTICATION_FAILED in
   * IKE_AUTH), no common ESP proposal (the IKE SA comes up without its CHILD_SA, RFC 7296 §1.2:
   * useless to the CD, so the gateway deletes it).
   */
  @Test
  void theUdsRefusalsReachTheCdAsReasonAndNotify() throws Exception {
    try (EntryRig rig = EntryRig.start(oneCd(), dir)) {
      assertEquals(1, rig.awaitJoins(Duration.ofSeconds(30)).admitted());
      CdSimulator sim = rig.simulator();
      net.iotgw.protocols.ipv6.Ipv6Address cd = rig.cds().get(0).address();
      String cdId = EntryRig.ikeIdentity(0);
      List<net.iotgw.protocols.ike.engine.Profile.IkeProposal> otherIke = List.of(
          new net.iotgw.protocols.ike.engine.Profile.IkeProposal(
              net.iotgw.protocols.crypto.PacketProtection.AES_CBC_128_HMAC_SHA2_256,
              net.iotgw.protocols.ike.PrfAlgorithm.PRF_HMAC_SHA2_256));
      List<net.iotgw.protocols.crypto.PacketProtection> otherEsp =
          List.of(net.iotgw.protocols.crypto.PacketProtection.AES_CBC_128_HMAC_SHA2_256);
      Optional<Identity> udId = Optional.of(Identity.rfc822(EntryRig.UD_IDENTITY));

      UdResponder noIke = new UdResponder(rig.ucn(), cd, cdId, EntryRig.IKE_PSK, otherIke,
          net.iotgw.gateway.ike.IkeProfiles.ESP_PROPOSALS, false);
      int a = request(sim, 0, udId);
      SaRequestStatus s = await(sim, 0, a,
          x -> x.outcome() != SaRequestStatus.Outcome.REQUESTED, noIke, Duration.ofSeconds(20));
      assertEquals(Optional.of(SaRequestFailed.Reason.NO_PROPOSAL_CHOSEN), s.failure(), s::line);
      assertEquals(14, s.ikeNotify());

      UdResponder otherPsk = new UdResponder(rig.ucn(), cd, cdId,
          "another-psk-0123456789abcdef0123");
      int b = request(sim, 0, udId);
      s = await(sim, 0, b, x -> x.outcome() != SaRequestStatus.Outcome.REQUESTED, otherPsk,
          Duration.ofSeconds(20));
      assertEquals(Optional.of(SaRequestFailed.Reason.AUTHENTICATION_FAILED), s.failure(),
          s::line);
      assertEquals(24, s.ikeNotify());

      UdResponder noEsp = new UdResponder(rig.ucn(), cd, cdId, EntryRig.IKE_PSK,
          net.iotgw.gateway.ike.IkeProfiles.IKE_PROPOSALS, otherEsp, false);
      int c = request(sim, 0, udId);
      s = await(sim, 0, c, x -> x.outcome() != SaRequestStatus.Outcome.REQUESTED, noEsp,
          Duration.ofSeconds(20));
      assertEquals(Optional.of(SaRequestFailed.Reason.CHILD_SA_REFUSED), s.failure(), s::line);
      assertEquals(14, s.ikeNotify());
      noEsp.serve(Duration.ofSeconds(2));
      assertTrue(noEsp.outcome().contains("DELETED_BY_PEER"),
          () -> "the gateway deletes the IKE SA the CD cannot use: " + noEsp.outcome());
      assertEquals(0, sim.inspect(0, SimulatedCd::stats).keyDeliveries());
    }
  }
}

package net.iotgw.load.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.radio.emulator.MediumSettings;
import net.iotgw.sim.cd.CdStats;
import net.iotgw.sim.cd.CryptoOperation;
import net.iotgw.sim.cd.SimulatedCd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 in one JVM: a UD (our initiator engine, forcing UDP encapsulation as strongSwan does)
 * opens an IKE SA to an admitted CD's address; the gateway answers as the CD, delivers the CD its
 * key material over PANA (RFC 6786), releases its IKE_AUTH response only after the CD's
 * acknowledgement, and forwards ESP end to end: the UD's echo requests reach the CD's own ESP
 * and its replies come back, none lost for lack of keys, and the CD does no public-key work.
 */
class IkeOffloadInMemoryTest {
  @TempDir Path dir;

  @Test
  void udOpensAnSaToAnAdmittedCdThroughTheGatewayAndPingsItOverEsp() throws Exception {
    EntryRig.Options options = new EntryRig.Options(2, 0, 0, new EntryRig.AaaChoice.Embedded(),
        Duration.ofMillis(500), 8, Duration.ofHours(1), MediumSettings.defaults(),
        Optional.empty());
    try (EntryRig rig = EntryRig.start(options, dir)) {
      assertEquals(2, rig.awaitJoins(Duration.ofSeconds(30)).admitted());
      SimulatedCd cd = rig.cds().get(0);
      UdInitiator ud = new UdInitiator(rig.ucn(), cd.address(), false);

      assertTrue(ud.connect(EntryRig.ikeIdentity(0), EntryRig.IKE_PSK, Duration.ofSeconds(20)),
          () -> "no SA: " + ud.outcome());
      CdStats afterKeys = cd.stats();
      assertEquals(1, afterKeys.keyDeliveries(), afterKeys::toString);

      for (int i = 1; i <= 5; i++) {
        ud.sendEcho(7, i);
        Optional<Ipv6Packet> reply = ud.receiveEsp(Duration.ofSeconds(3));
        assertTrue(reply.isPresent(), "no ESP echo reply " + i);
        assertEquals(cd.address(), reply.get().source());
      }
      CdStats after = cd.stats();
      assertEquals(0, after.espNoSa(), "a UD ESP packet reached the CD before its keys");
      assertTrue(after.espReceived() >= 5, after::toString);
      assertEquals(0, after.crypto().count(CryptoOperation.PUBLIC_KEY),
          "the CD did public-key work");

      // The UD deletes the IKE SA: the gateway answers as the CD and tells the CD to drop its
      // CHILD_SA over PANA.
      assertTrue(ud.delete(Duration.ofSeconds(10)), () -> "delete unanswered: " + ud.outcome());
      long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (cd.stats().saRemovals() < 1 && System.nanoTime() < until) {
        Thread.sleep(100);
      }
      assertEquals(1, cd.stats().saRemovals(), () -> cd.stats().toString());
    }
  }

  @Test
  void aCdThatRefusesItsKeysGetsNoSa_theUdsIkeSaFailsAndNoEspRouteStays() throws Exception {
    EntryRig.Options options = new EntryRig.Options(1, 0, 0, new EntryRig.AaaChoice.Embedded(),
        Duration.ofMillis(500), 8, Duration.ofHours(1), MediumSettings.defaults(),
        Optional.empty());
    try (EntryRig rig = EntryRig.start(options, dir)) {
      assertEquals(1, rig.awaitJoins(Duration.ofSeconds(30)).admitted());
      SimulatedCd cd = rig.cds().get(0);
      rig.simulator().drive(0, (c, now) -> {
        c.refuseKeyDeliveries(true);
        return java.util.List.of();
      });
      UdInitiator ud = new UdInitiator(rig.ucn(), cd.address(), false);
      assertTrue(!ud.connect(EntryRig.ikeIdentity(0), EntryRig.IKE_PSK, Duration.ofSeconds(20)),
          "an SA whose keys the CD refused");
      CdStats stats = rig.simulator().inspect(0, SimulatedCd::stats);
      assertEquals(0, stats.keyDeliveries(), stats::toString);
      assertEquals(1, stats.drops(net.iotgw.sim.cd.DropReason.KEY_DELIVERY_REFUSED));
      // The responder's held IKE_AUTH response becomes an error notify (RFC 7296 §2.21.2).
      assertTrue(ud.outcome().contains("N(TEMPORARY_FAILURE)"), ud.outcome());
    }
  }

  @Test
  void transportModeAskedByTheUdIsHonouredEndToEndRfc7296Section1_3_1() throws Exception {
    EntryRig.Options options = new EntryRig.Options(1, 0, 0, new EntryRig.AaaChoice.Embedded(),
        Duration.ofMillis(500), 8, Duration.ofHours(1), MediumSettings.defaults(),
        Optional.empty());
    try (EntryRig rig = EntryRig.start(options, dir)) {
      assertEquals(1, rig.awaitJoins(Duration.ofSeconds(30)).admitted());
      SimulatedCd cd = rig.cds().get(0);
      UdInitiator ud = new UdInitiator(rig.ucn(), cd.address(), true);
      assertTrue(ud.connect(EntryRig.ikeIdentity(0), EntryRig.IKE_PSK, Duration.ofSeconds(20)),
          () -> "no SA: " + ud.outcome());
      assertEquals(net.iotgw.protocols.ike.engine.ChildSa.Mode.TRANSPORT, ud.child().mode());
      for (int i = 1; i <= 3; i++) {
        ud.sendEcho(9, i);
        Optional<Ipv6Packet> reply = ud.receiveEsp(Duration.ofSeconds(3));
        assertTrue(reply.isPresent(), "no transport-mode ESP echo reply " + i);
        assertEquals(58, reply.get().protocol(), "ICMPv6 right behind ESP");
      }
      assertEquals(0, cd.stats().espNoSa(), cd.stats()::toString);
    }
  }
}

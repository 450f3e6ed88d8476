package net.iotgw.load.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.iotgw.radio.emulator.MediumSettings;
import net.iotgw.sim.cd.CdStats;
import net.iotgw.sim.cd.JoinState;
import net.iotgw.sim.cd.JoinStatus;
import net.iotgw.sim.cd.SimulatedCd;
import net.iotgw.sim.medium.CdSimulator;
import net.iotgw.streams.lowpan.LowpanDrop;
import net.iotgw.streams.lowpan.LowpanMetrics;
import net.iotgw.testing.HostTools;
import net.iotgw.testing.Hostapd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's proof with the embedded authenticator: CDs on the emulated radio join the running
 * gateway with PANA and EAP-PSK, are admitted, and answer pings from the UCN through 802.15.4
 * link security keyed on both sides from the same MSK; CDs with a wrong PSK are rejected, and
 * the data frames that forgers send without a key are dropped at the enforcement point, counted,
 * and never reach the UCN.
 */
class NetworkEntryEndToEndTest {
  @TempDir Path dir;

  @Test
  void cdsJoinThroughTheEmbeddedAuthenticatorWrongPskIsRejectedAndForgedFramesDropped()
      throws Exception {
    Path pcap = dir.resolve("radio.pcap");
    EntryRig.Options options = new EntryRig.Options(8, 1, 1, new EntryRig.AaaChoice.Embedded(),
        Duration.ofSeconds(2), 64, Duration.ofHours(1), MediumSettings.defaults(),
        Optional.of(pcap));
    try (EntryRig rig = EntryRig.start(options, dir)) {
      CdSimulator.JoinProgress p = rig.awaitJoins(Duration.ofSeconds(60));

      assertEquals(8, p.admitted(), () -> "joins: " + p + "\n" + rig.simulator().statsLine());
      assertEquals(2, p.rejected(), () -> "joins: " + p);
      List<JoinStatus> statuses = rig.simulator().joinStatuses();
      List<SimulatedCd> cds = rig.cds();
      for (int i = 0; i < 8; i++) {
        assertEquals(JoinState.ADMITTED, statuses.get(i).state(), cds.get(i).toString());
        assertTrue(Pings.answers(rig.ucn(), cds.get(i).address(), i, Duration.ofSeconds(3)),
            () -> "no echo reply through link security from " + cds);
      }
      assertEquals(8, rig.parts().counters().snapshot().admitted());
      assertEquals(2, rig.parts().counters().snapshot().rejected());

      // The forger has been sending unsecured echo requests all along: dropped, counted.
      Thread.sleep(1500);
      LowpanMetrics drops = rig.parts().lowpan().snapshot();
      assertTrue(drops.dropped(LowpanDrop.UNSECURED_DATA) > 0, drops::toString);
      CdStats forger = cds.get(9).stats();
      assertTrue(forger.forgedFramesSent() > 0, forger::toString);
      byte[] leaked;
      while ((leaked = rig.ucn().nextSent(Duration.ofMillis(100))) != null) {
        assertTrue(!new String(leaked).contains("ping") || leaked.length < 0,
            "only echo replies reach the UCN");
      }
    }
    assertTsharkDissectsPanaAndEap(pcap);
  }

  @Test
  void cdsJoinThroughARealHostapdRadiusServerAndTheWrongPskIsRejected() throws Exception {
    try (Hostapd hostapd = Hostapd.start(dir, SECRET, EntryRig.eapUsers(6))) {
      EntryRig.Options options = new EntryRig.Options(5, 1, 0,
          new EntryRig.AaaChoice.Radius(
              new InetSocketAddress(InetAddress.getByName("::1"), hostapd.port()), SECRET),
          Duration.ofSeconds(2), 64, Duration.ofHours(1), MediumSettings.defaults(),
          Optional.empty());
      try (EntryRig rig = EntryRig.start(options, dir)) {
        CdSimulator.JoinProgress p = rig.awaitJoins(Duration.ofSeconds(60));

        assertEquals(5, p.admitted(), () -> "joins: " + p + "\n" + rig.simulator().statsLine());
        assertEquals(1, p.rejected(), () -> "joins: " + p);
        for (int i = 0; i < 5; i++) {
          SimulatedCd cd = rig.cds().get(i);
          assertTrue(Pings.answers(rig.ucn(), cd.address(), 100 + i, Duration.ofSeconds(3)),
              () -> "no echo reply from " + cd);
        }
      }
      String log = hostapd.log();
      assertTrue(log.contains("EAP-PSK: Invalid MAC_P"), "hostapd saw the wrong PSK fail");
    }
  }

  @Test
  void admittedCdsReauthenticateBeforeTheirSessionEndsAndKeepTalkingUnderTheNewKeys()
      throws Exception {
    // RFC 5191 §4.3: each CD re-authenticates at 3/4 of its 60 s lifetime (45 s); gateway and
    // CD then derive a new link key from the new MSK and Key-Id (RFC 5807).
    EntryRig.Options options = new EntryRig.Options(2, 0, 0, new EntryRig.AaaChoice.Embedded(),
        Duration.ofMillis(500), 8, Duration.ofSeconds(60), MediumSettings.defaults(),
        Optional.empty());
    try (EntryRig rig = EntryRig.start(options, dir)) {
      assertEquals(2, rig.awaitJoins(Duration.ofSeconds(30)).admitted());
      long until = System.nanoTime() + Duration.ofSeconds(75).toNanos();
      while (rig.parts().counters().snapshot().reauthenticated() < 2
          && System.nanoTime() < until) {
        Thread.sleep(250);
      }
      assertEquals(2, rig.parts().counters().snapshot().reauthenticated(),
          () -> rig.simulator().statsLine());
      for (int i = 0; i < 2; i++) {
        SimulatedCd cd = rig.cds().get(i);
        assertTrue(Pings.answers(rig.ucn(), cd.address(), 200 + i, Duration.ofSeconds(3)),
            () -> "no echo reply under the new link key from " + cd);
      }
      assertEquals(2, rig.parts().counters().snapshot().admitted(), "no second join");
    }
  }

  private static final String SECRET = "entry-test-secret";

  /** What the gateway put on the air, PANA and EAP inside 6LoWPAN, dissects cleanly. */
  private static void assertTsharkDissectsPanaAndEap(Path pcap) {
    HostTools.require("tshark");
    String out = HostTools.check(List.of("tshark", "-r", pcap.toString(),
        "-o", "6lowpan.context0:" + EntryRig.CD_PREFIX, "-V"));
    assertTrue(out.contains("Protocol for carrying Authentication for Network Access"),
        "no PANA dissected");
    assertTrue(out.contains("Extensible Authentication Protocol"), "no EAP dissected");
    assertTrue(out.contains("EAP-PSK") || out.contains("Type: PSK"), "no EAP-PSK dissected");
    assertFalse(out.contains("Malformed"), "malformed packets in the capture");
    assertFalse(out.contains("[Expert Info (Error"), "expert errors in the capture");
  }
}

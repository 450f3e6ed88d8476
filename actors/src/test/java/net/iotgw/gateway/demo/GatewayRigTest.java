package net.iotgw.gateway.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.iotgw.radio.emulator.MediumSettings;
import net.iotgw.sim.cd.JoinStatus;
import net.iotgw.sim.medium.CdSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rig's order of events: the gateway opens its radio ({@code mem:NAME}, no socket), the medium
 * sees it listen, and only then do the CDs power up and send their first PCI.
 */
class GatewayRigTest {

  @Test
  void cdsSendTheirFirstPciOnlyAfterTheGatewaysRadioListensOnTheInProcessLink(@TempDir Path dir)
      throws Exception {
    long before = System.nanoTime() / 1_000_000;
    GatewayRig.Options options = new GatewayRig.Options(4, 0, 0,
        new GatewayRig.AaaChoice.Embedded(), Duration.ofMillis(100), 8, Duration.ofHours(1),
        MediumSettings.defaults(), Optional.empty());
    try (GatewayRig rig = GatewayRig.start(options, dir)) {
      assertTrue(rig.radioDevice().startsWith("mem:gateway-rig-"), rig.radioDevice());
      CdSimulator.JoinProgress progress = rig.awaitJoins(Duration.ofSeconds(60));
      assertEquals(4, progress.admitted(), rig.simulator().statsLine());

      long listening = rig.simulator().joinWindowOpenedAtMillis().orElseThrow();
      assertTrue(listening >= before, listening + " < " + before);
      List<JoinStatus> statuses = rig.simulator().joinStatuses();
      for (int i = 0; i < statuses.size(); i++) {
        long firstPci = statuses.get(i).joinStartedAt().orElseThrow();
        assertTrue(firstPci >= listening,
            "CD " + i + " sent its PCI at " + firstPci + " ms, the gateway listened at "
                + listening + " ms");
      }
      // The gateway's own count (it counts a CD once the CD has answered the PANA request that
      // admits it, a frame after the CD's view): the joins really crossed the mem: link.
      long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (rig.parts().counters().snapshot().admitted() < 4 && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      assertEquals(4, rig.parts().counters().snapshot().admitted());
    }
  }
}

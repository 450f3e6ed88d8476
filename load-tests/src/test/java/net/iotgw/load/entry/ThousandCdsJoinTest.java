package net.iotgw.load.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import net.iotgw.radio.emulator.MediumSettings;
import net.iotgw.sim.medium.CdSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4: 1,000 CDs power up within five seconds and join one gateway over one emulated 250
 * kbit/s channel, with no failure. The join rate is printed (it is the {@code load-tests join}
 * benchmark's report), never asserted: the timeout below only bounds a hung run.
 */
class ThousandCdsJoinTest {
  @TempDir Path dir;

  @Test
  void thousandCdsJoinConcurrentlyThroughTheEmulatedRadioWithoutFailure() throws Exception {
    EntryRig.Options options = new EntryRig.Options(1000, 0, 0, new EntryRig.AaaChoice.Embedded(),
        Duration.ofSeconds(5), 32, Duration.ofHours(1), MediumSettings.defaults(), Optional.empty());
    try (EntryRig rig = EntryRig.start(options, dir)) {
      CdSimulator.JoinProgress p = rig.awaitJoins(Duration.ofMinutes(8));
      JoinReport report = JoinReport.of(rig, p, JoinCpuCost.microsPerJoin(200));
      System.out.println(report.render());

      assertEquals(1000, p.admitted(), report::render);
      assertEquals(0, p.rejected(), report::render);
      assertEquals(1000, rig.parts().counters().snapshot().admitted(), report::render);
      assertEquals(0, rig.parts().counters().snapshot().rejected(), report::render);
      // More CDs than max-joining powered up at once: the line took them, none was shed.
      assertTrue(rig.parts().counters().snapshot().waited() > 0, report::render);
      assertEquals(0, rig.parts().counters().snapshot().shed(), report::render);
    }
  }
}

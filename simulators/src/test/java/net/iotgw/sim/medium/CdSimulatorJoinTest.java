package net.iotgw.sim.medium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.iotgw.radio.emulator.MediumSettings;
import net.iotgw.sim.cd.CdCredentials;
import net.iotgw.sim.cd.CdPopulation;
import net.iotgw.sim.cd.JoinSettings;
import net.iotgw.sim.cd.JoinState;
import net.iotgw.sim.cd.PaaRadioNode;
import org.apache.pekko.actor.ActorSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * cd-sim's simulator with CDs from a device store on the radio medium, and an in-test PAA as the
 * gateway's station: the scheduler tick starts each join within the window, the CDs run PANA
 * over the medium and are admitted; the one whose PSK the store does not hold is rejected.
 */
class CdSimulatorJoinTest {
  static final ActorSystem system = ActorSystem.create("cd-sim-join");

  @AfterAll
  static void stop() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void cdsJoinWithinTheWindowDrivenByOneSchedulerTickAndTheStatsLineSaysSo() throws Exception {
    Map<String, byte[]> store = new HashMap<>();
    List<CdCredentials> entries = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      byte[] psk = new byte[16];
      psk[0] = (byte) i;
      store.put("cd" + i + "@iot.example", psk);
      // The last CD's key is not the store's: the PAA rejects it.
      byte[] held = psk.clone();
      held[15] = (byte) (i == 5 ? 1 : 0);
      entries.add(new CdCredentials("cd" + i + "@iot.example", held, OptionalLong.empty()));
    }
    PaaRadioNode gateway = new PaaRadioNode(store);
    CdPopulation population = CdPopulation.joining(PaaRadioNode.network(), entries,
        CdPopulation.DEFAULT_BASE_EUI64, JoinSettings.DEFAULTS, new Random(3));

    try (CdSimulator simulator = CdSimulator.start(population, MediumSettings.defaults(), system,
        new CdSimulator.JoinSchedule(Duration.ZERO, Duration.ofMillis(500), 9))) {
      simulator.medium().attach(gateway);
      assertEquals(6, simulator.joinProgress().notJoined() + simulator.joinProgress().joining());

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      // The PAA opens a session when the CD's final PAN arrives, a frame after the CD's view.
      while (System.nanoTime() < deadline && (simulator.joinProgress().admitted() < 5
          || simulator.joinProgress().rejected() < 1 || gateway.open() < 5)) {
        Thread.sleep(50);
      }

      CdSimulator.JoinProgress progress = simulator.joinProgress();
      assertEquals(List.of(), gateway.failures());
      assertEquals(5, progress.admitted(), simulator.statsLine());
      assertEquals(1, progress.rejected(), simulator.statsLine());
      assertEquals(5, gateway.open());
      assertTrue(progress.lastAdmittedMillis().getAsLong() < 15_000, simulator.statsLine());
      assertTrue(simulator.statsLine().contains("joined 5, rejected 1, joining 0, not joined 0"),
          simulator.statsLine());
      assertEquals(JoinState.REJECTED, population.devices().get(5).joinStatus().state());
      // Staggered: the PCIs went out at random moments within the 500 ms window.
      LongSummaryStatistics started = population.devices().stream()
          .mapToLong(cd -> cd.joinStatus().joinStartedAt().getAsLong()).summaryStatistics();
      assertTrue(started.getMax() - started.getMin() > 0, started.toString());
      // The upper bound allows a starved scheduler (a loaded CI machine delays ticks by a second
      // or more): what matters is that the starts are spread, not all in the first tick.
      assertTrue(started.getMax() - started.getMin() < 500 + 5_000, started.toString());
    }
  }

  @Test
  void withStartWhenNoCdStartsItsJoinBeforeTheGatewaysRadioListensAndAllJoinAfter()
      throws Exception {
    Map<String, byte[]> store = new HashMap<>();
    List<CdCredentials> entries = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      byte[] psk = new byte[16];
      psk[1] = (byte) i;
      store.put("cd" + i + "@iot.example", psk);
      entries.add(new CdCredentials("cd" + i + "@iot.example", psk.clone(), OptionalLong.empty()));
    }
    PaaRadioNode gateway = new PaaRadioNode(store);
    CdPopulation population = CdPopulation.joining(PaaRadioNode.network(), entries,
        CdPopulation.DEFAULT_BASE_EUI64, JoinSettings.DEFAULTS, new Random(4));

    try (CdSimulator simulator = CdSimulator.startWhen(population, MediumSettings.defaults(),
        system, new CdSimulator.JoinSchedule(Duration.ZERO, Duration.ofMillis(200), 5),
        medium -> medium.listening(gateway.extendedAddress()))) {
      // Many ticks pass with nobody to hear a PCI: the CDs wait, silent.
      Thread.sleep(20 * CdSimulator.TICK.toMillis());
      assertEquals(OptionalLong.empty(), simulator.joinWindowOpenedAtMillis());
      assertEquals(4, simulator.joinProgress().notJoined(), simulator.statsLine());
      assertEquals(0, simulator.medium().stats().framesCarried());

      long attachedAt = System.nanoTime() / 1_000_000;
      simulator.medium().attach(gateway);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (System.nanoTime() < deadline && gateway.open() < 4) {
        Thread.sleep(50);
      }

      assertEquals(4, simulator.joinProgress().admitted(), simulator.statsLine());
      long opened = simulator.joinWindowOpenedAtMillis().getAsLong();
      assertTrue(opened >= attachedAt, opened + " < " + attachedAt);
      for (int i = 0; i < 4; i++) {
        long started = population.devices().get(i).joinStatus().joinStartedAt().getAsLong();
        assertTrue(started >= opened, "CD " + i + " started at " + started + " < " + opened);
      }
    }
  }
}

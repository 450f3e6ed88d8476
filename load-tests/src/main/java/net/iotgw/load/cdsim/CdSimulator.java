package net.iotgw.load.cdsim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import net.iotgw.load.cd.CdPopulation;
import net.iotgw.load.cd.CdStats;
import net.iotgw.load.cd.SimulatedCd;
import net.iotgw.radio.emulator.MediumSettings;
import net.iotgw.radio.emulator.MediumStats;
import net.iotgw.radio.emulator.RadioMedium;
import org.apache.pekko.actor.ClassicActorSystemProvider;

/**
 * A population of simulated CDs on a running radio medium: what {@code cd-sim} serves behind its
 * emulated dongle ({@link net.iotgw.radio.emulator.DongleEmulator}, attached by the caller).
 */
final class CdSimulator implements AutoCloseable {
  private final RadioMedium medium;
  private final List<SimulatedCdNode> nodes;

  private CdSimulator(RadioMedium medium, List<SimulatedCdNode> nodes) {
    this.medium = medium;
    this.nodes = List.copyOf(nodes);
  }

  static CdSimulator start(
      CdPopulation population, MediumSettings settings, ClassicActorSystemProvider system) {
    RadioMedium medium = RadioMedium.start(settings, system);
    // Monotonic: the CDs' reassembly and CoAP deduplication must not see clock steps.
    LongSupplier clockMillis = () -> System.nanoTime() / 1_000_000;
    List<SimulatedCdNode> nodes = new ArrayList<>();
    for (SimulatedCd cd : population.devices()) {
      SimulatedCdNode node = new SimulatedCdNode(cd, clockMillis);
      medium.attach(node);
      nodes.add(node);
    }
    return new CdSimulator(medium, nodes);
  }

  RadioMedium medium() {
    return medium;
  }

  /** The sum of every CD's counters, as of the last frame each handled. */
  CdStats totals() {
    CdStats sum = CdStats.ZERO;
    for (SimulatedCdNode n : nodes) {
      sum = sum.plus(n.stats());
    }
    return sum;
  }

  /** One line of what the medium carried and the CDs did. */
  String statsLine() {
    MediumStats m = medium.stats();
    CdStats cds = totals();
    return String.format(
        "cd-sim: medium %d frames (%d kbit), %d delivered, %d lost, %d queue drops;"
            + " CDs %d pings, %d CoAP, %d frames in, %d out, %d dropped",
        m.framesCarried(),
        m.bitsCarried() / 1000,
        m.deliveries(),
        m.lostDeliveries(),
        m.queueDrops(),
        cds.pingsAnswered(),
        cds.coapRequestsServed(),
        cds.framesReceived(),
        cds.framesSent(),
        cds.totalDrops());
  }

  @Override
  public void close() {
    medium.close();
  }
}

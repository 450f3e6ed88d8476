package net.iotgw.load.entry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.iotgw.gateway.device.NetworkEntryCounters;
import net.iotgw.radio.emulator.MediumStats;
import net.iotgw.sim.cd.JoinStatus;
import net.iotgw.sim.medium.CdSimulator;

/**
 * What a join run measured, and where its time went: the radio's air time, the AAA's round
 * trips, and the protocol work (crypto included) measured apart by {@link JoinCpuCost}.
 *
 * @param spanMillis from the first CD's PCI to the last CD's admission
 * @param airBusyMillis time the channel carried a frame during the run
 * @param cpuMicrosPerJoin both sides' PANA and EAP-PSK processing of one join, in memory
 */
public record JoinReport(
    int cds,
    CdSimulator.JoinProgress progress,
    long spanMillis,
    List<Long> joinMillis,
    MediumStats medium,
    long airBusyMillis,
    NetworkEntryCounters.Snapshot gateway,
    double cpuMicrosPerJoin) {

  static JoinReport of(EntryRig rig, CdSimulator.JoinProgress progress, double cpuMicrosPerJoin) {
    List<Long> times = new ArrayList<>();
    long firstStart = Long.MAX_VALUE;
    long lastAdmitted = Long.MIN_VALUE;
    for (JoinStatus s : rig.simulator().joinStatuses()) {
      if (s.admittedAt().isPresent()) {
        times.add(s.joinMillis().getAsLong());
        lastAdmitted = Math.max(lastAdmitted, s.admittedAt().getAsLong());
      }
      if (s.joinStartedAt().isPresent()) {
        firstStart = Math.min(firstStart, s.joinStartedAt().getAsLong());
      }
    }
    Collections.sort(times);
    return new JoinReport(rig.options().totalCds(), progress,
        times.isEmpty() ? 0 : lastAdmitted - firstStart, List.copyOf(times),
        rig.simulator().medium().stats(),
        rig.simulator().medium().ledger().busyNanos() / 1_000_000,
        rig.parts().counters().snapshot(), cpuMicrosPerJoin);
  }

  /** Admissions per second over the span. */
  public double joinRate() {
    return spanMillis == 0 ? 0 : progress.admitted() * 1000.0 / spanMillis;
  }

  long percentile(double p) {
    if (joinMillis.isEmpty()) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100 * joinMillis.size()) - 1;
    return joinMillis.get(Math.max(0, Math.min(i, joinMillis.size() - 1)));
  }

  /** The human-readable report. */
  public String render() {
    long admitted = Math.max(1, progress.admitted());
    double airPerJoin = (double) airBusyMillis / admitted;
    double aaaPerJoin = gateway.meanAaaMicros() / 1000.0 * gateway.aaaRoundTrips() / admitted;
    return String.join("\n",
        String.format("network entry: %d CDs, %d admitted, %d rejected, %d still joining,"
            + " %d not joined", cds, progress.admitted(), progress.rejected(), progress.joining(),
            progress.notJoined()),
        String.format("  join rate     %.1f admissions/s (first PCI to last admission: %.1f s)",
            joinRate(), spanMillis / 1000.0),
        String.format("  join latency  p50 %d ms, p90 %d ms, p99 %d ms, max %d ms (PCI to"
            + " admission, at the CD)", percentile(50), percentile(90), percentile(99),
            percentile(100)),
        String.format("  air time      %.1f s busy of %.1f s (%.0f%%); %d frames, %.1f kB, %.1f"
            + " frames and %.0f bytes per join; %.1f ms of air per join", airBusyMillis / 1000.0,
            spanMillis / 1000.0, spanMillis == 0 ? 0 : 100.0 * airBusyMillis / spanMillis,
            medium.framesCarried(), medium.bitsCarried() / 8000.0,
            (double) medium.framesCarried() / admitted, medium.bitsCarried() / 8.0 / admitted,
            airPerJoin),
        String.format("  AAA           %d round trips, mean %.0f us; %.2f ms of AAA per join",
            gateway.aaaRoundTrips(), gateway.meanAaaMicros(), aaaPerJoin),
        String.format("  CPU           %.0f us per join (PaC + PAA + EAP-PSK peer and server, in"
            + " memory)", cpuMicrosPerJoin),
        String.format("  gateway       %d joins started, %d waited in line, %d PCIs shed, %d PANA"
            + " dropped; medium: %d queue drops, %d lost", gateway.joinsStarted(), gateway.waited(),
            gateway.shed(),
            gateway.dropped(), medium.queueDrops(), medium.lostDeliveries()));
  }
}

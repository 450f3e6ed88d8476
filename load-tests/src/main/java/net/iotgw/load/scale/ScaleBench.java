package net.iotgw.load.scale;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.iotgw.load.ike.LoadSuite;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Issue 6, benchmark 4: the gateway's heap per provisioned CD and per established IKE SA. A
 * class histogram of the live heap (see {@link HeapHistogram}) is taken at each stage:
 *
 * <ol>
 *   <li>host only: this JVM with the emulated radio's actor system, no gateway;
 *   <li>gateway, empty store: the gateway started with no CD in its device store;
 *   <li>provisioned: a new gateway with {@code provisioned} CDs in its store, none admitted;
 *   <li>admitted: a new gateway with the same store, its first {@code sas} CDs admitted in memory
 *       ({@code MeasuredCds} admits only at start, hence a third gateway rather than admitting
 *       into the second);
 *   <li>SAs established, UD sessions held: one UD has opened an IKE SA with its CHILD_SA to each
 *       admitted CD through the in-memory UCN, none deleted;
 *   <li>SAs established: the same, the UD's sessions forgotten (the gateway's SAs stay: no timer
 *       of theirs fires for minutes), so that the generator's share is left out;
 *   <li>gateway closed.
 * </ol>
 *
 * Differences of consecutive stages, divided by the number of CDs or SAs, give the figures. Each
 * gateway is closed before the next starts; all share one JVM, so classes loaded and static
 * state made by the first stay and fall in the fixed cost, not in the per-CD figures.
 */
final class ScaleBench {
  private static final int TOP = 15;

  private ScaleBench() {}

  static ScaleReport run(ScaleReport.Settings settings, Duration deadline, PrintStream progress)
      throws Exception {
    quietGateway();
    Conditions conditions = Conditions.atStart();
    LoadSuite suite = LoadSuite.parse(settings.suite());
    List<ScaleReport.Stage> stages = new ArrayList<>();
    Path dir = Files.createTempDirectory("iotgw-scale");
    ActorSystem<Void> host = ActorSystem.create(Behaviors.empty(), "scale");
    try {
      HeapHistogram hostOnly = measure(stages, ScaleReport.HOST, 0, 0, 0, -1, 0, progress);

      long t = System.nanoTime();
      HeapHistogram empty;
      try (ScaleGateway g = ScaleGateway.start(0, 0, dir, host)) {
        empty = measure(stages, ScaleReport.EMPTY, 0, 0, 0, g.userActors(), since(t), progress);
      }

      t = System.nanoTime();
      HeapHistogram provisioned;
      try (ScaleGateway g = ScaleGateway.start(settings.provisioned(), 0, dir, host)) {
        provisioned = measure(stages, ScaleReport.PROVISIONED, settings.provisioned(), 0, 0,
            g.userActors(), since(t), progress);
      }

      t = System.nanoTime();
      ScaleGateway g = ScaleGateway.start(settings.provisioned(), settings.sas(), dir, host);
      try {
        HeapHistogram admitted = measure(stages, ScaleReport.ADMITTED, settings.provisioned(),
            settings.sas(), 0, g.userActors(), since(t), progress);

        progress.printf("establishing %,d IKE SAs, %d at a time%n", settings.sas(),
            settings.window());
        UdFleet uds = new UdFleet(g.ucn(), suite);
        UdFleet.Outcome outcome = uds.establish(settings.sas(), settings.window(), deadline);
        progress.printf("%,d established, %,d failed %s in %.1f s%n", outcome.established(),
            outcome.failed(), outcome.failures(), outcome.took().toMillis() / 1000.0);
        double took = outcome.took().toMillis() / 1000.0;
        HeapHistogram withUds = measure(stages, ScaleReport.ESTABLISHED_WITH_UDS,
            settings.provisioned(), settings.sas(), outcome.established(), g.userActors(), took,
            progress);
        uds.release();
        HeapHistogram established = measure(stages, ScaleReport.ESTABLISHED,
            settings.provisioned(), settings.sas(), outcome.established(), g.userActors(), took,
            progress);
        int routes = g.espRoutes();
        int ikeSas = g.actors("/user/devices/*/*");
        g.close();
        g = null;
        measure(stages, ScaleReport.CLOSED, 0, 0, 0, -1, 0, progress);
        return new ScaleReport(settings, stages, outcome, routes, ikeSas,
            provisioned.growthSince(empty, TOP), admitted.growthSince(provisioned, TOP),
            established.growthSince(admitted, TOP), withUds.growthSince(established, TOP),
            conditions.atEnd());
      } finally {
        if (g != null) {
          g.close();
        }
      }
    } finally {
      host.terminate();
      host.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /** The live heap now, recorded as a stage (the histogram's full GC comes first). */
  private static HeapHistogram measure(List<ScaleReport.Stage> stages, String name,
      int provisioned, int admitted, int sas, int actors, double seconds, PrintStream progress) {
    HeapHistogram h = HeapHistogram.ofLiveObjects();
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    stages.add(new ScaleReport.Stage(name, provisioned, admitted, sas, h.bytes(), h.instances(),
        used, actors, seconds));
    progress.printf("%-36s live heap %,d bytes, %,d objects, %s actors%n", name, h.bytes(),
        h.instances(), actors < 0 ? "-" : Integer.toString(actors));
    return h;
  }

  private static double since(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  /** The gateway logs every SA at INFO: 10,000 lines would be noise in the report. */
  private static void quietGateway() {
    if (org.slf4j.LoggerFactory.getLogger("net.iotgw.gateway")
        instanceof ch.qos.logback.classic.Logger l) {
      l.setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }
}

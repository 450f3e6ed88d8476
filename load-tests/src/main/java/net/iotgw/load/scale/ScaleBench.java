package net.iotgw.load.scale;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.iotgw.load.ike.InProcessGateway;
import net.iotgw.load.ike.LoadSuite;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Issue 6, benchmark 4: the gateway's heap per provisioned CD and per established IKE SA. A
 * class histogram of the live heap (see {@link HeapHistogram}) is taken at each stage:
 *
 * <ol>
 *   <li>(a warm-up gateway with a few SAs, started and closed, unmeasured);
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
 *   <li>ESP routes cleared: the forwarding table emptied behind the actors' back, just before
 *       the gateway closes, to weigh the routes' share of an SA;
 *   <li>gateway closed.
 * </ol>
 *
 * Differences of consecutive stages, divided by the number of CDs or SAs, give the figures. Each
 * gateway is closed before the next starts; all share one JVM, so classes loaded and static
 * state made by the first stay and fall in the fixed cost, not in the per-CD figures.
 */
final class ScaleBench {
  private static final int TOP = 15;
  /** CDs and SAs of the unmeasured warm-up gateway. */
  private static final int WARM_UP = 20;

  private ScaleBench() {}

  static ScaleReport run(ScaleReport.Settings settings, Duration deadline, PrintStream progress)
      throws Exception {
    quietGateway();
    Conditions conditions = Conditions.atStart();
    LoadSuite suite = LoadSuite.parse(settings.suite());
    Path dir = Files.createTempDirectory("iotgw-scale");
    Stages stages = new Stages(dir, progress);
    ActorSystem<Void> host = ActorSystem.create(Behaviors.empty(), "scale");
    try {
      warmUp(dir, host, suite, progress);
      stages.measure(ScaleReport.HOST, 0, 0, 0, -1, 0);

      long t = System.nanoTime();
      try (InProcessGateway g = start(0, 0, dir, host)) {
        stages.measure(ScaleReport.EMPTY, 0, 0, 0, g.userActors(), since(t));
      }

      t = System.nanoTime();
      try (InProcessGateway g = start(settings.provisioned(), 0, dir, host)) {
        stages.measure(ScaleReport.PROVISIONED, settings.provisioned(), 0, 0, g.userActors(),
            since(t));
      }

      t = System.nanoTime();
      UdFleet.Outcome outcome;
      int routes;
      int ikeSas;
      try (InProcessGateway g = start(settings.provisioned(), settings.sas(), dir,
          host)) {
        stages.measure(ScaleReport.ADMITTED, settings.provisioned(), settings.sas(), 0,
            g.userActors(), since(t));
        progress.printf("establishing %,d IKE SAs, %d at a time%n", settings.sas(),
            settings.window());
        UdFleet uds = new UdFleet(g.ucn(), suite);
        outcome = uds.establish(settings.sas(), settings.window(), deadline);
        progress.printf("%,d established, %,d failed %s in %.1f s%n", outcome.established(),
            outcome.failed(), outcome.failures(), outcome.took().toMillis() / 1000.0);
        double took = outcome.took().toMillis() / 1000.0;
        stages.measure(ScaleReport.ESTABLISHED_WITH_UDS, settings.provisioned(), settings.sas(),
            outcome.established(), g.userActors(), took);
        uds.release();
        stages.measure(ScaleReport.ESTABLISHED, settings.provisioned(), settings.sas(),
            outcome.established(), g.userActors(), took);
        routes = g.espRoutes();
        ikeSas = g.actors("/user/devices/*/*");
        g.clearEspRoutes();
        stages.measure(ScaleReport.ROUTES_CLEARED, settings.provisioned(), settings.sas(),
            outcome.established(), g.userActors(), 0);
      }
      stages.measure(ScaleReport.CLOSED, 0, 0, 0, -1, 0);
      return new ScaleReport(settings, stages.list(), outcome, routes, ikeSas,
          stages.growth(ScaleReport.EMPTY, ScaleReport.PROVISIONED),
          stages.growth(ScaleReport.PROVISIONED, ScaleReport.ADMITTED),
          stages.growth(ScaleReport.ADMITTED, ScaleReport.ESTABLISHED),
          stages.growth(ScaleReport.ESTABLISHED, ScaleReport.ESTABLISHED_WITH_UDS),
          stages.growth(ScaleReport.ROUTES_CLEARED, ScaleReport.ESTABLISHED),
          conditions.atEnd());
    } finally {
      host.terminate();
      host.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /**
   * A small gateway through every path the measured ones take (start, SAs, close), unmeasured, so
   * that the classes those paths load and the static state they make are there before the first
   * histogram and fall in no per-CD figure.
   */
  private static void warmUp(Path dir, ActorSystem<Void> host, LoadSuite suite,
      PrintStream progress) throws Exception {
    try (InProcessGateway g = start(WARM_UP, WARM_UP, dir, host)) {
      UdFleet uds = new UdFleet(g.ucn(), suite);
      UdFleet.Outcome o = uds.establish(WARM_UP, WARM_UP, Duration.ofSeconds(60));
      g.userActors();
      uds.release();
      progress.printf("warm-up: %d of %d SAs established%n", o.established(), WARM_UP);
    }
  }

  /**
   * The stages measured so far: their totals in memory, their histograms in files, so that no
   * histogram is on the heap when the next is taken.
   */
  private static final class Stages {
    private final Path dir;
    private final PrintStream progress;
    private final List<ScaleReport.Stage> list = new ArrayList<>();
    private final Map<String, Path> histograms = new HashMap<>();

    Stages(Path dir, PrintStream progress) {
      this.dir = dir;
      this.progress = progress;
    }

    /** The live heap now, recorded as a stage (the histogram's full GC comes first). */
    void measure(String name, int provisioned, int admitted, int sas, int actors,
        double seconds) throws IOException {
      String text = HeapHistogram.liveObjectsText();
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      Path file = dir.resolve("histogram-" + list.size() + ".txt");
      Files.writeString(file, text);
      HeapHistogram h = HeapHistogram.parse(text);
      list.add(new ScaleReport.Stage(name, provisioned, admitted, sas, h.bytes(), h.instances(),
          used, actors, seconds));
      histograms.put(name, file);
      progress.printf("%-36s live heap %,d bytes, %,d objects, %s actors%n", name, h.bytes(),
          h.instances(), actors < 0 ? "-" : Integer.toString(actors));
    }

    List<ScaleReport.Stage> list() {
      return List.copyOf(list);
    }

    /** What grew from stage {@code from} to stage {@code to}, by class and by owner. */
    ScaleReport.Growth growth(String from, String to) throws IOException {
      HeapHistogram before = HeapHistogram.parse(Files.readString(histograms.get(from)));
      HeapHistogram after = HeapHistogram.parse(Files.readString(histograms.get(to)));
      return new ScaleReport.Growth(after.growthSince(before, TOP),
          after.changeByGroup(before, HeapOwner::of));
    }
  }

  /**
   * The load generator's in-process gateway with {@code provisioned} CDs in its store, the first
   * {@code admitted} admitted, PSKs; a cookie threshold above one SA per CD, since every CD here
   * gets exactly one IKE SA.
   */
  private static InProcessGateway start(int provisioned, int admitted, Path dir,
      ActorSystem<?> host) throws Exception {
    return InProcessGateway.start(new InProcessGateway.Options(provisioned, admitted, 64,
        java.util.OptionalInt.empty(), java.util.Optional.empty(), false), dir, host);
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

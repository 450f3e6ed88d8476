package net.iotgw.load.ike;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import net.iotgw.protocols.ike.engine.Credentials;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.Identity;
import net.iotgw.protocols.ike.engine.Limits;
import net.iotgw.protocols.ike.engine.Profile;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Runs one {@link LoadPlan}: the generator's actor system with its workers, the target (the
 * in-process gateway, or UDP sockets towards a responder), a resource sample every second, the
 * run, the drain, and the result.
 */
public final class IkeLoad {
  static final String SYSTEM_NAME = "ikeload";
  static final String WORKER_DISPATCHER = "ikeload.worker-dispatcher";
  private static final Duration SAMPLE = Duration.ofSeconds(1);

  private IkeLoad() {}

  /** Resources of the target at one moment of the run. */
  public record ResourcePoint(double seconds, double cpuPercent, long memoryBytes) {}

  /**
   * @param seconds the measured window (the plan's duration)
   * @param windowEstablished SAs established within the window
   * @param cpuPercent the target's average CPU over the window, 100 = one core; NaN if unseen
   * @param peakMemoryBytes the largest memory sample; -1 if unseen
   * @param generatorCpuPercent the generator's own threads' CPU over the window, 100 = one core
   * @param targetNotes what the target's own counters say (the in-process gateway's queues)
   * @param jvmCpuPercent this JVM's CPU over the window, every thread (generator, in-process
   *     target, JIT compilers, GC), 100 = one core
   */
  public record Result(LoadPlan plan, LoadStats.Snapshot stats, double seconds,
      long windowEstablished, String resourcesMeasured, double cpuPercent, long peakMemoryBytes,
      double generatorCpuPercent, String targetNotes, double jvmCpuPercent,
      List<ResourcePoint> resources) {

    /** Established SAs per second over the measured window. */
    public double rate() {
      return windowEstablished / seconds;
    }
  }

  public static Result run(LoadPlan plan, PrintStream progress) throws Exception {
    int seconds = (int) Math.max(1, plan.warmup().toSeconds() + plan.duration().toSeconds());
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), SYSTEM_NAME,
        systemConfig(plan.workers()));
    Path dir = Files.createTempDirectory("iotgw-ike-load");
    InProcessGateway gateway = null;
    Cancellable sampling = null;
    try {
      ResourceProbe probe;
      Optional<LoadPki> pki = plan.auth() == LoadPlan.Auth.CERT
          && plan.target() instanceof LoadPlan.Target.InProcess
          ? Optional.of(new LoadPki(new java.security.SecureRandom())) : Optional.empty();
      if (plan.target() instanceof LoadPlan.Target.InProcess g) {
        quietGateway();
        gateway = InProcessGateway.start(g.cds(), dir, system, g.cookieThreshold(),
            g.maxSasPerCd(), pki);
        probe = ResourceProbe.jvmThreads(InProcessGateway.SYSTEM_NAME + "-");
      } else {
        LoadPlan.Target.Udp u = (LoadPlan.Target.Udp) plan.target();
        probe = u.pid().isPresent() ? ResourceProbe.process(u.pid().getAsLong())
            : ResourceProbe.none();
      }
      LoadStats stats = new LoadStats(System.nanoTime(),
          seconds + (int) plan.drain().toSeconds() + 2);
      AtomicLong attempts = new AtomicLong();
      List<ActorRef<LoadWorker.Command>> workers = new ArrayList<>();
      for (int w = 0; w < plan.workers(); w++) {
        workers.add(spawn(system, plan, w, stats, attempts, gateway, ours(plan, pki)));
      }
      if (gateway != null) {
        gateway.deliverTo(workers::get, workers.size(), system);
      }

      InProcessGateway inProcess = gateway;
      List<ResourcePoint> points = new CopyOnWriteArrayList<>();
      long t0 = System.nanoTime();
      long[] last = {t0, probe.sample().map(ResourceProbe.Sample::cpuNanos).orElse(0L),
          stats.establishedCount()};
      sampling = system.scheduler().scheduleAtFixedRate(SAMPLE, SAMPLE, () -> {
        long now = System.nanoTime();
        Optional<ResourceProbe.Sample> s = probe.sample();
        double cpu = s.map(x -> 100.0 * (x.cpuNanos() - last[1]) / (now - last[0]))
            .orElse(Double.NaN);
        points.add(new ResourcePoint((now - t0) / 1e9, cpu,
            s.map(ResourceProbe.Sample::memoryBytes).orElse(-1L)));
        long established = stats.establishedCount();
        progress.printf("t=%3.0fs established %d (+%d), in flight %d, failures %d,"
                + " target CPU %s%s%n",
            (now - t0) / 1e9, established, established - last[2], stats.inFlight(),
            stats.failureCount(), Double.isNaN(cpu) ? "n/a" : String.format("%.0f%%", cpu),
            inProcess == null ? "" : "; " + inProcess.diagnostics());
        last[0] = now;
        last[1] = s.map(ResourceProbe.Sample::cpuNanos).orElse(0L);
        last[2] = established;
      }, system.executionContext());

      Thread.sleep(plan.warmup().toMillis());
      Optional<ResourceProbe.Sample> first = probe.sample();
      ResourceProbe self = ResourceProbe.jvmThreads(SYSTEM_NAME + "-");
      long selfFirst = self.sample().orElseThrow().cpuNanos();
      long jvmFirst = processCpuNanos();
      long windowStart = System.nanoTime();
      long establishedBefore = stats.establishedCount();
      stats.measureFrom(windowStart);
      Thread.sleep(plan.duration().toMillis());
      Optional<ResourceProbe.Sample> atEnd = probe.sample();
      long selfAtEnd = self.sample().orElseThrow().cpuNanos();
      long jvmAtEnd = processCpuNanos();
      long windowNanos = System.nanoTime() - windowStart;
      long windowEstablished = stats.establishedCount() - establishedBefore;
      workers.forEach(w -> w.tell(new LoadWorker.StopStarting()));
      long drainUntil = System.nanoTime() + plan.drain().toNanos();
      while (System.nanoTime() < drainUntil && stats.inFlight() > 0) {
        Thread.sleep(50);
      }
      List<CompletableFuture<LoadWorker.Finished>> finished = new ArrayList<>();
      for (ActorRef<LoadWorker.Command> w : workers) {
        finished.add(AskPattern.<LoadWorker.Command, LoadWorker.Finished>ask(w,
            LoadWorker.Finish::new, Duration.ofSeconds(10), system.scheduler())
            .toCompletableFuture());
      }
      for (CompletableFuture<LoadWorker.Finished> f : finished) {
        f.get(15, TimeUnit.SECONDS);
      }
      sampling.cancel();
      double cpu = first.isPresent() && atEnd.isPresent()
          ? 100.0 * (atEnd.get().cpuNanos() - first.get().cpuNanos()) / windowNanos
          : Double.NaN;
      String targetNotes = gateway == null ? "" : gateway.diagnostics();
      long peak = points.stream().mapToLong(ResourcePoint::memoryBytes).max().orElse(-1);
      return new Result(plan, stats.snapshot(), windowNanos / 1e9, windowEstablished,
          probe.what(), cpu, peak, 100.0 * (selfAtEnd - selfFirst) / windowNanos, targetNotes,
          100.0 * (jvmAtEnd - jvmFirst) / windowNanos, List.copyOf(points));
    } finally {
      if (sampling != null) {
        sampling.cancel();
      }
      if (gateway != null) {
        gateway.close();
      }
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /** Our credentials, and what the peer's AUTH is checked with. */
  public record Auth(Credentials credentials, Optional<Credentials.PreSharedKey> peerPsk,
      List<org.bouncycastle.cert.X509CertificateHolder> trustAnchors) {}

  private static Auth ours(LoadPlan plan, Optional<LoadPki> pki) throws java.io.IOException {
    if (plan.auth() == LoadPlan.Auth.CERT && plan.target() instanceof LoadPlan.Target.Udp u) {
      return LoadPki.readOurs(u.pki().orElseThrow());
    }
    if (pki.isPresent()) {
      String identity = plan.target() instanceof LoadPlan.Target.InProcess
          ? InProcessGateway.UD_IDENTITY : plan.identity();
      return new Auth(pki.get().issue(identity).credentials(), Optional.empty(),
          List.of(pki.get().ca().cert()));
    }
    String psk = plan.target() instanceof LoadPlan.Target.InProcess ? InProcessGateway.PSK
        : plan.psk();
    byte[] key = psk.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return new Auth(new Credentials.PreSharedKey(key),
        Optional.of(new Credentials.PreSharedKey(key.clone())), List.of());
  }

  private static ActorRef<LoadWorker.Command> spawn(ActorSystem<Void> system, LoadPlan plan,
      int w, LoadStats stats, AtomicLong attempts, InProcessGateway gateway, Auth auth)
      throws UnknownHostException {
    DispatcherSelector dispatcher = DispatcherSelector.fromConfig(WORKER_DISPATCHER);
    if (gateway != null) {
      InetAddress ud = InetAddress.getByAddress(InProcessGateway.udAddress(w).bytes());
      int cds = gateway.cds();
      LongFunction<LoadTarget> targets = n -> {
        int cd = (int) (n % cds);
        return target(plan, ud, InProcessGateway.UD_IDENTITY, auth,
            address(InProcessGateway.cdAddress(cd).bytes(), 500),
            InProcessGateway.cdIdentity(cd));
      };
      LoadWorker.Transport transport = gateway.transport(stats);
      return system.systemActorOf(LoadWorker.create(
          new LoadWorker.Plan(plan.share(w), targets, plan.childSa(), plan.delete(), ud), stats,
          attempts, context -> {
            context.getSelf().tell(new LoadWorker.TransportReady());
            return transport;
          }), "worker-" + w, dispatcher);
    }
    LoadPlan.Target.Udp u = (LoadPlan.Target.Udp) plan.target();
    LoadTarget only = target(plan, u.bind(), plan.identity(), auth, u.responder(),
        u.peerIdentity());
    return system.systemActorOf(LoadWorker.create(
        new LoadWorker.Plan(plan.share(w), n -> only, plan.childSa(), plan.delete(), u.bind()),
        stats, attempts, context -> UdpSocket.transport(Adapter.actorOf(context,
            UdpSocket.props(new InetSocketAddress(u.bind(), 0), context.getSelf(), stats),
            "udp"))), "worker-" + w, dispatcher);
  }

  /** The initiator's configuration towards one responder: suite, credentials, UDP encapsulation. */
  static LoadTarget target(LoadPlan plan, InetAddress local, String identity, Auth auth,
      InetSocketAddress responder, String peer) {
    Profile profile = new Profile(identity(identity), auth.credentials(),
        plan.suite().ikeProposals(), plan.suite().groups(), plan.suite().espProposals(), false,
        List.of(identity(peer)), auth.peerPsk(), auth.trustAnchors());
    // UDP encapsulation forced, as strongSwan's kernel-libipsec does: what the gateway forwards.
    EngineConfig config = new EngineConfig(profile, local.getAddress(), Limits.DEFAULT,
        EngineConfig.NatTraversal.FORCE, EngineConfig.KeyDeliveryMode.SKEYSEED, 500,
        LoadWorker.NAT_T_PORT, false);
    return new LoadTarget(responder, Optional.of(identity(peer)), config);
  }

  private static long processCpuNanos() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
  }

  /** RFC 822 if it holds an @, else an FQDN (the rule of the device store's ids). */
  static Identity identity(String text) {
    return text.contains("@") ? Identity.rfc822(text) : Identity.fqdn(text);
  }

  private static InetSocketAddress address(byte[] ip, int port) {
    try {
      return new InetSocketAddress(InetAddress.getByAddress(ip), port);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("16 octets are an IPv6 address", e);
    }
  }

  private static Config systemConfig(int workers) {
    return ConfigFactory.parseString("pekko.loglevel = WARNING\n"
            + "pekko.log-dead-letters = off\npekko.log-dead-letters-during-shutdown = off\n"
            + WORKER_DISPATCHER + " {\n  type = Dispatcher\n  executor = fork-join-executor\n"
            + "  fork-join-executor { parallelism-min = " + workers + ", parallelism-max = "
            + workers + " }\n  throughput = 16\n}\n")
        .withFallback(ConfigFactory.load());
  }

  /** The gateway logs every SA at INFO: at thousands per second that would be the measure. */
  private static void quietGateway() {
    if (org.slf4j.LoggerFactory.getLogger("net.iotgw.gateway")
        instanceof ch.qos.logback.classic.Logger l) {
      l.setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }
}

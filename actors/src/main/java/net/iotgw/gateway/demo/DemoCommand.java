package net.iotgw.gateway.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gateway demo}: the whole system in one JVM, without privileges or external services
 * (ARCHITECTURE, "Command line contract"). The gateway with its embedded authenticator, an emulated
 * radio medium paced at 802.15.4 speed with simulated CDs, and simulated UDs on the gateway's
 * in-memory UCN: network entry, then IKEv2 offload, then CoAP GETs over ESP from every UD to its
 * CDs. A progress bar per phase, a summary table, and exit status 0 only if everything succeeded.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "The whole system in one JVM: gateway, embedded authenticator, emulated radio with",
      "simulated CDs, simulated UDs. Network entry, IKEv2 offload, CoAP over ESP; a summary.",
      "Exit status 0 only if every join, handshake and request succeeded."
    })
public final class DemoCommand implements Callable<Integer> {
  /** Exit status of a run where something failed (or was made to fail). */
  public static final int FAILED = 1;

  @Option(names = "--cds", defaultValue = "100", description = "simulated CDs (default 100)")
  int cds;

  @Option(names = "--uds", defaultValue = "4",
      description = "simulated UDs; each talks to its share of the CDs (default 4)")
  int uds;

  @Option(names = "--requests", defaultValue = "3",
      description = "CoAP GETs per CD over ESP (default 3)")
  int requests;

  @Option(names = "--wrong-psk", defaultValue = "0", paramLabel = "K",
      description = "give K of the CDs a PSK the gateway does not know: they must be rejected,"
          + " and the run fails (exit 1) on purpose")
  int wrongPsk;

  @Option(names = "--phase-timeout", defaultValue = "60",
      description = "seconds a phase may take before what is unfinished counts as failed"
          + " (default 60)")
  int phaseTimeoutSeconds;

  @Option(names = "--in-flight", defaultValue = "8",
      description = "per UD: handshakes under way at once, and CDs with a GET outstanding"
          + " (default 8)")
  int inFlight;

  @Option(names = "--verbose", description = "keep the gateway's log (INFO) on stderr")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    DemoRun.Settings settings;
    try {
      settings = new DemoRun.Settings(cds, uds, requests, wrongPsk,
          Duration.ofSeconds(phaseTimeoutSeconds), inFlight, inFlight);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (!verbose) {
      quiet("net.iotgw");
      quiet("org.apache.pekko");
    }
    boolean terminal = System.console() != null;
    out.printf("iotgw demo: starting the gateway, its emulated radio with %d CDs, and %d UDs in"
        + " this JVM%n", cds, uds);
    out.flush();
    Path dir = Files.createTempDirectory("iotgw-demo");
    try {
      DemoSummary summary = DemoRun.run(settings, dir, new ProgressLine(out, terminal));
      out.println();
      out.print(summary.render());
      out.flush();
      return summary.passed() ? 0 : FAILED;
    } finally {
      deleteTree(dir);
    }
  }

  /** The gateway logs every admission at INFO: a hundred lines would bury the progress bars. */
  private static void quiet(String logger) {
    if (LoggerFactory.getLogger(logger) instanceof Logger l) {
      l.setLevel(Level.WARN);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

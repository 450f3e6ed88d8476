package net.iotgw.load.scale;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code load-tests scale}: issue 6's benchmark 4, the gateway's heap per provisioned CD and per
 * established IKE SA (with its CHILD_SA and ESP route), measured by class histograms of this JVM
 * at each stage (see {@link ScaleBench}). Prints a Markdown report; exits 1 if any SA failed to
 * come up or the gateway does not hold every one of them.
 */
@Command(
    name = "scale",
    mixinStandardHelpOptions = true,
    description = "Heap per provisioned CD and per established IKE SA of the in-process gateway"
        + " (class histograms of this JVM; run with e.g. -Xmx4g).")
public final class ScaleCommand implements Callable<Integer> {

  @Option(names = "--provisioned", defaultValue = "100000",
      description = "CDs in the device store (default 100000)")
  int provisioned;

  @Option(names = "--sas", defaultValue = "10000",
      description = "CDs admitted in memory, one IKE SA each (default 10000)")
  int sas;

  @Option(names = "--window", defaultValue = "64",
      description = "handshakes in flight at once (default 64)")
  int window;

  @Option(names = "--suite", defaultValue = "gcm-x25519",
      description = "gcm-x25519 | cbc-ecp256 | chacha-x25519 (default gcm-x25519)")
  String suite;

  @Option(names = "--deadline", defaultValue = "600",
      description = "seconds allowed for all handshakes (default 600)")
  int deadlineSeconds;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (provisioned < 0 || sas < 0 || sas > provisioned || window < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "need 0 <= --sas <= --provisioned and --window >= 1");
    }
    ScaleReport report = ScaleBench.run(
        new ScaleReport.Settings(provisioned, sas, window, suite),
        Duration.ofSeconds(deadlineSeconds), System.err);
    System.out.println(report.toText());
    if (!report.allEstablished()) {
      System.out.printf("FAILED: %d of %d SAs established, %d ESP routes, %d IKE SA actors, "
              + "failures %s%n", report.outcome().established(), sas, report.espRoutes(),
          report.ikeSaActors(), report.failures());
      return 1;
    }
    return 0;
  }
}

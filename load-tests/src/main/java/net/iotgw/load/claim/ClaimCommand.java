package net.iotgw.load.claim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import net.iotgw.radio.emulator.MediumSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code load-tests claim}: the paper's claim, quantified. The same scene twice over one emulated
 * 250 kbit/s channel: CDs whose IKEv2 the gateway does (offload) and CDs that run IKEv2
 * themselves (baseline); bytes on air, cryptographic operations and CPU per handshake at the CD,
 * and the handshake rate the channel sustains with all CDs at once. Exit 0 only if every
 * handshake and echo succeeded and the offloaded CDs did no public-key work.
 */
@Command(
    name = "claim",
    mixinStandardHelpOptions = true,
    description = "IKE offload vs. a CD running IKEv2 itself: air, crypto and rate per handshake.")
public final class ClaimCommand implements Callable<Integer> {

  @Option(names = "--cds", defaultValue = "20", description = "CDs per mode (default 20)")
  int cds;

  @Option(names = "--warmup", defaultValue = "10", description = "CDs per mode in an unmeasured"
      + " round first, so JIT compilation does not weigh on either mode's CPU time (default 10)")
  int warmup;

  @Option(names = "--timeout", defaultValue = "300", description = "seconds for the joins and"
      + " for each phase (default 300)")
  long timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    if (cds < 1 || warmup < 0) {
      System.err.println("--cds must be at least 1, --warmup at least 0");
      return 2;
    }
    String before = conditions();
    Path dir = Files.createTempDirectory("iotgw-claim");
    ClaimReport report = ClaimRun.run(
        new ClaimRun.Options(cds, warmup, Duration.ofSeconds(timeoutSeconds),
            MediumSettings.defaults()),
        dir);
    System.out.print(report.render());
    System.out.println("conditions before: " + before);
    System.out.println("conditions after:  " + conditions());
    return report.complete() ? 0 : 1;
  }

  /** Time, load average and cores: the figures depend on the host's CPU for the crypto only. */
  static String conditions() {
    String load;
    try {
      load = Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      load = "unknown";
    }
    return Instant.now() + ", loadavg " + load + ", " + Runtime.getRuntime().availableProcessors()
        + " cores, Java " + Runtime.version();
  }
}

package net.iotgw.load;

import java.util.ArrayList;
import java.util.List;
import net.iotgw.load.cdsim.CdSimCommand;
import net.iotgw.load.claim.ClaimCommand;
import net.iotgw.load.entry.JoinCommand;
import net.iotgw.load.ike.IkeLoadCommand;
import net.iotgw.load.scale.ScaleCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code load-tests} command line: benchmarks, the CD simulator ({@code cd-sim}), the
 * network-entry benchmark ({@code join}), the IKEv2 load generator ({@code ike}), the heap per
 * provisioned CD and per IKE SA ({@code scale}).
 */
@Command(
    name = "load-tests",
    mixinStandardHelpOptions = true,
    version = "iotgw 0.1.0",
    description = "Benchmarks, simulators and load generation for the IoT security gateway.",
    subcommands = {LoadTestsCommand.Jmh.class, CdSimCommand.class, JoinCommand.class,
        ClaimCommand.class, IkeLoadCommand.class, ScaleCommand.class})
public final class LoadTestsCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Runs the JMH benchmarks packaged in this jar; arguments go to JMH unchanged. */
  @Command(name = "jmh", description = "Run JMH benchmarks (arguments are passed to JMH, e.g. -f 1 -wi 3 -i 5).")
  static final class Jmh implements Runnable {
    // Unmatched, not @Parameters: JMH's own options (-f, -wi, -l ...) must reach it untouched.
    @CommandLine.Unmatched List<String> args = new ArrayList<>();

    @Override
    public void run() {
      try {
        org.openjdk.jmh.Main.main(args.toArray(String[]::new));
      } catch (Exception e) {
        throw new CommandLine.ExecutionException(new CommandLine(this), "JMH failed", e);
      }
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new LoadTestsCommand()).execute(args));
  }
}

package net.iotgw.gateway.cli;

import net.iotgw.gateway.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gateway} command line: {@code run} starts the border router ({@link RunCommand});
 * {@code demo} runs the whole system in one JVM ({@link DemoCommand}). Without a subcommand it
 * prints its usage.
 */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    version = "iotgw 0.1.0",
    subcommands = {RunCommand.class, DemoCommand.class},
    description = {
      "IoT security gateway: a 6LoWPAN border router that admits constrained devices",
      "(PANA + EAP-PSK) and answers IKEv2 on their behalf, forwarding ESP end to end."
    })
public final class GatewayCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new GatewayCommand()).execute(args));
  }
}

package net.iotgw.gateway.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.iotgw.gateway.cli.GatewayCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code gateway demo} run in-process, as the README's run command does it, with a small
 * population: the exit status and the summary's counts are the contract.
 */
class DemoCommandTest {

  private record Run(int exit, String out) {}

  private static Run demo(String... args) {
    StringWriter text = new StringWriter();
    CommandLine cli = new CommandLine(new GatewayCommand());
    cli.setOut(new PrintWriter(text, true));
    String[] all = new String[args.length + 1];
    all[0] = "demo";
    System.arraycopy(args, 0, all, 1, args.length);
    int exit = cli.execute(all);
    return new Run(exit, text.toString());
  }

  /** ok, failed, total of a phase's row in the summary table. */
  private static int[] row(String out, String phase) {
    Matcher m = Pattern.compile("(?m)^" + phase + "\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s").matcher(out);
    assertTrue(m.find(), () -> "no " + phase + " row in:\n" + out);
    return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3))};
  }

  @Test
  void twelveCdsTwoUdsJoinHandshakeAndAnswerEveryGetOverEspAndTheDemoExitsZero() {
    Run run = demo("--cds", "12", "--uds", "2", "--requests", "2");

    assertEquals(0, run.exit(), run::out);
    assertEquals(12, row(run.out(), "joins")[0], run::out);
    assertEquals(0, row(run.out(), "joins")[1], run::out);
    assertEquals(12, row(run.out(), "handshakes")[0], run::out);
    assertEquals(0, row(run.out(), "handshakes")[1], run::out);
    assertEquals(24, row(run.out(), "requests")[0], run::out);
    assertEquals(24, row(run.out(), "requests")[2], run::out);
    assertTrue(run.out().contains("offload: 12 CHILD_SAs keyed over PANA, 0 public-key"
        + " operations on CDs"), run::out);
    assertTrue(run.out().contains("result: PASS"), run::out);
    // Counted by the medium: a key delivery is at least the PANA request and the CD's answer.
    double[] air = air(run.out(), "handshakes");
    assertTrue(air[0] > 0 && air[1] >= 2, run::out);
    assertTrue(run.out().contains("UCN: 48 packets from the UDs (0 refused"),
        "IKE_SA_INIT and IKE_AUTH per SA, one ESP packet per GET:\n" + run.out());
  }

  /** Air octets and frames per item of a phase's row. */
  private static double[] air(String out, String phase) {
    Matcher m = Pattern.compile("(?m)^" + phase + "(?:\\s+[\\d.]+){8}\\s+(\\d+)\\s+([\\d.]+)$")
        .matcher(out);
    assertTrue(m.find(), () -> "no " + phase + " row in:\n" + out);
    return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
  }

  @Test
  void cdsWithAWrongPskAreRejectedAndTheDemoExitsOne() {
    Run run = demo("--cds", "6", "--uds", "1", "--requests", "1", "--wrong-psk", "2");

    assertEquals(DemoCommand.FAILED, run.exit(), run::out);
    assertTrue(run.out().contains("rejections: 2 of 2 CDs with a wrong PSK refused, 0 admitted"),
        run::out);
    assertEquals(4, row(run.out(), "joins")[0], run::out);
    assertEquals(4, row(run.out(), "handshakes")[0], run::out);
    assertEquals(4, row(run.out(), "requests")[0], run::out);
    assertTrue(run.out().contains("result: FAIL"), run::out);
  }
}

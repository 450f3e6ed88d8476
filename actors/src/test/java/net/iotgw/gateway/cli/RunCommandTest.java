package net.iotgw.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What {@code gateway run} does before it starts anything: the configuration is checked first. */
class RunCommandTest {

  @Test
  void aMissingConfigFileIsRefusedBeforeAnythingStarts(@TempDir Path dir) {
    assertEquals(
        RunCommand.BAD_CONFIG,
        new CommandLine(new GatewayCommand())
            .execute("run", "--config", dir.resolve("absent.conf").toString()));
  }

  @Test
  void aChannelOutsideThe2450MhzBandIsRefusedBeforeAnythingStarts(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("bad.conf");
    Files.writeString(file, "iotgw.radio.channel = 5\n");
    assertEquals(
        RunCommand.BAD_CONFIG,
        new CommandLine(new GatewayCommand()).execute("run", "--config", file.toString()));
  }

  @Test
  void runRequiresAConfigFile() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new GatewayCommand()).setErr(new PrintWriter(err));
    assertEquals(CommandLine.ExitCode.USAGE, cli.execute("run"));
    assertTrue(err.toString().contains("--config"), err.toString());
  }
}

package net.iotgw.load.ike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IkeLoadCommandTest {
  @TempDir Path dir;

  @Test
  void writePkiLeavesACaAndBothSidesCertificatesAndKeysForCharon() {
    int exit = new CommandLine(new IkeLoadCommand()).execute("--write-pki", dir.toString(),
        "--identity", "ud@example.org", "--peer-identity", "cd1@example.org");

    assertEquals(0, exit);
    for (String f : new String[] {"ca.pem", "peer.pem", "peer.key", "ours.pem", "ours.key"}) {
      assertTrue(Files.exists(dir.resolve(f)), f);
    }
    assertTrue(readString(dir.resolve("peer.key")).startsWith("-----BEGIN PRIVATE KEY-----"));
  }

  @Test
  void aRunNeedsExactlyOneOfConcurrencyAndRate() {
    StringWriter err = new StringWriter();
    CommandLine line = new CommandLine(new IkeLoadCommand());
    line.setErr(new PrintWriter(err));

    assertEquals(2, line.execute("--target", "gateway", "--duration", "1s"));
    assertTrue(err.toString().contains("exactly one of --concurrency"), err.toString());
    assertEquals(2, line.execute("--target", "gateway", "--concurrency", "1", "--rate", "5"));
  }

  @Test
  void certificatesOverUdpNeedThePkiDirectory() {
    StringWriter err = new StringWriter();
    CommandLine line = new CommandLine(new IkeLoadCommand());
    line.setErr(new PrintWriter(err));

    assertEquals(2, line.execute("--target", "udp:[::1]:500", "--concurrency", "1", "--auth",
        "cert"));
    assertTrue(err.toString().contains("--pki"), err.toString());
  }

  @Test
  void durationsTakeMillisecondsSecondsAndMinutes() {
    assertEquals(Duration.ofMillis(250), IkeLoadCommand.duration("250ms"));
    assertEquals(Duration.ofSeconds(30), IkeLoadCommand.duration("30s"));
    assertEquals(Duration.ofMinutes(2), IkeLoadCommand.duration("2m"));
    assertEquals(Duration.ofSeconds(7), IkeLoadCommand.duration("7"));
  }

  private static String readString(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

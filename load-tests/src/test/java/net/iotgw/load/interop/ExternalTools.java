package net.iotgw.load.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Real peers and tools for interop tests. A missing tool fails the test under CI ({@code
 * CI=true}, where {@code .ci/run} installs them) and is reported as skipped elsewhere, never
 * silently passed.
 */
public final class ExternalTools {
  private ExternalTools() {}

  static boolean underCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** The absolute path of {@code name} on the PATH (or in sbin), or the test stops. */
  public static Path require(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/lib/ipsec";
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return missing(name + " is not installed (.ci/run installs it)");
  }

  /** Network namespaces and daemons need root; CI runs as root. */
  public static void requireRoot() {
    if (!"root".equals(System.getProperty("user.name"))) {
      missing("this test needs root (network namespaces)");
    }
  }

  private static <T> T missing(String why) {
    if (underCi()) {
      fail(why);
    }
    Assumptions.abort(why);
    throw new AssertionError("unreachable");
  }

  /** The outcome of a finished command. */
  public record Result(int exitCode, String output) {}

  /** Runs a command to completion (stdout and stderr merged), failing the test on timeout. */
  public static Result run(List<String> command, Duration timeout) {
    try {
      Path log = Files.createTempFile("iotgw-cmd", ".log");
      try {
        Process p =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly();
          fail("timed out after " + timeout + ": " + String.join(" ", command));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      return fail("cannot run " + command + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }
}

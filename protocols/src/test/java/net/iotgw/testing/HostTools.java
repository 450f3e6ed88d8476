package net.iotgw.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Host tools for the tests that need real peers (ip, ping, socat, tshark, charon, coap-client).
 * Missing tools or privileges fail the test under CI ({@code CI=true}, where {@code .ci/run}
 * installs them and runs as root) and abort it visibly (JUnit "skipped") elsewhere; they never let
 * a test pass silently. Shared by every module's tests through the protocols test-jar.
 */
public final class HostTools {
  private HostTools() {}

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

  /** TUN devices and network namespaces need CAP_NET_ADMIN; CI runs as root. */
  public static void requireRoot() {
    if (!"root".equals(System.getProperty("user.name"))) {
      missing("this test needs root (TUN devices, network namespaces, daemons)");
    }
  }

  private static <T> T missing(String why) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(why);
    }
    Assumptions.abort(why);
    throw new AssertionError("unreachable");
  }

  /** The outcome of a finished command. */
  public record Result(int exitCode, String output) {}

  /**
   * Runs a command to completion (stdout and stderr merged, through a file so that a chatty
   * command cannot block on a full pipe), failing the test on timeout.
   */
  public static Result run(List<String> command, Duration timeout) {
    try {
      Path log = Files.createTempFile("iotgw-cmd", ".log");
      try {
        Process p =
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
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

  /** Runs a command that must succeed. */
  public static String check(List<String> command) {
    Result result = run(command, Duration.ofSeconds(30));
    assertEquals(0, result.exitCode(), () -> String.join(" ", command) + "\n" + result.output());
    return result.output();
  }

  /** Starts a command in the background; {@link #finish} collects it. */
  public static Process start(List<String> command) {
    try {
      return new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return fail("cannot run " + command + ": " + e);
    }
  }

  /** Waits for a started command, failing the test on timeout. */
  public static Result finish(Process p, List<String> command, Duration timeout)
      throws InterruptedException {
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      fail("timed out after " + timeout + ": " + String.join(" ", command));
    }
    try {
      return new Result(
          p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return fail("cannot read the output of " + command + ": " + e);
    }
  }
}

package net.iotgw.radio;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The rule of load-tests' {@code ExternalTools}, for this module's tests: a missing tool fails the
 * test under CI ({@code CI=true}, where {@code .ci/run} installs it) and is reported as skipped
 * elsewhere, never silently passed.
 */
public final class ExternalTools {
  private ExternalTools() {}

  /** The absolute path of {@code name} on the PATH, or the test stops. */
  public static Path require(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    String why = name + " is not installed (.ci/run installs it)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(why);
    }
    Assumptions.abort(why);
    throw new AssertionError("unreachable");
  }
}

package net.iotgw.load.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A long-running command of an end-to-end test (socat, cd-sim, the gateway), its stdout and stderr
 * in a log file that the test waits on and prints when an assertion fails. {@link #close()} stops
 * it (SIGTERM, then SIGKILL) and is safe to call twice.
 */
final class BackgroundProcess implements AutoCloseable {
  private final String name;
  private final Path log;
  private final Process process;

  private BackgroundProcess(String name, Path log, Process process) {
    this.name = name;
    this.log = log;
    this.process = process;
  }

  static BackgroundProcess start(String name, Path log, List<String> command) {
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      return new BackgroundProcess(name, log, p);
    } catch (IOException e) {
      return fail("cannot start " + name + " " + command + ": " + e);
    }
  }

  /** Waits until the log contains {@code needle}; fails if the process exits or time runs out. */
  void awaitOutput(String needle, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (output().contains(needle)) {
        return;
      }
      if (!process.isAlive()) {
        fail(name + " exited (" + process.exitValue() + ") before saying '" + needle + "':\n"
            + output());
      }
      sleep(100);
    }
    fail(name + " did not say '" + needle + "' within " + timeout + ":\n" + output());
  }

  /** Sends SIGTERM and waits for the exit; returns the exit code, or fails after the timeout. */
  int terminate(Duration timeout) {
    process.destroy();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        fail(name + " did not stop within " + timeout + " of SIGTERM:\n" + output());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted");
    }
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted");
    }
  }
}

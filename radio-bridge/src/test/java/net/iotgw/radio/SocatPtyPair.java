package net.iotgw.radio;

import net.iotgw.testing.HostTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Two PTYs joined by {@code socat}, reachable through symbolic links, as a user would make them:
 * {@code socat -d -d pty,raw,echo=0,link=A pty,raw,echo=0,link=B}. Killing it is unplugging the
 * dongle: both links vanish and whoever holds a PTY open reads EIO; {@link #start()} again plugs a
 * new pair in at the same paths.
 */
public final class SocatPtyPair implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final Path socat;
  private final Path a;
  private final Path b;
  private Process process;

  public SocatPtyPair(Path dir) {
    this.socat = HostTools.require("socat");
    this.a = dir.resolve("host-end");
    this.b = dir.resolve("dongle-end");
  }

  public Path a() {
    return a;
  }

  public Path b() {
    return b;
  }

  public SocatPtyPair start() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(
                List.of(socat.toString(), "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    awaitLinks(true);
    return this;
  }

  /** Kills socat (by its own pid) and waits until both links are gone. */
  public void kill() throws InterruptedException {
    if (process != null) {
      process.destroy();
      process.waitFor();
      process = null;
    }
    awaitLinks(false);
  }

  private void awaitLinks(boolean present) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      boolean both = Files.exists(a) && Files.exists(b);
      boolean none =
          !Files.exists(a, java.nio.file.LinkOption.NOFOLLOW_LINKS)
              && !Files.exists(b, java.nio.file.LinkOption.NOFOLLOW_LINKS);
      if (present ? both : none) {
        return;
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException(
        "socat PTY links " + a + ", " + b + (present ? " did not appear" : " did not go away"));
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}

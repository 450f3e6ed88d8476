package net.iotgw.load.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One end-to-end test's scene: the network namespaces of config's topology script (named with a
 * random suffix, so runs never meet), the processes started in them, and a scratch directory.
 * Closing it stops the processes (last started, first stopped), takes the topology down and
 * deletes the directory, which is kept, and named, when the test did not pass. A JVM killed
 * mid-test still takes the topology down (a shutdown hook).
 */
final class E2eScene implements AutoCloseable {
  private final Path topology;
  private final Map<String, String> env;
  private final Path dir;
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final Thread onExit;
  private boolean passed;

  private E2eScene(Path topology, Map<String, String> env, Path dir) {
    this.topology = topology;
    this.env = env;
    this.dir = dir;
    this.onExit = new Thread(() -> BorderRouterEndToEndIT.script(topology, env, "down"),
        "e2e topology down");
  }

  /** Brings the topology up for CDs in {@code cdPrefix}, with a fresh directory. */
  static E2eScene up(Path topology, String cdPrefix, String dirPrefix) throws IOException {
    String suffix = HexFormat.of().formatHex(new SecureRandom().generateSeed(2));
    Map<String, String> env = Map.of("IOTGW_NS_UD", "iotgw-ud-" + suffix,
        "IOTGW_NS_GW", "iotgw-gw-" + suffix, "IOTGW_CD_PREFIX", cdPrefix);
    E2eScene scene = new E2eScene(topology, env, Files.createTempDirectory(dirPrefix));
    Runtime.getRuntime().addShutdownHook(scene.onExit);
    BorderRouterEndToEndIT.script(topology, env, "up");
    return scene;
  }

  /** The UD's namespace (the Internet side). */
  String udNamespace() {
    return env.get("IOTGW_NS_UD");
  }

  /** The gateway's namespace. */
  String gwNamespace() {
    return env.get("IOTGW_NS_GW");
  }

  Path dir() {
    return dir;
  }

  /** Stops {@code resource} when the scene closes, before what was kept earlier. */
  <T extends AutoCloseable> T keep(T resource) {
    resources.push(resource);
    return resource;
  }

  /**
   * A serial cable: socat joins two PTYs, {@code gw-pty} for the gateway's radio and {@code
   * cd-pty} for cd-sim's dongle emulator, kept until the scene closes.
   */
  Path[] serialCable(Path socat) throws IOException {
    Path gwPty = dir.resolve("gw-pty");
    Path cdPty = dir.resolve("cd-pty");
    keep(BackgroundProcess.start("socat", dir.resolve("socat.log"),
        List.of(socat.toString(), "pty,raw,echo=0,link=" + gwPty,
            "pty,raw,echo=0,link=" + cdPty)));
    BorderRouterEndToEndIT.waitFor(() -> Files.exists(gwPty) && Files.exists(cdPty),
        Duration.ofSeconds(5), "PTYs");
    return new Path[] {gwPty, cdPty};
  }

  /** The test passed: its directory goes with the scene. */
  void passed() {
    passed = true;
  }

  @Override
  public void close() throws IOException {
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        System.err.println("cleanup: " + e);
      }
    }
    BorderRouterEndToEndIT.script(topology, env, "down");
    Runtime.getRuntime().removeShutdownHook(onExit);
    if (passed) {
      BorderRouterEndToEndIT.deleteRecursively(dir);
    } else {
      System.err.println("end-to-end files kept in " + dir);
    }
  }
}

package net.iotgw.streams.ucn;

import net.iotgw.testing.HostTools;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A network namespace of the test's own, so a TUN device under test, its address and its routes
 * never touch the host's namespace. The JVM cannot enter a namespace per thread, so the device is
 * created here in the JVM's namespace and then moved into this one ({@code ip link set dev X
 * netns NS}): the open descriptor keeps working across the move. Deleting the namespace deletes
 * every device in it, so {@link #close()} cleans up even if the test left the device open; a
 * shutdown hook does the same if the test JVM is stopped half-way.
 */
final class TestNamespace implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String name;
  private final Thread cleanupOnExit;

  private TestNamespace(String name) {
    this.name = name;
    this.cleanupOnExit = new Thread(this::delete, "delete netns " + name);
  }

  /** Names carry a random suffix: builds in other worktrees may run the same test at once. */
  static String uniqueName(String prefix) {
    return prefix + HexFormat.of().formatHex(RANDOM.generateSeed(2));
  }

  static TestNamespace create() {
    HostTools.requireRoot();
    HostTools.require("ip");
    TestNamespace ns = new TestNamespace(uniqueName("iotgw-tun-test-"));
    HostTools.check(List.of("ip", "netns", "add", ns.name));
    Runtime.getRuntime().addShutdownHook(ns.cleanupOnExit);
    HostTools.check(List.of("ip", "-n", ns.name, "link", "set", "dev", "lo", "up"));
    return ns;
  }

  /** Moves {@code device} here, brings it up and gives it {@code address} (no DAD). */
  void adopt(String device, String address) {
    HostTools.check(List.of("ip", "link", "set", "dev", device, "netns", name));
    ip("link", "set", "dev", device, "up");
    ip("-6", "addr", "add", address, "dev", device, "nodad");
  }

  /** Runs {@code ip} in this namespace; the command must succeed. */
  String ip(String... args) {
    List<String> command = new ArrayList<>(List.of("ip", "-n", name));
    command.addAll(List.of(args));
    return HostTools.check(command);
  }

  boolean hasLink(String device) {
    return HostTools.run(
                List.of("ip", "-n", name, "link", "show", "dev", device), Duration.ofSeconds(10))
            .exitCode()
        == 0;
  }

  /** {@code command} as run inside this namespace. */
  List<String> exec(String... command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
    full.addAll(List.of(command));
    return full;
  }

  @Override
  public void close() {
    delete();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run
    }
  }

  private void delete() {
    HostTools.run(List.of("ip", "netns", "del", name), Duration.ofSeconds(30));
  }
}

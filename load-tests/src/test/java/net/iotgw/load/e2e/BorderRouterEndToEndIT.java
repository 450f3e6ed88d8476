package net.iotgw.load.e2e;

import net.iotgw.testing.HostTools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The border router end to end, as a user runs it, with real tools on every side: the topology
 * script builds the {@code ud} and {@code gw} namespaces; a socat PTY pair stands for the USB
 * dongle's cable; {@code load-tests.jar cd-sim} serves the emulated dongle and five simulated CDs on
 * one end; {@code gateway.jar run} opens the other end through jSerialComm and attaches to the TUN
 * in {@code gw}. From {@code ud}, ping and libcoap's coap-client reach the CDs; tshark reads the
 * gateway's radio capture; killing and restarting socat is a replugged dongle.
 *
 * <p>Runs in the integration-test phase (failsafe), after both jars are packaged. Namespace names
 * are unique per run, so builds in other worktrees can run it at the same time.
 */
class BorderRouterEndToEndIT {
  private static final String PREFIX = "2001:db8:cd::/64";
  private static final String UD_ADDRESS = "2001:db8:1::a";
  /** The first CD of cd-sim's population: EUI-64 02:00:00:00:00:00:00:01, IID ::1. */
  private static final String CD1 = "2001:db8:cd::1";

  private static final String CD2 = "2001:db8:cd::2";
  private static final String CD3 = "2001:db8:cd::3";

  /** Small enough that a queue growing with the offered load would run out of it in the burst. */
  private static final String GATEWAY_HEAP = "96m";

  @Test
  void pingAndCoapCrossTheBorderRouterAndTrafficResumesAfterTheDongleIsReplugged()
      throws IOException {
    HostTools.requireRoot();
    Path ip = HostTools.require("ip");
    Path socat = HostTools.require("socat");
    HostTools.require("ping");
    Path tshark = HostTools.require("tshark");
    Path coapClient = coapClient();
    Path topology = fileProperty("iotgw.topologyScript");
    Path gatewayJar = fileProperty("iotgw.gatewayJar");
    Path loadTestsJar = fileProperty("iotgw.loadTestsJar");

    try (E2eScene scene = E2eScene.up(topology, PREFIX, "iotgw-e2e-")) {
      String ud = scene.udNamespace();
      String gw = scene.gwNamespace();
      Path dir = scene.dir();
      Path gwPty = dir.resolve("gw-pty");
      Path cdPty = dir.resolve("cd-pty");
      Path radioPcap = dir.resolve("radio.pcap");
      List<String> socatCommand =
          List.of(socat.toString(), "-d", "-d",
              "pty,raw,echo=0,link=" + gwPty, "pty,raw,echo=0,link=" + cdPty);
      BackgroundProcess cable = BackgroundProcess.start("socat", dir.resolve("socat.log"),
          socatCommand);
      scene.keep(cable);
      waitFor(() -> Files.exists(gwPty) && Files.exists(cdPty), Duration.ofSeconds(5), "PTYs");

      // Five CDs that join with PANA and EAP-PSK (identities not bound to an EUI-64, so cd-sim
      // gives them 02:00:00:00:00:00:00:01..05) and the embedded authenticator reads the same.
      Path devices = dir.resolve("devices.conf");
      StringBuilder store = new StringBuilder("devices = [\n");
      for (int i = 1; i <= 5; i++) {
        store.append(String.format(
            "  { identity = \"cd%d@iot.example\", psk = \"%032x\" }%n", i, 0x1000L + i));
      }
      Files.writeString(devices, store.append("]\n"));
      BackgroundProcess cdSim = BackgroundProcess.start("cd-sim", dir.resolve("cd-sim.log"),
          List.of(java(), "-jar", loadTestsJar.toString(), "cd-sim", "--device-store",
              devices.toString(), "--join-window", "1s", "--join-delay", "2s",
              "--prefix", PREFIX, "--serial", cdPty.toString(), "--stats-every", "2s",
              "--key-log", dir.resolve("link-keys").toString()));
      scene.keep(cdSim);

      Path config = dir.resolve("gateway.conf");
      Files.writeString(config, String.join("\n",
          "iotgw {",
          "  cd-prefix = \"" + PREFIX + "\"",
          "  ucn.tun = \"iotgw0\"",
          "  radio.device = \"" + gwPty + "\"",
          "  pcap.radio = \"" + radioPcap + "\"",
          // The enforcement point is on (the default): the CDs join, then secure their frames.
          "  aaa.embedded.device-store = \"" + devices + "\"",
          "}",
          ""));
      BackgroundProcess gateway = BackgroundProcess.start("gateway", dir.resolve("gateway.log"),
          List.of(ip.toString(), "netns", "exec", gw, java(), "-Xmx" + GATEWAY_HEAP, "-jar",
              gatewayJar.toString(),
              "run", "--config", config.toString()));
      scene.keep(gateway);
      cdSim.awaitOutput("cd-sim ready: 5 CDs", Duration.ofSeconds(20));
      gateway.awaitOutput("config loaded from " + config, Duration.ofSeconds(20));
      gateway.awaitOutput("UCN port iotgw0 attached", Duration.ofSeconds(20));
      gateway.awaitOutput("radio ready", Duration.ofSeconds(20));
      cdSim.awaitOutput("joined 5, rejected 0", Duration.ofSeconds(60));

      String diagnostics = "\n--- gateway ---\n%s\n--- cd-sim ---\n%s";
      HostTools.Result small = inNamespace(ud, "ping", "-6", "-c", "3", "-W", "3", CD1);
      assertEquals(0, small.exitCode(), small.output()
          + diagnostics.formatted(gateway.output(), cdSim.output()));
      assertTrue(small.output().contains("3 received"), small.output());

      // 1,008-octet IPv6 payloads: nine or so 6LoWPAN fragments each way (RFC 4944 §5.3).
      HostTools.Result big =
          inNamespace(ud, "ping", "-6", "-c", "2", "-s", "1000", "-W", "5", CD2);
      assertEquals(0, big.exitCode(), big.output()
          + diagnostics.formatted(gateway.output(), cdSim.output()));
      assertTrue(big.output().contains("1008 bytes from " + CD2), big.output());

      // A fixed source port: an ephemeral one in 33434-33534 makes Wireshark flag the datagram
      // as a possible traceroute (expert info), which the capture check below would take for a fault.
      HostTools.Result coap = inNamespace(ud, coapClient.toString(), "-m", "get", "-B", "10",
          "-p", "45683", "coap://[" + CD1 + "]/sensors/temperature");
      assertEquals(0, coap.exitCode(), coap.output());
      assertTrue(coap.output().strip().matches("-?\\d+(\\.\\d+)?"),
          "a temperature reading, not: " + coap.output());

      // A burst six times what the radio carries (100 x 1,008 octets/s, ~10 frames each) into a
      // gateway with a small heap: queues are bounded, so the excess is dropped, the gateway
      // stays up and answers again once the burst is over.
      HostTools.Result burst = inNamespace(ud, "ping", "-6", "-q", "-i", "0.01", "-c", "300",
          "-s", "1000", "-W", "1", CD2);
      assertTrue(burst.output().contains("300 packets transmitted"), burst.output());
      Matcher received =
          Pattern.compile("(\\d+) received").matcher(burst.output());
      assertTrue(received.find() && Integer.parseInt(received.group(1)) < 300,
          "the excess of a burst is dropped, not queued: " + burst.output());
      assertTrue(gateway.isAlive(), "the gateway died in the burst:\n" + gateway.output());
      waitFor(() -> inNamespace(ud, "ping", "-6", "-c", "1", "-W", "1", CD1).exitCode() == 0,
          Duration.ofSeconds(10), "a ping after the burst");
      assertTrue(!gateway.output().contains("OutOfMemoryError"), gateway.output());

      // Unplug the dongle: socat goes away with both PTYs, and comes back with the same links.
      cable.terminate(Duration.ofSeconds(5));
      gateway.awaitOutput("radio link lost", Duration.ofSeconds(10));
      BackgroundProcess.sleep(1_000);
      BackgroundProcess replugged = BackgroundProcess.start("socat again",
          dir.resolve("socat-2.log"), socatCommand);
      scene.keep(replugged);
      gateway.awaitOutput("radio link recovered", Duration.ofSeconds(20));
      waitFor(() -> inNamespace(ud, "ping", "-6", "-c", "1", "-W", "1", CD3).exitCode() == 0,
          Duration.ofSeconds(20), "a ping after the replug");
      assertTrue(gateway.isAlive(), "the gateway was not restarted");

      // SIGTERM: coordinated shutdown closes the capture; then tshark reads it.
      int exit = gateway.terminate(Duration.ofSeconds(15));
      assertTrue(exit == 0 || exit == 143, "gateway exit code " + exit + "\n" + gateway.output());
      assertRadioCaptureDissects(tshark, radioPcap, linkKeys(dir.resolve("link-keys")));
      scene.passed();
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * Every frame the gateway sent or received has a good FCS and no expert info or malformed
   * flag, and the 6LoWPAN inside decompresses (context 0 = the CD prefix) to the ICMPv6 and CoAP
   * of the test, with the addresses and 1,008-octet payloads sent.
   */
  /** Wireshark's 802.15.4 key table from cd-sim's key log: one entry per CD key. */
  private static List<String> linkKeys(Path keyLog) throws IOException {
    List<String> options = new ArrayList<>();
    for (String line : Files.readAllLines(keyLog)) {
      String[] parts = line.trim().split(" ");
      options.add("-o");
      options.add("uat:ieee802154_keys:\"" + parts[1] + "\",\"0\",\"No hash\"");
    }
    assertEquals(5, options.size() / 2, "keys logged by cd-sim");
    return options;
  }

  private static List<String> tshark(Path tshark, Path pcap, List<String> keys, String... rest) {
    List<String> command = new ArrayList<>(List.of(tshark.toString(), "-r", pcap.toString(),
        "-o", "6lowpan.context0:" + PREFIX));
    command.addAll(keys);
    command.addAll(List.of(rest));
    return command;
  }

  private static void assertRadioCaptureDissects(Path tshark, Path pcap, List<String> keys) {
    HostTools.Result fields = HostTools.run(tshark(tshark, pcap, keys, "-T", "fields", "-E", "separator=|",
        "-e", "wpan.fcs_ok", "-e", "_ws.expert", "-e", "_ws.malformed", "-e", "ipv6.src",
        "-e", "ipv6.dst", "-e", "ipv6.plen", "-e", "_ws.col.Protocol"), Duration.ofSeconds(30));
    assertEquals(0, fields.exitCode(), fields.output());
    List<String> rows = new ArrayList<>();
    for (String row : fields.output().split("\n")) {
      if (row.startsWith("Running as user")) {
        continue; // tshark's warning to root, on stderr
      }
      assertTrue(row.startsWith("1|||"), "bad FCS, expert info or malformed: " + row);
      rows.add(row.substring(4));
    }
    assertTrue(rows.contains(UD_ADDRESS + "|" + CD1 + "|64|ICMPv6"), String.join("\n", rows));
    assertTrue(rows.contains(CD1 + "|" + UD_ADDRESS + "|64|ICMPv6"), String.join("\n", rows));
    assertTrue(rows.contains(UD_ADDRESS + "|" + CD2 + "|1008|ICMPv6"), String.join("\n", rows));
    assertTrue(rows.contains(CD2 + "|" + UD_ADDRESS + "|1008|ICMPv6"), String.join("\n", rows));
    assertTrue(rows.stream().anyMatch(r -> r.startsWith(UD_ADDRESS + "|" + CD1 + "|")
        && r.endsWith("|CoAP")), String.join("\n", rows));
    assertTrue(rows.stream().anyMatch(r -> r.startsWith(CD1 + "|" + UD_ADDRESS + "|")
        && r.endsWith("|CoAP")), String.join("\n", rows));

    HostTools.Result verbose = HostTools.run(tshark(tshark, pcap, keys, "-V"),
        Duration.ofSeconds(30));
    String text = verbose.output();
    assertTrue(text.contains("6LoWPAN, Src: " + UD_ADDRESS + ", Dest: " + CD1), "no IPHC to CD1");
    assertTrue(text.contains("6LoWPAN, Src: " + CD2 + ", Dest: " + UD_ADDRESS), "no IPHC from CD2");
    assertTrue(text.contains("Pattern: First fragment"), "no FRAG1 dissected");
    assertTrue(text.contains("Echo (ping) reply"), "no echo reply dissected");
    assertTrue(text.contains("Uri-Path: temperature"), "no CoAP request dissected");
    assertTrue(!text.contains("Malformed") && !text.contains("Incorrect"), "malformed or bad FCS");
  }

  static HostTools.Result inNamespace(String namespace, String... command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    full.addAll(List.of(command));
    return HostTools.run(full, Duration.ofSeconds(30));
  }

  static void script(Path topology, Map<String, String> env, String verb) {
    try {
      ProcessBuilder pb = new ProcessBuilder("bash", topology.toString(), verb)
          .redirectErrorStream(true);
      pb.environment().putAll(env);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        fail("topology.sh " + verb + " failed:\n" + out);
      }
    } catch (IOException e) {
      fail("topology.sh " + verb + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Debian's libcoap3-bin installs coap-client-notls (and TLS variants), not coap-client. */
  static Path coapClient() {
    for (String name : List.of("coap-client", "coap-client-notls", "coap-client-openssl",
        "coap-client-gnutls")) {
      for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        Path p = Path.of(d, name);
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    return HostTools.require("coap-client");
  }

  static Path fileProperty(String name) {
    String value = System.getProperty(name);
    if (value == null || !Files.exists(Path.of(value))) {
      fail(name + " must name an existing file (set by the failsafe configuration), not " + value);
    }
    return Path.of(value);
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static void waitFor(Check check, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (check.ok()) {
        return;
      }
      BackgroundProcess.sleep(200);
    }
    fail("timed out after " + timeout + " waiting for " + what);
  }

  @FunctionalInterface
  interface Check {
    boolean ok();
  }
}

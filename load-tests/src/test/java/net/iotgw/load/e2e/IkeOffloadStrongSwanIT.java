package net.iotgw.load.e2e;

import static net.iotgw.load.e2e.BorderRouterEndToEndIT.coapClient;
import static net.iotgw.load.e2e.BorderRouterEndToEndIT.fileProperty;
import static net.iotgw.load.e2e.BorderRouterEndToEndIT.inNamespace;
import static net.iotgw.load.e2e.BorderRouterEndToEndIT.java;
import static net.iotgw.load.e2e.BorderRouterEndToEndIT.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.iotgw.testing.HostTools;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 with a real peer: strongSwan's charon (kernel-libipsec, as in shared/interop) in
 * namespace {@code ud} initiates IKEv2 to a CD's address; the gateway (`gateway run` in {@code gw},
 * TUN, the dongle emulator with a joined CD behind a PTY) answers as the CD, delivers its keys
 * over PANA and forwards ESP end to end. ping and coap-client reach the CD through the tunnel.
 */
class IkeOffloadStrongSwanIT {
  private static final String PREFIX = "2001:db8:cd::/64";
  static final String UD_ADDRESS = "2001:db8:1::a";
  /** cd1's EUI-64 02:00:00:00:00:00:00:01 gives IID ::1. */
  static final String CD1 = "2001:db8:cd::1";
  static final String CD1_ID = "cd1.iot.example";
  static final String UD_ID = "ud@example.org";
  static final String IKE_PSK = "strongswan-offload-psk-0123456789";

  @Test
  void strongSwanReachesAJoinedCdThroughTheGatewaysIkeOffloadAndEsp() throws Exception {
    HostTools.requireRoot();
    Path ip = HostTools.require("ip");
    Path socat = HostTools.require("socat");
    HostTools.require("ping");
    Path charon = HostTools.require("charon");
    HostTools.require("swanctl");
    Path coap = coapClient();
    Path topology = fileProperty("iotgw.topologyScript");
    Path gatewayJar = fileProperty("iotgw.gatewayJar");
    Path loadTestsJar = fileProperty("iotgw.loadTestsJar");

    try (E2eScene scene = E2eScene.up(topology, PREFIX, "iotgw-ike-e2e-")) {
      String ud = scene.udNamespace();
      String gw = scene.gwNamespace();
      Path dir = scene.dir();
      Path[] cable = scene.serialCable(socat);
      Path gwPty = cable[0];
      Path cdPty = cable[1];

      Path devices = dir.resolve("devices.conf");
      Files.writeString(devices, String.join("\n",
          "devices = [",
          "  { identity = \"cd1@iot.example\", psk = \"000102030405060708090a0b0c0d0e0f\",",
          "    eui64 = \"02:00:00:00:00:00:00:01\",",
          "    ike { id = \"" + CD1_ID + "\", psk = \"" + IKE_PSK + "\", peers = [ \"" + UD_ID
              + "\" ] } }",
          "  { identity = \"cd2@iot.example\", psk = \"101112131415161718191a1b1c1d1e1f\",",
          "    eui64 = \"02:00:00:00:00:00:00:02\",",
          "    ike { id = \"" + CD2_ID + "\", certificate = \"cd1.pem\", key = \"cd1.key\",",
          "          ca = \"ca.pem\", peers = [ \"" + UD_ID + "\" ] } }",
          "]", ""));
      for (String f : List.of("cd1.pem", "cd1.key", "ca.pem", "ud.pem", "ud.key")) {
        copyCertificate(f, dir.resolve(f));
      }
      BackgroundProcess cdSim = BackgroundProcess.start("cd-sim", dir.resolve("cd-sim.log"),
          List.of(java(), "-jar", loadTestsJar.toString(), "cd-sim", "--device-store",
              devices.toString(), "--join-window", "1s", "--join-delay", "2s",
              "--prefix", PREFIX, "--serial", cdPty.toString(), "--stats-every", "2s"));
      scene.keep(cdSim);
      Path config = dir.resolve("gateway.conf");
      Files.writeString(config, String.join("\n",
          "iotgw {",
          "  cd-prefix = \"" + PREFIX + "\"",
          "  ucn.tun = \"iotgw0\"",
          "  radio.device = \"" + gwPty + "\"",
          "  aaa.embedded.device-store = \"" + devices + "\"",
          "  ike.device-store = \"" + devices + "\"",
          "  ike.debug-keys = on",
          "  pcap.ucn = \"" + dir.resolve("ucn.pcap") + "\"",
          "}", ""));
      BackgroundProcess gateway = BackgroundProcess.start("gateway", dir.resolve("gateway.log"),
          List.of(ip.toString(), "netns", "exec", gw, java(), "-jar", gatewayJar.toString(),
              "run", "--config", config.toString()));
      scene.keep(gateway);
      gateway.awaitOutput("radio ready", Duration.ofSeconds(30));
      cdSim.awaitOutput("joined 2, rejected 0", Duration.ofSeconds(60));

      Charon ud1 = Charon.start(charon, ud, dir.resolve("charon"), dir);
      scene.keep(ud1);
      String diagnostics = "\n--- gateway ---\n%s\n--- cd-sim ---\n%s\n--- charon ---\n%s";
      // PSK with the three suites the issue names, then ECDSA P-256 certificates (RFC 7427).
      for (String conn : List.of("gcm-x25519", "cbc-ecp256", "chacha-x25519", "cert")) {
        String cd = conn.equals("cert") ? CD2 : CD1;
        HostTools.Result initiated = ud1.swanctl(Duration.ofSeconds(40), "--initiate",
            "--child", conn, "--ike", conn);
        assertEquals(0, initiated.exitCode(), conn + ": " + initiated.output()
            + diagnostics.formatted(gateway.output(), cdSim.output(), ud1.log()));
        String sas = ud1.swanctl(Duration.ofSeconds(10), "--list-sas", "--ike", conn).output();
        assertTrue(sas.contains("ESTABLISHED") && sas.contains("INSTALLED"), conn + ":\n" + sas);

        HostTools.Result ping = inNamespace(ud, "ping", "-6", "-c", "3", "-W", "5", cd);
        assertEquals(0, ping.exitCode(), conn + ": " + ping.output()
            + diagnostics.formatted(gateway.output(), cdSim.output(), ud1.log()));
        if (conn.equals("gcm-x25519")) {
          HostTools.Result reading = inNamespace(ud, coap.toString(), "-m", "get", "-B", "10",
              "coap://[" + cd + "]/sensors/temperature");
          assertEquals(0, reading.exitCode(), reading.output());
          assertTrue(reading.output().strip().matches("-?\\d+(\\.\\d+)?"), reading.output());
        }
        String counters = ud1.swanctl(Duration.ofSeconds(10), "--list-sas", "--ike", conn)
            .output();
        assertTrue(counters.matches("(?s).*in .*[1-9]\\d* packets.*out .*[1-9]\\d* packets.*"),
            conn + ": ESP counted both ways by strongSwan:\n" + counters);
        if (conn.equals("gcm-x25519")) {
          // Rekeys (RFC 7296 §1.3): the CD gets the new CHILD_SA's keys over PANA before the
          // gateway answers, and traffic goes on; then deletes, answered as the CD.
          rekeyAndPing(ud1, ud, cd, "--child", conn, gateway, cdSim, diagnostics);
          rekeyAndPing(ud1, ud, cd, "--ike", conn, gateway, cdSim, diagnostics);
          HostTools.Result child = ud1.swanctl(Duration.ofSeconds(20), "--terminate", "--child",
              conn);
          assertEquals(0, child.exitCode(), child.output());
          BorderRouterEndToEndIT.waitFor(() -> gateway.output().contains(" deleted"),
              Duration.ofSeconds(5), "the gateway's CHILD_SA delete");
        }
        HostTools.Result down = ud1.swanctl(Duration.ofSeconds(20), "--terminate", "--ike", conn);
        assertEquals(0, down.exitCode(), conn + ": " + down.output() + "\n" + ud1.log());
      }
      BorderRouterEndToEndIT.waitFor(() -> gateway.output().contains("DELETED_BY_PEER"),
          Duration.ofSeconds(5), "the gateway's IKE SA delete");
      // No UD ESP packet reached a CD before its keys (paper Sec. III-D): the CDs' own count of
      // ESP without an SA, in a statistics line printed after the last ping.
      int seen = cdSim.output().length();
      BorderRouterEndToEndIT.waitFor(() -> cdSim.output().indexOf("without an SA", seen) >= 0,
          Duration.ofSeconds(10), "cd-sim's statistics");
      java.util.regex.Matcher esp = java.util.regex.Pattern.compile(
          "ESP (\\d+) in, (\\d+) out, (\\d+) without an SA").matcher(cdSim.output());
      String last = null;
      while (esp.find()) {
        last = esp.group();
      }
      assertTrue(last != null && !last.startsWith("ESP 0 ") && last.endsWith(" 0 without an SA"),
          "ESP at the CDs: " + last);

      // An authenticated UD that cd1's policy does not list is refused (AUTHENTICATION_FAILED).
      String keysBefore = gateway.output();
      HostTools.Result intruder = ud1.swanctl(Duration.ofSeconds(40), "--initiate",
          "--child", "intruder", "--ike", "intruder");
      assertTrue(intruder.exitCode() != 0, intruder.output());
      assertTrue(intruder.output().contains("AUTHENTICATION_FAILED"), intruder.output());
      BorderRouterEndToEndIT.waitFor(
          () -> gateway.output().contains("intruder@example.org is not allowed to reach this CD"),
          Duration.ofSeconds(5), "the gateway's refusal");
      assertEquals(countOf(keysBefore, "IKE SA established"),
          countOf(gateway.output(), "IKE SA established"), "no SA, no keys for the CD");
      // SIGTERM flushes the UCN capture; tshark decrypts every IKE message with the keys the
      // gateway logged (iotgw.ike.debug-keys, test runs only).
      int exit = gateway.terminate(Duration.ofSeconds(15));
      assertTrue(exit == 0 || exit == 143, "gateway exit code " + exit);
      assertTsharkDecryptsTheExchanges(dir.resolve("ucn.pcap"), gateway.output());
      scene.passed();
    }
  }

  private static final String CD2 = "2001:db8:cd::2";
  /** The certificate fixtures' CD identity (subjectAltName email:cd1@example.org). */
  private static final String CD2_ID = "cd1@example.org";

  private static void rekeyAndPing(Charon charon, String ud, String cd, String what,
      String conn, BackgroundProcess gateway, BackgroundProcess cdSim, String diagnostics) {
    HostTools.Result rekey = charon.swanctl(Duration.ofSeconds(30), "--rekey", what, conn);
    assertEquals(0, rekey.exitCode(), rekey.output());
    BackgroundProcess.sleep(2_000);
    String sas = charon.swanctl(Duration.ofSeconds(10), "--list-sas", "--ike", conn).output();
    assertTrue(sas.contains("INSTALLED"), what + " rekey:\n" + sas);
    HostTools.Result ping = inNamespace(ud, "ping", "-6", "-c", "3", "-W", "5", cd);
    assertEquals(0, ping.exitCode(), "after the " + what + " rekey: " + ping.output()
        + diagnostics.formatted(gateway.output(), cdSim.output(), charon.log()));
  }

  private static final String KEYS = "IKE keys (debug, test runs only): ";

  private static void assertTsharkDecryptsTheExchanges(Path pcap, String gatewayLog) {
    List<String> command = new java.util.ArrayList<>(List.of(
        HostTools.require("tshark").toString(), "-r", pcap.toString(), "-V",
        "-o", "udp.check_checksum:TRUE"));
    int records = 0;
    for (String line : gatewayLog.split("\n")) {
      int at = line.indexOf(KEYS);
      if (at >= 0 && !line.substring(at + KEYS.length()).startsWith("(")) {
        command.add("-o");
        command.add("uat:ikev2_decryption_table:" + line.substring(at + KEYS.length()).strip());
        records++;
      }
    }
    assertTrue(records >= 4, "IKE SAs whose keys the gateway logged: " + records);
    HostTools.Result r = HostTools.run(command, Duration.ofSeconds(60));
    assertEquals(0, r.exitCode(), r.output());
    String text = r.output();
    assertTrue(text.contains("Exchange type: IKE_AUTH (35)"), "no IKE_AUTH dissected");
    assertTrue(text.contains("Exchange type: CREATE_CHILD_SA (36)"), "no CREATE_CHILD_SA");
    // Decrypted, the IKE_AUTH request shows its identification, the response the CD's.
    assertTrue(text.contains(UD_ID) && text.contains(CD1_ID), "IKE_AUTH not decrypted");
    assertTrue(java.util.regex.Pattern.compile(
        "(?m)^\\s+Integrity Checksum Data: \\p{XDigit}+ \\(\\d+ bytes\\).*\\[correct\\]$")
        .matcher(text).find(), "no ICV verified");
    assertTrue(!text.contains("[incorrect]") && !text.contains("Malformed"),
        "an ICV failed or a packet is malformed");
  }

  private static int countOf(String text, String needle) {
    return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
  }

  private static void copyCertificate(String name, Path to) throws IOException {
    try (var in = IkeOffloadStrongSwanIT.class.getResourceAsStream(
        "/fixtures/strongswan/certs/" + name)) {
      if (in == null) {
        fail("missing certificate fixture " + name);
      }
      Files.copy(in, to);
    }
  }

  /** charon in the UD's namespace, after shared/interop/strongswan.md. */
  static final class Charon implements AutoCloseable {
    private final Path dir;
    private final Process process;

    private Charon(Path dir, Process process) {
      this.dir = dir;
      this.process = process;
    }

    static Charon start(Path charon, String namespace, Path dir, Path certificates)
        throws IOException, InterruptedException {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("strongswan.conf"), """
          charon {
            load = kdf random nonce openssl x509 pem pkcs1 pkcs8 pubkey curve25519 aes sha1 sha2 hmac gcm chapoly kernel-libipsec kernel-netlink socket-default vici
            retransmit_timeout = 2
            retransmit_tries = 3
            plugins {
              vici { socket = unix://DIR/charon.vici }
              kernel-libipsec { allow_peer_ts = yes }
              kernel-netlink { fwmark = !0x42 }
              socket-default { fwmark = 0x42 }
            }
            filelog {
              full {
                path = DIR/charon.log
                flush_line = yes
                default = 1
                ike = 2
              }
            }
          }
          """.replace("DIR", dir.toString()));
      for (String sub : List.of("x509", "x509ca", "private")) {
        Files.createDirectories(dir.resolve(sub));
      }
      Files.copy(certificates.resolve("ud.pem"), dir.resolve("x509/ud.pem"));
      Files.copy(certificates.resolve("ca.pem"), dir.resolve("x509ca/ca.pem"));
      Files.copy(certificates.resolve("ud.key"), dir.resolve("private/ud.key"));
      StringBuilder conf = new StringBuilder("connections {\n");
      conf.append(connection("gcm-x25519", CD1, "aes128gcm16-prfsha256-x25519", "aes128gcm16",
          psk(UD_ID), psk(CD1_ID)));
      conf.append(connection("cbc-ecp256", CD1, "aes256-sha256-prfsha256-ecp256",
          "aes256-sha256", psk(UD_ID), psk(CD1_ID)));
      conf.append(connection("chacha-x25519", CD1, "chacha20poly1305-prfsha256-x25519",
          "chacha20poly1305", psk(UD_ID), psk(CD1_ID)));
      conf.append(connection("cert", CD2, "aes128gcm16-prfsha256-x25519", "aes128gcm16",
          "auth = pubkey\n      id = " + UD_ID + "\n      certs = ud.pem",
          "auth = pubkey\n      id = " + CD2_ID + "\n      cacerts = ca.pem"));
      conf.append(connection("intruder", CD1, "aes128gcm16-prfsha256-x25519", "aes128gcm16",
          psk("intruder@example.org"), psk(CD1_ID)));
      conf.append("}\nsecrets {\n");
      conf.append("  ike-ud {\n    id-1 = " + UD_ID + "\n    id-2 = " + CD1_ID
          + "\n    secret = \"" + IKE_PSK + "\"\n  }\n");
      conf.append("  ike-intruder {\n    id-1 = intruder@example.org\n    id-2 = " + CD1_ID
          + "\n    secret = \"" + IKE_PSK + "\"\n  }\n}\n");
      Files.writeString(dir.resolve("swanctl.conf"), conf.toString());
      Process p = new ProcessBuilder("env", "STRONGSWAN_CONF=" + dir.resolve("strongswan.conf"),
          "ip", "netns", "exec", namespace, "unshare", "-m", "sh", "-c",
          "mount -t tmpfs none /run && exec " + charon)
          .redirectErrorStream(true).redirectOutput(dir.resolve("charon.stderr").toFile())
          .start();
      Charon c = new Charon(dir, p);
      long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!Files.exists(dir.resolve("charon.vici"))) {
        if (!p.isAlive() || System.nanoTime() > until) {
          c.close();
          fail("charon did not start:\n" + Files.readString(dir.resolve("charon.stderr")));
        }
        Thread.sleep(50);
      }
      HostTools.Result load = c.swanctl(Duration.ofSeconds(20), "--load-all", "--noprompt",
          "--file", dir.resolve("swanctl.conf").toString());
      if (load.exitCode() != 0) {
        c.close();
        fail("swanctl --load-all:\n" + load.output());
      }
      return c;
    }

    private static String psk(String id) {
      return "auth = psk\n      id = " + id;
    }

    private static String connection(String name, String cd, String ike, String esp,
        String local, String remote) {
      return "  " + name + " {\n    version = 2\n    local_addrs = " + UD_ADDRESS
          + "\n    remote_addrs = " + cd + "\n    proposals = " + ike
          + "\n    local {\n      " + local + "\n    }\n    remote {\n      " + remote
          + "\n    }\n    children {\n      " + name + " {\n        mode = tunnel"
          + "\n        esp_proposals = " + esp + "\n      }\n    }\n  }\n";
    }

    HostTools.Result swanctl(Duration timeout, String... args) {
      List<String> command = new java.util.ArrayList<>(List.of("env",
          "STRONGSWAN_CONF=" + dir.resolve("strongswan.conf"), "swanctl"));
      command.addAll(List.of(args));
      command.addAll(List.of("--uri", "unix://" + dir.resolve("charon.vici")));
      return HostTools.run(command, timeout);
    }

    String log() {
      try {
        Path log = dir.resolve("charon.log");
        return Files.exists(log) ? Files.readString(log) : "";
      } catch (IOException e) {
        return e.toString();
      }
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}

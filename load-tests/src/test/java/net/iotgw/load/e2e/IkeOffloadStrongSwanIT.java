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
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
  private static final String UD_ADDRESS = "2001:db8:1::a";
  /** cd1's EUI-64 02:00:00:00:00:00:00:01 gives IID ::1. */
  private static final String CD1 = "2001:db8:cd::1";
  private static final String CD1_ID = "cd1.iot.example";
  private static final String UD_ID = "ud@example.org";
  private static final String IKE_PSK = "strongswan-offload-psk-0123456789";

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

    String suffix = HexFormat.of().formatHex(new SecureRandom().generateSeed(2));
    Map<String, String> env = Map.of("IOTGW_NS_UD", "iotgw-ud-" + suffix,
        "IOTGW_NS_GW", "iotgw-gw-" + suffix, "IOTGW_CD_PREFIX", PREFIX);
    String ud = env.get("IOTGW_NS_UD");
    String gw = env.get("IOTGW_NS_GW");
    Path dir = Files.createTempDirectory("iotgw-ike-e2e-");
    Deque<AutoCloseable> cleanup = new ArrayDeque<>();
    boolean passed = false;
    try {
      script(topology, env, "up");
      Path gwPty = dir.resolve("gw-pty");
      Path cdPty = dir.resolve("cd-pty");
      cleanup.push(BackgroundProcess.start("socat", dir.resolve("socat.log"),
          List.of(socat.toString(), "pty,raw,echo=0,link=" + gwPty,
              "pty,raw,echo=0,link=" + cdPty)));
      BorderRouterEndToEndIT.waitFor(() -> Files.exists(gwPty) && Files.exists(cdPty),
          Duration.ofSeconds(5), "PTYs");

      Path devices = dir.resolve("devices.conf");
      Files.writeString(devices, String.join("\n",
          "devices = [",
          "  { identity = \"cd1@iot.example\", psk = \"000102030405060708090a0b0c0d0e0f\",",
          "    eui64 = \"02:00:00:00:00:00:00:01\",",
          "    ike { id = \"" + CD1_ID + "\", psk = \"" + IKE_PSK + "\", peers = [ \"" + UD_ID
              + "\" ] } }",
          "]", ""));
      BackgroundProcess cdSim = BackgroundProcess.start("cd-sim", dir.resolve("cd-sim.log"),
          List.of(java(), "-jar", loadTestsJar.toString(), "cd-sim", "--device-store",
              devices.toString(), "--join-window", "1s", "--join-delay", "2s",
              "--prefix", PREFIX, "--serial", cdPty.toString(), "--stats-every", "2s"));
      cleanup.push(cdSim);
      Path config = dir.resolve("gateway.conf");
      Files.writeString(config, String.join("\n",
          "iotgw {",
          "  cd-prefix = \"" + PREFIX + "\"",
          "  ucn.tun = \"iotgw0\"",
          "  radio.device = \"" + gwPty + "\"",
          "  aaa.embedded.device-store = \"" + devices + "\"",
          "  ike.device-store = \"" + devices + "\"",
          "  ike.debug-keys = on",
          "}", ""));
      BackgroundProcess gateway = BackgroundProcess.start("gateway", dir.resolve("gateway.log"),
          List.of(ip.toString(), "netns", "exec", gw, java(), "-jar", gatewayJar.toString(),
              "run", "--config", config.toString()));
      cleanup.push(gateway);
      gateway.awaitOutput("radio ready", Duration.ofSeconds(30));
      cdSim.awaitOutput("joined 1, rejected 0", Duration.ofSeconds(60));

      Charon ud1 = Charon.start(charon, ud, dir.resolve("charon"), CD1, CD1_ID);
      cleanup.push(ud1);
      String diagnostics = "\n--- gateway ---\n%s\n--- cd-sim ---\n%s\n--- charon ---\n%s";
      HostTools.Result initiated = ud1.swanctl(Duration.ofSeconds(40), "--initiate",
          "--child", "c", "--ike", "cd1");
      assertEquals(0, initiated.exitCode(), initiated.output()
          + diagnostics.formatted(gateway.output(), cdSim.output(), ud1.log()));
      String sas = ud1.swanctl(Duration.ofSeconds(10), "--list-sas").output();
      assertTrue(sas.contains("ESTABLISHED") && sas.contains("INSTALLED"), sas);

      HostTools.Result ping = inNamespace(ud, "ping", "-6", "-c", "3", "-W", "5", CD1);
      assertEquals(0, ping.exitCode(), ping.output()
          + diagnostics.formatted(gateway.output(), cdSim.output(), ud1.log()));
      HostTools.Result reading = inNamespace(ud, coap.toString(), "-m", "get", "-B", "10",
          "coap://[" + CD1 + "]/sensors/temperature");
      assertEquals(0, reading.exitCode(), reading.output());
      assertTrue(reading.output().strip().matches("-?\\d+(\\.\\d+)?"), reading.output());
      String counters = ud1.swanctl(Duration.ofSeconds(10), "--list-sas").output();
      assertTrue(counters.matches("(?s).*in .*[1-9]\\d* packets.*out .*[1-9]\\d* packets.*"),
          "ESP counted both ways by strongSwan:\n" + counters);
      passed = true;
    } catch (AssertionError | RuntimeException e) {
      System.err.println("IKE e2e files kept in " + dir);
      throw e;
    } finally {
      while (!cleanup.isEmpty()) {
        try {
          cleanup.pop().close();
        } catch (Exception e) {
          System.err.println("cleanup: " + e);
        }
      }
      script(topology, env, "down");
      if (passed) {
        BorderRouterEndToEndIT.deleteRecursively(dir);
      }
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

    static Charon start(Path charon, String namespace, Path dir, String cd, String cdId)
        throws IOException, InterruptedException {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("strongswan.conf"), """
          charon {
            load = kdf random nonce openssl x509 pem pkcs1 curve25519 aes sha1 sha2 hmac gcm chapoly kernel-libipsec kernel-netlink socket-default vici
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
                default = 1
                ike = 2
              }
            }
          }
          """.replace("DIR", dir.toString()));
      Files.writeString(dir.resolve("swanctl.conf"), String.join("\n",
          "connections {", "  cd1 {", "    version = 2",
          "    local_addrs = " + UD_ADDRESS, "    remote_addrs = " + cd,
          "    proposals = aes128gcm16-prfsha256-x25519",
          "    local {", "      auth = psk", "      id = " + UD_ID, "    }",
          "    remote {", "      auth = psk", "      id = " + cdId, "    }",
          "    children {", "      c {", "        mode = tunnel",
          "        esp_proposals = aes128gcm16", "      }", "    }", "  }", "}",
          "secrets {", "  ike-1 {", "    id-1 = " + UD_ID, "    id-2 = " + cdId,
          "    secret = \"" + IKE_PSK + "\"", "  }", "}", ""));
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

package net.iotgw.load.e2e;

import static net.iotgw.load.e2e.BorderRouterEndToEndIT.fileProperty;
import static net.iotgw.load.e2e.BorderRouterEndToEndIT.java;
import static net.iotgw.load.e2e.BorderRouterEndToEndIT.script;
import static net.iotgw.load.e2e.IkeOffloadStrongSwanIT.CD1_ID;
import static net.iotgw.load.e2e.IkeOffloadStrongSwanIT.IKE_PSK;
import static net.iotgw.load.e2e.IkeOffloadStrongSwanIT.UD_ADDRESS;
import static net.iotgw.load.e2e.IkeOffloadStrongSwanIT.UD_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.iotgw.testing.HostTools;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's Proof for the initiator role: a simulated CD (cd-sim behind a PTY, joined over PANA)
 * asks the gateway for an SA to strongSwan's charon, a RESPONDER in namespace {@code ud}
 * (kernel-libipsec, the connections of {@link IkeOffloadStrongSwanIT.Charon}, which accept the
 * CD's identity with a PSK); the gateway (`gateway run`, TUN) initiates IKEv2 as the CD, delivers
 * the CHILD_SA's keys to the CD over PANA, and the CD pings charon through ESP. First, the same
 * CD asks for an SA to a UD identity its policy does not list: refused with "SA request failed",
 * and no IKE reaches charon.
 */
class CdInitiatedStrongSwanIT {
  private static final String PREFIX = "2001:db8:cd::/64";
  private static final int PINGS = 3;

  @Test
  void cdAsksForAnSaToAStrongSwanResponderAndPingsItThroughEsp() throws Exception {
    HostTools.requireRoot();
    Path ip = HostTools.require("ip");
    Path socat = HostTools.require("socat");
    Path charon = HostTools.require("charon");
    HostTools.require("swanctl");
    Path topology = fileProperty("iotgw.topologyScript");
    Path gatewayJar = fileProperty("iotgw.gatewayJar");
    Path loadTestsJar = fileProperty("iotgw.loadTestsJar");

    try (E2eScene scene = E2eScene.up(topology, PREFIX, "iotgw-cd-initiated-")) {
      String ud = scene.udNamespace();
      String gw = scene.gwNamespace();
      Path dir = scene.dir();
      // charon listens before the CD asks: every IKE datagram it ever receives is in its log.
      for (String f : List.of("ud.pem", "ud.key", "ca.pem")) {
        try (var in = getClass().getResourceAsStream("/fixtures/strongswan/certs/" + f)) {
          Files.copy(in, dir.resolve(f));
        }
      }
      IkeOffloadStrongSwanIT.Charon responder =
          IkeOffloadStrongSwanIT.Charon.start(charon, ud, dir.resolve("charon"), dir);
      scene.keep(responder);

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
          "]", ""));
      BackgroundProcess cdSim = BackgroundProcess.start("cd-sim", dir.resolve("cd-sim.log"),
          List.of(java(), "-jar", loadTestsJar.toString(), "cd-sim", "--device-store",
              devices.toString(), "--join-window", "1s", "--join-delay", "2s",
              "--prefix", PREFIX, "--serial", cdPty.toString(), "--stats-every", "2s",
              "--initiate-to", UD_ADDRESS, "--initiate-id", "intruder@example.org",
              "--initiate-id", UD_ID, "--pings", Integer.toString(PINGS)));
      scene.keep(cdSim);
      Path config = dir.resolve("gateway.conf");
      Files.writeString(config, String.join("\n",
          "iotgw {",
          "  cd-prefix = \"" + PREFIX + "\"",
          "  ucn.tun = \"iotgw0\"",
          "  radio.device = \"" + gwPty + "\"",
          "  aaa.embedded.device-store = \"" + devices + "\"",
          "  ike.device-store = \"" + devices + "\"",
          "}", ""));
      BackgroundProcess gateway = BackgroundProcess.start("gateway", dir.resolve("gateway.log"),
          List.of(ip.toString(), "netns", "exec", gw, java(), "-jar", gatewayJar.toString(),
              "run", "--config", config.toString()));
      scene.keep(gateway);
      gateway.awaitOutput("radio ready", Duration.ofSeconds(30));
      String diagnostics = "\n--- gateway ---\n%s\n--- cd-sim ---\n%s\n--- charon ---\n%s";
      try {
        cdSim.awaitOutput("cd-sim: initiate done", Duration.ofSeconds(120));
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage()
            + diagnostics.formatted(gateway.output(), cdSim.output(), responder.log()), e);
      }
      String sim = cdSim.output();

      // The request outside cd1's policy: refused by the gateway before any IKE.
      assertTrue(sim.contains("sa-request 1 " + UD_ADDRESS + " FAILED PEER_NOT_ALLOWED echo 0/0"),
          sim);
      assertTrue(gateway.output().contains("SA request 1 to ")
          && gateway.output().contains("refused: PEER_NOT_ALLOWED"), gateway.output());

      // The allowed one: up, and every echo request answered through ESP.
      Matcher up = Pattern.compile("sa-request 2 " + Pattern.quote(UD_ADDRESS)
          + " ESTABLISHED echo (\\d+)/(\\d+)").matcher(sim);
      assertTrue(up.find(), sim + diagnostics.formatted(gateway.output(), sim, responder.log()));
      assertEquals(PINGS, Integer.parseInt(up.group(2)), "echo requests sent");
      assertEquals(PINGS, Integer.parseInt(up.group(1)), "echo replies through ESP: " + sim);

      // charon's side: the IKE SA and CHILD_SA, ESP counted both ways, and only the allowed
      // request ever reached it.
      String sas = responder.swanctl(Duration.ofSeconds(10), "--list-sas").output();
      System.out.println("charon's SAs after the CD's pings:\n" + sas + "\n" + up.group());
      assertTrue(sas.contains("ESTABLISHED") && sas.contains("INSTALLED"), sas);
      assertTrue(sas.contains(CD1_ID), "the SA is with the CD's identity:\n" + sas);
      assertTrue(sas.matches("(?s).*in .*[1-9]\\d* packets.*out .*[1-9]\\d* packets.*"),
          "ESP counted both ways by strongSwan:\n" + sas);
      String log = responder.log();
      assertEquals(1, count(log, "parsed IKE_SA_INIT request"),
          "IKE_SA_INIT requests charon received (one: the allowed request's):\n" + log);
      assertTrue(gateway.output().contains("established at its request"), gateway.output());
      scene.passed();
    }
  }

  private static int count(String text, String needle) {
    return text.split(Pattern.quote(needle), -1).length - 1;
  }
}

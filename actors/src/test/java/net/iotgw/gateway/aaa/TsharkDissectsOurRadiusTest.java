package net.iotgw.gateway.aaa;

import net.iotgw.testing.Hostapd;

import static net.iotgw.gateway.aaa.AaaTesting.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.iotgw.testing.HostTools;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark's RADIUS and EAP dissectors as a second opinion on our client: while an accepted and a
 * rejected network entry run through hostapd, dumpcap captures the RADIUS packets on lo, and {@code
 * tshark -V} with the shared secret must read our Access-Requests (with EAP-PSK inside, and our NAS
 * and CD attributes) and hostapd's answers, verify every Response Authenticator, and find nothing
 * malformed. A negative control with a wrong secret shows that the check bites. The capture and
 * tshark's text stay in actors/target/tshark/.
 */
class TsharkDissectsOurRadiusTest {

  static final ActorTestKit KIT = ActorTestKit.create();
  private static final Path OUT = Path.of("target", "tshark");

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  @Test
  void rfc3579_tsharkReadsOurAccessRequestsAndHostapdsAnswersWithEapPskInside(@TempDir Path dir)
      throws Exception {
    HostTools.requireRoot();
    Path dumpcap = HostTools.require("dumpcap");
    Path tshark = HostTools.require("tshark");
    Files.createDirectories(OUT);
    Path pcap = OUT.resolve("radius-hostapd.pcapng").toAbsolutePath();
    Files.deleteIfExists(pcap);
    try (Hostapd hostapd = Hostapd.start(dir, SECRET, Map.of(IDENTITY, PSK))) {
      Path log = dir.resolve("dumpcap.log");
      Process capture =
          new ProcessBuilder(
                  dumpcap.toString(),
                  "-q",
                  "-i",
                  "lo",
                  "-f",
                  "udp port " + hostapd.port(),
                  "-w",
                  pcap.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      try {
        awaitCapturing(capture, log);
        ActorRef<Aaa.Command> aaa =
            spawn(KIT, radius(List.of(AaaTesting.server(hostapd, SECRET)), 1, Duration.ofSeconds(1)));
        assertInstanceOf(
            Aaa.Accept.class, run(KIT, aaa, new EapSessionId(CD1, 1), IDENTITY, PSK).last());
        assertInstanceOf(
            Aaa.Reject.class, run(KIT, aaa, new EapSessionId(CD1, 2), IDENTITY, OTHER_PSK).last());
        Thread.sleep(300);
      } finally {
        capture.destroy();
        if (!capture.waitFor(10, TimeUnit.SECONDS)) {
          capture.destroyForcibly();
        }
      }
      String port = "udp.port==" + hostapd.port() + ",radius";
      String text =
          HostTools.check(
              List.of(
                  tshark.toString(),
                  "-V",
                  "-r",
                  pcap.toString(),
                  "-d",
                  port,
                  "-o",
                  "radius.shared_secret:" + SECRET,
                  "-o",
                  "radius.validate_authenticator:TRUE"));
      Files.writeString(OUT.resolve("radius-hostapd.txt"), text);

      // Accept: Identity, message 2, message 4; Reject: Identity, message 2.
      assertEquals(5, count(text, "Code: Access-Request (1)"), text);
      assertEquals(3, count(text, "Code: Access-Challenge (11)"), text);
      assertEquals(1, count(text, "Code: Access-Accept (2)"), text);
      assertEquals(1, count(text, "Code: Access-Reject (3)"), text);
      assertEquals(5, count(text, "[correct]"), text);
      assertEquals(0, count(text, "[incorrect]"), text);
      for (String line :
          List.of(
              "User-Name: cd1@iot.example",
              "NAS-Identifier: iotgw-test",
              "NAS-Port-Type: Virtual (5)",
              "Calling-Station-Id: 02-00-00-00-00-00-01-01",
              "Framed-MTU: 1144",
              "Type: Pre-Shared Key EAP (EAP-PSK) (47)",
              "EAP-PSK ID_P: cd1@iot.example",
              "AVP: t=State(24)",
              "MS-MPPE-Recv-Key",
              "Code: Success (3)",
              "Code: Failure (4)")) {
        assertTrue(text.contains(line), "tshark shows no " + line);
      }
      assertFalse(text.contains("Malformed"), text);
      assertFalse(text.contains("Expert Info (Error"), text);

      String wrong =
          HostTools.check(
              List.of(
                  tshark.toString(),
                  "-V",
                  "-r",
                  pcap.toString(),
                  "-d",
                  port,
                  "-o",
                  "radius.shared_secret:not-the-secret",
                  "-o",
                  "radius.validate_authenticator:TRUE"));
      assertEquals(5, count(wrong, "[incorrect]"), "negative control");
    }
  }

  private static void awaitCapturing(Process capture, Path log) throws Exception {
    for (int i = 0; i < 100; i++) {
      if (Files.readString(log, StandardCharsets.UTF_8).contains("Capturing on")) {
        return;
      }
      if (!capture.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    fail("dumpcap did not start:\n" + Files.readString(log, StandardCharsets.UTF_8));
  }

  private static int count(String text, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}

package net.iotgw.streams.lowpan;

import net.iotgw.testing.HostTools;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Wireshark's dissectors, an implementation independent of ours, read what the two adaptations put
 * on the air as 802.15.4 with a good FCS, 6LoWPAN IPHC (context 0 the CD prefix) and fragments, and
 * the IPv6/ICMPv6 inside with the addresses and checksums of the packets sent. The capture is left
 * in target/ for a look in Wireshark.
 */
class TsharkDissectsAdaptationTest {
  static final ActorTestKit kit = ActorTestKit.create();

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void framesOnTheAirDissectAs6lowpanWithIntactIcmpv6() throws Exception {
    String tshark = HostTools.require("tshark").toString();
    Path pcap = Path.of("target", "lowpan-back-to-back.pcap");
    try (BackToBack link = new BackToBack(kit.system())) {
      for (int[] ping : new int[][] {{1, 8}, {2, 1000}}) {
        byte[] request = Nodes.echoRequest(Nodes.UD, Nodes.CD, ping[0], ping[1]);
        link.gwSend.offer(request);
        byte[] atCd = link.cdReceived.poll(5, TimeUnit.SECONDS);
        assertNotNull(atCd);
        assertArrayEquals(request, atCd);
        link.cdSend.offer(Nodes.echoReplyTo(atCd));
        assertNotNull(link.gwReceived.poll(5, TimeUnit.SECONDS));
      }
      List<byte[]> psdus = new ArrayList<>();
      link.air.forEach(t -> psdus.add(t.psdu()));
      Files.createDirectories(pcap.getParent());
      Dlt195Pcap.write(pcap, psdus);
    }

    List<String> rows =
        run(
            tshark,
            "-r",
            pcap.toString(),
            "-o",
            "6lowpan.context0:" + Nodes.PREFIX,
            "-T",
            "fields",
            "-E",
            "separator=|",
            "-e",
            "wpan.fcs_ok",
            "-e",
            "ipv6.src",
            "-e",
            "ipv6.dst",
            "-e",
            "ipv6.plen",
            "-e",
            "icmpv6.type",
            "-e",
            "icmpv6.checksum.status",
            "-e",
            "icmpv6.echo.sequence_number",
            "-e",
            "_ws.expert",
            "-e",
            "_ws.malformed");
    assertEquals(24, rows.size(), String.join("\n", rows));
    List<String> packets = new ArrayList<>();
    for (String row : rows) {
      assertTrue(row.startsWith("1|"), "FCS not valid: " + row);
      assertTrue(row.endsWith("||"), "expert info or malformed: " + row);
      if (!row.startsWith("1||")) {
        packets.add(row.substring(2, row.length() - 2));
      }
    }
    String ud = Nodes.UD.toString();
    String cd = "2001:db8:1:0:212:4b00:a0b:c0d"; // Wireshark's spelling of Nodes.CD
    assertEquals(
        List.of(
            ud + "|" + cd + "|16|128|1|1",
            cd + "|" + ud + "|16|129|1|1",
            ud + "|" + cd + "|1008|128|1|2",
            cd + "|" + ud + "|1008|129|1|2"),
        packets);
  }

  private static List<String> run(String... command) throws Exception {
    Path out = Files.createTempFile("lowpan-tshark", ".txt");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("tshark did not finish in 60 s");
      }
      assertEquals(0, p.exitValue(), "tshark exit code");
      return Files.readAllLines(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(out);
    }
  }
}

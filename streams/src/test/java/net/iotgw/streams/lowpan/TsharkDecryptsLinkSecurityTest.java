package net.iotgw.streams.lowpan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.iotgw.testing.HostTools;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Wireshark's 802.15.4 dissector, an independent CCM* implementation, given the CD's key, decrypts
 * what the enforcement point sealed and what the CD sealed for it, and finds the 6LoWPAN and
 * ICMPv6 inside with good checksums. Without the key it sees only ciphertext. The capture is left
 * in target/ for a look in Wireshark.
 */
class TsharkDecryptsLinkSecurityTest {
  static final ActorTestKit kit = ActorTestKit.create();

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void wiresharkDecryptsBothDirectionsWithTheCdsKey_802154Section7_6_3() throws Exception {
    String tshark = HostTools.require("tshark").toString();
    Path pcap = Path.of("target", "lowpan-secured.pcap");
    List<byte[]> psdus = new ArrayList<>();
    try (EnforcingGateway gw = new EnforcingGateway(kit.system())) {
      SecuringCd cd = new SecuringCd(Nodes.CD_EUI64, SecuringCd.key(0x5a));
      gw.keys.install(cd.eui64, SecuringCd.key(0x5a));
      for (int[] ping : new int[][] {{1, 8}, {2, 300}}) {
        byte[] request = Nodes.echoRequest(cd.globalAddress(), Nodes.UD, ping[0], ping[1]);
        List<byte[]> fromCd = cd.send(request, true);
        psdus.addAll(fromCd);
        gw.receive(fromCd);
        assertArrayEquals(request, gw.nextUp());
        gw.send(Nodes.echoReplyTo(request));
        gw.deliverTo(cd, psdus);
      }
    }
    Files.createDirectories(pcap.getParent());
    Dlt195Pcap.write(pcap, psdus);

    String key = HexFormat.of().formatHex(SecuringCd.key(0x5a).bytes());
    List<String> rows =
        run(
            tshark, "-r", pcap.toString(),
            "-o", "6lowpan.context0:" + Nodes.PREFIX,
            "-o", "uat:ieee802154_keys:\"" + key + "\",\"0\",\"No hash\"",
            "-T", "fields", "-E", "separator=|",
            "-e", "wpan.fcs_ok", "-e", "wpan.aux_sec.sec_level", "-e", "wpan.aux_sec.key_id_mode",
            "-e", "ipv6.src", "-e", "ipv6.dst", "-e", "ipv6.plen", "-e", "icmpv6.type",
            "-e", "icmpv6.checksum.status", "-e", "_ws.malformed");
    assertEquals(psdus.size(), rows.size(), String.join("\n", rows));
    List<String> packets = new ArrayList<>();
    for (String row : rows) {
      assertTrue(row.startsWith("1|0x06|0x00|"), "FCS, level 6, Key Id Mode 0: " + row);
      assertTrue(row.endsWith("|"), "malformed: " + row);
      String inner = row.substring("1|0x06|0x00|".length(), row.length() - 1);
      if (!inner.startsWith("|")) {
        packets.add(inner);
      }
    }
    String cd = "2001:db8:1:0:212:4b00:a0b:c0d";
    String ud = Nodes.UD.toString();
    assertEquals(
        List.of(
            cd + "|" + ud + "|16|128|1",
            ud + "|" + cd + "|16|129|1",
            cd + "|" + ud + "|308|128|1",
            ud + "|" + cd + "|308|129|1"),
        packets);

    // Without the key, no IPv6 comes out.
    List<String> blind =
        run(tshark, "-r", pcap.toString(), "-o", "6lowpan.context0:" + Nodes.PREFIX,
            "-T", "fields", "-e", "ipv6.src");
    assertTrue(blind.stream().allMatch(String::isEmpty), String.join("\n", blind));
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

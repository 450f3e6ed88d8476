package net.iotgw.streams.pcap;

import net.iotgw.testing.HostTools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import net.iotgw.streams.ucn.TestPackets;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Wireshark as a second opinion on the files we write: tshark must dissect every record down to
 * the ICMPv6 echo, agree with its checksum and the 802.15.4 FCS, and find nothing malformed. The
 * files stay in streams/target/tshark/ for humans.
 */
class TsharkReadsOurPcapTest {
  private static final Path OUT = Path.of("target", "tshark");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final byte[] GATEWAY = TestPackets.address("fd00:beef::1");
  private static final byte[] PEER = TestPackets.address("fd00:beef::2");
  private static final byte[] CD_EUI64 = HexFormat.of().parseHex("0212345678abcdef");
  /** RFC 4944 §5.1: the dispatch of an uncompressed IPv6 header. */
  private static final int LOWPAN_IPV6 = 0x41;
  private static final String[] FIELDS = {
    "frame.protocols", "wpan.fcs_ok", "wpan.src64", "icmpv6.type", "icmpv6.checksum.status"
  };

  /** What tshark prints when it disagrees with the bytes. */
  private static final List<String> COMPLAINTS =
      List.of("Malformed", "[Expert Info (Error", "[Expert Info (Warning", "Incorrect",
          "incorrect", "Bad FCS", "Dissector bug");

  private static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static byte[] echoRequest() {
    return TestPackets.echo(
        TestPackets.ECHO_REQUEST, GATEWAY, PEER, 0x1234, 1, "0123456789abcdef".getBytes());
  }

  private static byte[] radioFrame(byte[] ipv6) {
    byte[] payload = new byte[1 + ipv6.length];
    payload[0] = (byte) LOWPAN_IPV6;
    System.arraycopy(ipv6, 0, payload, 1, ipv6.length);
    return TestFrames.dataFrame(0x2a, 0xabcd, 0x0001, CD_EUI64, payload);
  }

  private static Path write(String name, LinkType type, byte[]... packets) throws IOException {
    Files.createDirectories(OUT);
    Path file = OUT.resolve(name);
    try (PcapWriter writer = PcapWriter.create(file, type, CLOCK)) {
      for (byte[] p : packets) {
        writer.write(p);
      }
    }
    return file;
  }

  /** tshark's verbose dissection, checked for complaints, and the chosen fields per frame. */
  private static List<String> dissect(Path pcap, boolean complaintsExpected) {
    String tshark = HostTools.require("tshark").toString();
    String verbose = HostTools.check(List.of(tshark, "-r", pcap.toString(), "-V"));
    if (!complaintsExpected) {
      for (String complaint : COMPLAINTS) {
        assertTrue(!verbose.contains(complaint), () -> "tshark: " + complaint + "\n" + verbose);
      }
    }
    List<String> command = new ArrayList<>(List.of(tshark, "-r", pcap.toString(), "-T", "fields"));
    for (String field : FIELDS) {
      command.add("-e");
      command.add(field);
    }
    return HostTools.check(command).lines().filter(l -> l.contains("\t")).toList();
  }

  @Test
  void ucnSideEchoRequestIsDissectedAsIcmpv6WithAGoodChecksum_linktype229() throws IOException {
    Path pcap = write("ucn-echo.pcap", LinkType.IPV6, echoRequest());

    assertEquals(List.of("ipv6:icmpv6:data\t\t\t128\t1"), dissect(pcap, false));
  }

  @Test
  void radioSideDataFrameIsDissectedAsIeee802154WithAValidFcs_linktype195() throws IOException {
    Path pcap = write("radio-frame.pcap", LinkType.IEEE802_15_4_WITHFCS, radioFrame(echoRequest()));

    assertEquals(
        List.of("wpan:6lowpan:ipv6:icmpv6:data\t1\t02:12:34:56:78:ab:cd:ef\t128\t1"),
        dissect(pcap, false));
  }

  @Test
  void tsharkRejectsAFrameWhoseFcsWeCorrupted() throws IOException {
    byte[] frame = radioFrame(echoRequest());
    frame[frame.length - 1] ^= 0x01;
    Path pcap = write("radio-bad-fcs.pcap", LinkType.IEEE802_15_4_WITHFCS, frame);

    assertEquals(List.of("wpan:data\t0\t02:12:34:56:78:ab:cd:ef\t\t"), dissect(pcap, true));
  }

  @Test
  void bothDirectionsThroughOneBidiTapLandInOneFileTsharkReads() throws Exception {
    Files.createDirectories(OUT);
    Path pcap = OUT.resolve("ucn-bidi-tap.pcap");
    byte[] request = echoRequest();
    byte[] reply = TestPackets.replyTo(request);
    PcapWriter writer = PcapWriter.create(pcap, LinkType.IPV6, CLOCK);

    // The tap around an echoing peer: requests pass in1 -> out1, replies come back in2 -> out2.
    Flow<byte[], byte[], NotUsed> peer = Flow.<byte[]>create().map(TestPackets::replyTo);
    Flow<byte[], byte[], CompletionStage<PcapTap.Summary>> link =
        PcapTap.bidi(writer).join(peer, Keep.left());
    Pair<CompletionStage<PcapTap.Summary>, CompletionStage<List<byte[]>>> run =
        Source.single(request).viaMat(link, Keep.right()).toMat(Sink.seq(), Keep.both())
            .run(testKit.system());

    PcapTap.Summary summary = run.first().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(new PcapTap.Summary(2, 0), summary);
    List<byte[]> received = run.second().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(1, received.size());
    assertEquals(HexFormat.of().formatHex(reply), HexFormat.of().formatHex(received.get(0)));
    assertEquals(
        List.of("ipv6:icmpv6:data\t\t\t128\t1", "ipv6:icmpv6:data\t\t\t129\t1"),
        dissect(pcap, false));
  }
}

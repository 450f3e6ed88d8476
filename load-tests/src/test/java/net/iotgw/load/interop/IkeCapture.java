package net.iotgw.load.interop;

import net.iotgw.testing.HostTools;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import net.iotgw.load.interop.OurIkeConversation.Datagram;

/**
 * Writes IKE datagrams into a pcap the way they would travel between the two addresses of {@link
 * OurIkeConversation}: Wireshark's own text2pcap adds Ethernet, IPv6 and UDP headers (with their
 * checksums), one run per UDP port, and mergecap interleaves the runs by timestamp.
 */
final class IkeCapture {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  private static final byte[] NON_ESP_MARKER = new byte[4];

  private IkeCapture() {}

  /** Datagram {@code i} is stamped {@code i} tens of milliseconds after a fixed start. */
  static void write(List<Datagram> datagrams, Path pcap) throws IOException {
    Path text2pcap = HostTools.require("text2pcap");
    Path mergecap = HostTools.require("mergecap");
    TreeMap<Integer, StringBuilder> dumps = new TreeMap<>();
    for (int i = 0; i < datagrams.size(); i++) {
      Datagram d = datagrams.get(i);
      byte[] payload = d.port() == OurIkeConversation.NAT_T_PORT ? withMarker(d.ike()) : d.ike();
      hexDump(dumps.computeIfAbsent(d.port(), p -> new StringBuilder()), d, i, payload);
    }
    Files.createDirectories(pcap.toAbsolutePath().getParent());
    List<String> merge =
        new ArrayList<>(List.of(mergecap.toString(), "-F", "pcap", "-w", pcap.toString()));
    for (var entry : dumps.entrySet()) {
      int port = entry.getKey();
      Path text = pcap.resolveSibling(pcap.getFileName() + "." + port + ".txt");
      Path part = pcap.resolveSibling(pcap.getFileName() + "." + port + ".pcap");
      Files.writeString(text, entry.getValue(), StandardCharsets.US_ASCII);
      // -D: a line "I" is the initiator's (source and destination as given), "O" the responder's.
      run(
          List.of(
              text2pcap.toString(),
              "-q",
              "-D",
              "-t",
              "ISO",
              "-F",
              "pcap",
              "-6",
              OurIkeConversation.INITIATOR_ADDRESS + "," + OurIkeConversation.RESPONDER_ADDRESS,
              "-u",
              port + "," + port,
              text.toString(),
              part.toString()));
      merge.add(part.toString());
    }
    run(merge);
    for (int port : dumps.keySet()) {
      Files.deleteIfExists(pcap.resolveSibling(pcap.getFileName() + "." + port + ".txt"));
      Files.deleteIfExists(pcap.resolveSibling(pcap.getFileName() + "." + port + ".pcap"));
    }
  }

  /** RFC 3948 §2.2: IKE on port 4500 follows four zero octets. */
  private static byte[] withMarker(byte[] ike) {
    byte[] out = new byte[NON_ESP_MARKER.length + ike.length];
    System.arraycopy(ike, 0, out, NON_ESP_MARKER.length, ike.length);
    return out;
  }

  /** text2pcap's input: direction and time on their own line, then offset and 16 bytes a line. */
  private static void hexDump(StringBuilder out, Datagram d, int index, byte[] payload) {
    out.append(d.fromInitiator() ? 'I' : 'O')
        .append(' ')
        .append(START.plusMillis(10L * index))
        .append('\n');
    for (int off = 0; off < payload.length; off += 16) {
      out.append(String.format("%06x", off));
      for (int i = off; i < Math.min(off + 16, payload.length); i++) {
        out.append(String.format(" %02x", payload[i] & 0xff));
      }
      out.append('\n');
    }
  }

  private static void run(List<String> command) {
    HostTools.Result result = HostTools.run(command, TIMEOUT);
    assertEquals(0, result.exitCode(), () -> String.join(" ", command) + "\n" + result.output());
  }
}

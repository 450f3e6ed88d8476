package net.iotgw.load.interop;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CHILD_SA keys charon logs at {@code chd = 4} ("encryption initiator key => 20 bytes @ ..."
 * followed by its hex dump, per worker thread) and the SPIs of "CHILD_SA c{1} established with SPIs
 * 07741619_i ea5ca33c_o" (for a rekey's CHILD_SA, 5.9.8 says "inbound CHILD_SA c{2} established"
 * and, once the old one is gone, "outbound ..."). The last CHILD_SA logged wins.
 */
final class CharonLog {
  private static final Pattern LINE = Pattern.compile("^\\S+ (\\d+)\\[(\\w+)\\] (?:<[^>]*> )?(.*)$");
  private static final Pattern LABEL =
      Pattern.compile("^((?:encryption|integrity) (?:initiator|responder) key) => (\\d+) bytes @.*");
  private static final Pattern DUMP = Pattern.compile("^\\s*\\d+: ((?:[0-9A-F]{2} )+).*");
  private static final Pattern SPIS =
      Pattern.compile(
          "^(?:inbound |outbound )?CHILD_SA \\S+ established with SPIs ([0-9a-f]{8})_i ([0-9a-f]{8})_o.*");

  private CharonLog() {}

  /** Label ("encryption initiator key", ...) to value, plus "spi_in" and "spi_out" in hex. */
  static Map<String, byte[]> childSaValues(String log) {
    Map<String, byte[]> out = new HashMap<>();
    Map<String, String> pendingLabel = new HashMap<>();
    Map<String, Integer> pendingLength = new HashMap<>();
    Map<String, ByteArrayOutputStream> pendingBytes = new HashMap<>();
    for (String line : log.split("\n")) {
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      String thread = m.group(1);
      String text = m.group(3);
      Matcher spis = SPIS.matcher(text);
      if (spis.matches()) {
        out.put("spi_in", HexFormat.of().parseHex(spis.group(1)));
        out.put("spi_out", HexFormat.of().parseHex(spis.group(2)));
        continue;
      }
      Matcher label = LABEL.matcher(text);
      if (label.matches() && m.group(2).equals("CHD")) {
        pendingLabel.put(thread, label.group(1));
        pendingLength.put(thread, Integer.parseInt(label.group(2)));
        pendingBytes.put(thread, new ByteArrayOutputStream());
        if (pendingLength.get(thread) == 0) {
          out.put(label.group(1), new byte[0]);
          pendingLabel.remove(thread);
        }
        continue;
      }
      Matcher dump = DUMP.matcher(text);
      if (dump.matches() && pendingLabel.containsKey(thread)) {
        ByteArrayOutputStream b = pendingBytes.get(thread);
        for (String hex : dump.group(1).trim().split(" ")) {
          b.write(Integer.parseInt(hex, 16));
        }
        if (b.size() >= pendingLength.get(thread)) {
          out.put(pendingLabel.remove(thread), b.toByteArray());
        }
      }
    }
    return out;
  }
}

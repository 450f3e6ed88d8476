package net.iotgw.protocols.ipv6;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/** Packets captured from the Linux kernel: fixtures/ipv6/captures.txt says how. */
final class Captures {
  private static final Map<String, byte[]> PACKETS = load();

  private Captures() {}

  static byte[] get(String name) {
    byte[] p = PACKETS.get(name);
    if (p == null) {
      throw new IllegalArgumentException("no capture " + name);
    }
    return p.clone();
  }

  static Iterable<String> names() {
    return PACKETS.keySet();
  }

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private static Map<String, byte[]> load() {
    try (InputStream in = Captures.class.getResourceAsStream("/fixtures/ipv6/captures.txt")) {
      Map<String, byte[]> out = new HashMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] f = line.split(" ");
          out.put(f[0], hex(f[1]));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

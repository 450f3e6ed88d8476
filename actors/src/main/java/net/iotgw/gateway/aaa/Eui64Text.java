package net.iotgw.gateway.aaa;

import java.util.Locale;
import java.util.OptionalLong;

/** The two text forms of an EUI-64 used here; the number is big-endian, first octet highest. */
public final class Eui64Text {

  private Eui64Text() {}

  /** {@code 02:00:00:00:00:00:01:01}: the device store's and the logs' form. */
  public static String colons(long eui64) {
    return join(eui64, ':', "%02x");
  }

  /**
   * {@code 02-00-00-00-00-00-01-01}: Calling-Station-Id, written like the MAC address of RFC 3580
   * §3.21 (octets in upper-case hex separated by hyphens), eight octets instead of six.
   */
  static String hyphens(long eui64) {
    return join(eui64, '-', "%02X");
  }

  /** Eight colon-separated hex octets, most significant first; empty if malformed. */
  public static OptionalLong parse(String text) {
    String[] octets = text.trim().split(":", -1);
    if (octets.length != 8) {
      return OptionalLong.empty();
    }
    long v = 0;
    for (String octet : octets) {
      if (!octet.matches("[0-9a-fA-F]{2}")) {
        return OptionalLong.empty();
      }
      v = (v << 8) | Integer.parseInt(octet, 16);
    }
    return OptionalLong.of(v);
  }

  private static String join(long eui64, char separator, String octetFormat) {
    StringBuilder b = new StringBuilder(23);
    for (int i = 7; i >= 0; i--) {
      b.append(String.format(Locale.ROOT, octetFormat, (eui64 >>> (8 * i)) & 0xff));
      if (i > 0) {
        b.append(separator);
      }
    }
    return b.toString();
  }
}

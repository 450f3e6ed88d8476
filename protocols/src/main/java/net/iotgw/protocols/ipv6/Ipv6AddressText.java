package net.iotgw.protocols.ipv6;

import java.util.Optional;

/** Text forms of IPv6 addresses: parsing per RFC 4291 §2.2, formatting per RFC 5952 §4. */
final class Ipv6AddressText {
  private Ipv6AddressText() {}

  static Optional<Ipv6Address> parse(String s) {
    int[] groups = new int[8];
    int n = 0;
    int gap = -1;
    int i = 0;
    int len = s.length();
    if (len < 2) {
      return Optional.empty();
    }
    if (s.startsWith("::")) {
      gap = 0;
      i = 2;
      if (i == len) {
        return Optional.of(Ipv6Address.UNSPECIFIED);
      }
    } else if (s.charAt(0) == ':') {
      return Optional.empty();
    }
    while (i < len) {
      if (n == 8) {
        return Optional.empty();
      }
      int start = i;
      int value = 0;
      while (i < len && hexDigit(s.charAt(i)) >= 0 && i - start < 5) {
        value = (value << 4) | hexDigit(s.charAt(i));
        i++;
      }
      if (i < len && s.charAt(i) == '.') {
        // RFC 4291 §2.2 form 3: the last 32 bits as an IPv4 dotted quad.
        if (n > 6) {
          return Optional.empty();
        }
        Optional<Long> v4 = ipv4(s.substring(start));
        if (v4.isEmpty()) {
          return Optional.empty();
        }
        groups[n++] = (int) (v4.get() >>> 16);
        groups[n++] = (int) (v4.get() & 0xffff);
        i = len;
        break;
      }
      int digits = i - start;
      if (digits == 0 || digits > 4) {
        return Optional.empty();
      }
      groups[n++] = value;
      if (i == len) {
        break;
      }
      if (s.charAt(i) != ':') {
        return Optional.empty();
      }
      i++;
      if (i < len && s.charAt(i) == ':') {
        if (gap >= 0) {
          return Optional.empty();
        }
        gap = n;
        i++;
      } else if (i == len) {
        return Optional.empty();
      }
    }
    if (gap < 0 ? n != 8 : n > 7) {
      return Optional.empty();
    }
    int[] full = new int[8];
    int tail = n - Math.max(gap, 0);
    if (gap < 0) {
      System.arraycopy(groups, 0, full, 0, 8);
    } else {
      System.arraycopy(groups, 0, full, 0, gap);
      System.arraycopy(groups, gap, full, 8 - tail, tail);
    }
    long high = 0;
    long low = 0;
    for (int g = 0; g < 4; g++) {
      high = (high << 16) | full[g];
      low = (low << 16) | full[g + 4];
    }
    return Optional.of(new Ipv6Address(high, low));
  }

  /** ASCII only: {@link Character#digit} would also take other scripts' digits. */
  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }

  private static Optional<Long> ipv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return Optional.empty();
    }
    long v = 0;
    for (String p : parts) {
      if (p.isEmpty()
          || p.length() > 3
          || !p.chars().allMatch(c -> c >= '0' && c <= '9')
          || (p.length() > 1 && p.charAt(0) == '0')) {
        return Optional.empty();
      }
      int octet = Integer.parseInt(p);
      if (octet > 255) {
        return Optional.empty();
      }
      v = (v << 8) | octet;
    }
    return Optional.of(v);
  }

  static String format(Ipv6Address a) {
    int[] g = new int[8];
    for (int i = 0; i < 4; i++) {
      g[i] = (int) (a.high() >>> (48 - 16 * i)) & 0xffff;
      g[i + 4] = (int) (a.low() >>> (48 - 16 * i)) & 0xffff;
    }
    if (a.high() == 0 && (a.low() >>> 32) == 0xffff) {
      // RFC 5952 §5: IPv4-mapped addresses in mixed notation.
      return "::ffff:" + g[6] / 256 + "." + g[6] % 256 + "." + g[7] / 256 + "." + g[7] % 256;
    }
    // §4.2.1-4.2.3: the longest run of two or more zero groups, the first one on a tie.
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }
}

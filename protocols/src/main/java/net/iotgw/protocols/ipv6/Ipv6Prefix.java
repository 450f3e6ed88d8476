package net.iotgw.protocols.ipv6;

import java.util.Optional;

/**
 * An address prefix (RFC 4291 §2.3), such as the CD prefix routed to the gateway. The address is
 * kept with its host bits cleared, so equal prefixes are equal records.
 *
 * @param address the prefix bits; bits beyond {@code length} are cleared
 * @param length 0..128
 */
public record Ipv6Prefix(Ipv6Address address, int length) {

  public Ipv6Prefix {
    if (length < 0 || length > 128) {
      throw new IllegalArgumentException("prefix length must be 0..128, got " + length);
    }
    address = new Ipv6Address(address.high() & mask(length), address.low() & mask(length - 64));
  }

  /** Parses {@code address/length}, e.g. {@code 2001:db8:1::/64}. */
  public static Optional<Ipv6Prefix> parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0 || slash == text.length() - 1 || text.length() - slash > 4) {
      return Optional.empty();
    }
    String digits = text.substring(slash + 1);
    if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    int length = Integer.parseInt(digits);
    if (length > 128) {
      return Optional.empty();
    }
    return Ipv6Address.parse(text.substring(0, slash)).map(a -> new Ipv6Prefix(a, length));
  }

  /**
   * @throws IllegalArgumentException if {@code text} is not a prefix
   */
  public static Ipv6Prefix of(String text) {
    return parse(text)
        .orElseThrow(() -> new IllegalArgumentException("not an IPv6 prefix: " + text));
  }

  public boolean contains(Ipv6Address a) {
    return (a.high() & mask(length)) == address.high()
        && (a.low() & mask(length - 64)) == address.low();
  }

  /** A mask of the top {@code bits} bits of a 64-bit half (none if {@code bits <= 0}). */
  private static long mask(int bits) {
    if (bits <= 0) {
      return 0;
    }
    return bits >= 64 ? -1L : -1L << (64 - bits);
  }

  @Override
  public String toString() {
    return address + "/" + length;
  }
}

package net.iotgw.protocols.ipv6;

import java.util.Optional;

/**
 * A 128-bit IPv6 address (RFC 4291), as two 64-bit halves: {@code high} holds octets 0-7 (the
 * routing prefix and subnet of a /64), {@code low} octets 8-15 (the interface identifier). A value,
 * not a host: parsing never resolves names, unlike {@link java.net.InetAddress}.
 *
 * @param high octets 0-7, big-endian
 * @param low octets 8-15, big-endian
 */
public record Ipv6Address(long high, long low) {
  public static final int LENGTH = 16;

  /** {@code ::} (RFC 4291 §2.5.2). */
  public static final Ipv6Address UNSPECIFIED = new Ipv6Address(0, 0);

  /** {@code ::1} (RFC 4291 §2.5.3). */
  public static final Ipv6Address LOOPBACK = new Ipv6Address(0, 1);

  /** The address in octets {@code off..off+15} of {@code b}. */
  public static Ipv6Address fromBytes(byte[] b, int off) {
    if (off < 0 || off > b.length - LENGTH) {
      throw new IllegalArgumentException("16 octets needed at " + off + " of " + b.length);
    }
    return new Ipv6Address(u64(b, off), u64(b, off + 8));
  }

  public static Ipv6Address fromBytes(byte[] b) {
    if (b.length != LENGTH) {
      throw new IllegalArgumentException("an IPv6 address is 16 octets, got " + b.length);
    }
    return fromBytes(b, 0);
  }

  /**
   * Parses the text forms of RFC 4291 §2.2: eight groups of 1-4 hex digits, one {@code ::} standing
   * for one or more zero groups, and a dotted-quad IPv4 address for the last 32 bits. Zone
   * identifiers ({@code %eth0}) and prefix lengths are not part of an address.
   */
  public static Optional<Ipv6Address> parse(String text) {
    return Ipv6AddressText.parse(text);
  }

  /**
   * @throws IllegalArgumentException if {@code text} is not an IPv6 address
   */
  public static Ipv6Address of(String text) {
    return parse(text)
        .orElseThrow(() -> new IllegalArgumentException("not an IPv6 address: " + text));
  }

  /** The 64-bit prefix {@code prefix64} (its high half) with {@code interfaceIdentifier}. */
  public static Ipv6Address of(Ipv6Address prefix64, long interfaceIdentifier) {
    return new Ipv6Address(prefix64.high, interfaceIdentifier);
  }

  public byte[] bytes() {
    byte[] out = new byte[LENGTH];
    writeTo(out, 0);
    return out;
  }

  public void writeTo(byte[] out, int off) {
    for (int i = 0; i < 8; i++) {
      out[off + i] = (byte) (high >>> (56 - 8 * i));
      out[off + 8 + i] = (byte) (low >>> (56 - 8 * i));
    }
  }

  /** Octet {@code i} (0..15), unsigned. */
  public int octet(int i) {
    long half = i < 8 ? high : low;
    return (int) (half >>> (56 - 8 * (i & 7))) & 0xff;
  }

  /** The low 64 bits, the interface identifier of addresses in a /64 (RFC 4291 §2.5.1). */
  public long interfaceIdentifier() {
    return low;
  }

  public boolean isUnspecified() {
    return high == 0 && low == 0;
  }

  public boolean isLoopback() {
    return high == 0 && low == 1;
  }

  /** ff00::/8 (RFC 4291 §2.7). */
  public boolean isMulticast() {
    return (high >>> 56) == 0xff;
  }

  /** fe80::/10 (RFC 4291 §2.5.6). */
  public boolean isLinkLocalUnicast() {
    return (high >>> 54) == (0xfe80L >>> 6);
  }

  /** Leading bits this address shares with {@code other}: 0..128. */
  public int commonPrefixLength(Ipv6Address other) {
    long h = high ^ other.high;
    return h != 0 ? Long.numberOfLeadingZeros(h) : 64 + Long.numberOfLeadingZeros(low ^ other.low);
  }

  /** RFC 5952 canonical text: lower case, no leading zeros, the longest zero run as "::". */
  @Override
  public String toString() {
    return Ipv6AddressText.format(this);
  }

  private static long u64(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xff);
    }
    return v;
  }
}

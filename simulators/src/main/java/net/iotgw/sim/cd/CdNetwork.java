package net.iotgw.sim.cd;

import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Prefix;
import net.iotgw.protocols.sixlowpan.Context;
import net.iotgw.protocols.sixlowpan.ContextTable;
import net.iotgw.protocols.sixlowpan.LinkAddress;

/**
 * What every simulated CD of one PAN shares: the CD prefix, the PAN ID and the gateway, their
 * single-hop parent. One instance serves a whole population, so each CD costs only its own state.
 *
 * <p>The prefix is a /64 because a CD's addresses are the prefix and a 64-bit interface identifier
 * from its EUI-64 (RFC 4944 §6); it is also 6LoWPAN context 0 (RFC 6282 §3.1.2), as in the
 * gateway.
 */
public final class CdNetwork {
  /** The link-local prefix fe80::/64 (RFC 4291 §2.5.6). */
  public static final Ipv6Address LINK_LOCAL = Ipv6Address.of("fe80::");

  private final Ipv6Prefix prefix;
  private final int panId;
  private final long gatewayEui64;
  private final ContextTable contexts;

  /**
   * @param prefix the CD prefix, of length 64
   * @param panId 0..0xfffe; 0xffff is the broadcast PAN ID, not a PAN's
   * @param gatewayEui64 the gateway's extended address, the parent every CD sends to
   */
  public CdNetwork(Ipv6Prefix prefix, int panId, long gatewayEui64) {
    if (prefix.length() != 64) {
      throw new IllegalArgumentException("the CD prefix must be a /64, got " + prefix);
    }
    if (panId < 0 || panId > 0xfffe) {
      throw new IllegalArgumentException("PAN ID must be 0..0xfffe, got " + panId);
    }
    this.prefix = prefix;
    this.panId = panId;
    this.gatewayEui64 = gatewayEui64;
    this.contexts = ContextTable.of(new Context(0, prefix.address().bytes(), 64));
  }

  public Ipv6Prefix prefix() {
    return prefix;
  }

  public int panId() {
    return panId;
  }

  public long gatewayEui64() {
    return gatewayEui64;
  }

  /** Context 0 = the CD prefix, for IPHC both ways. */
  public ContextTable contexts() {
    return contexts;
  }

  public LinkAddress.Extended gatewayLinkAddress() {
    return new LinkAddress.Extended(gatewayEui64);
  }

  /** The gateway's link-local address, fe80:: and its EUI-64's interface identifier. */
  public Ipv6Address gatewayLinkLocalAddress() {
    return Ipv6Address.of(LINK_LOCAL, interfaceIdentifier(gatewayEui64));
  }

  /** The CD prefix and the interface identifier of {@code eui64}. */
  public Ipv6Address globalAddress(long eui64) {
    return Ipv6Address.of(prefix.address(), interfaceIdentifier(eui64));
  }

  /** fe80:: and the interface identifier of {@code eui64}. */
  public static Ipv6Address linkLocalAddress(long eui64) {
    return Ipv6Address.of(LINK_LOCAL, interfaceIdentifier(eui64));
  }

  /** RFC 4944 §6 (after RFC 2464 §4): the EUI-64 with its Universal/Local bit inverted. */
  public static long interfaceIdentifier(long eui64) {
    return eui64 ^ 0x0200_0000_0000_0000L;
  }

  /** RFC 6282 §3.2.2: the interface identifier 0000:00ff:fe00:XXXX of a short address. */
  public static long shortAddressInterfaceIdentifier(int shortAddress) {
    return 0x0000_00ff_fe00_0000L | (shortAddress & 0xffff);
  }

  /**
   * An EUI-64 written as eight colon-separated hex octets, most significant first ({@code
   * 02:00:00:00:00:00:00:01}), as a big-endian number.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static long parseEui64(String text) {
    String[] octets = text.trim().split(":", -1);
    if (octets.length != 8) {
      throw new IllegalArgumentException(
          "an EUI-64 is 8 octets like 02:00:00:00:00:00:00:00, not " + text);
    }
    long v = 0;
    for (String o : octets) {
      if (!o.matches("[0-9a-fA-F]{2}")) {
        throw new IllegalArgumentException("not a hex octet: " + o);
      }
      v = (v << 8) | Integer.parseInt(o, 16);
    }
    return v;
  }

  @Override
  public String toString() {
    return "CdNetwork[" + prefix + ", PAN 0x" + Integer.toHexString(panId) + ", gateway "
        + gatewayLinkAddress() + "]";
  }
}

package net.iotgw.streams.esp;

import java.util.Objects;
import net.iotgw.protocols.esp.UdpEncapsulation;
import net.iotgw.protocols.ipv6.Ipv6Address;

/**
 * The path of one CHILD_SA pair between a CD and a UD through the gateway, which forwards its ESP
 * packets without opening them (ARCHITECTURE, "Data plane"): the UD's side may be ESP in UDP (RFC
 * 3948), the CD's is always raw ESP over 6LoWPAN. The mode (tunnel or transport) does not matter
 * here: only the outer headers change.
 *
 * @param cdAddress the CD's IPv6 address, the SA's endpoint on the CD side
 * @param cdInboundSpi the SPI of the SA towards the CD: what packets from the UD carry (chosen on
 *     the CD's behalf by the gateway, so unique among every route)
 * @param cdOutboundSpi the SPI of the SA towards the UD: what packets from the CD carry (chosen by
 *     the UD)
 * @param udAddress the UD's IPv6 address, the SA's endpoint on the UD side
 * @param udPort the UD's UDP port for ESP in UDP (its NAT-T source port, often 4500); unused for
 *     raw ESP
 * @param gatewayPort the UDP port ESP in UDP leaves the CD's address from ({@value
 *     UdpEncapsulation#PORT}); unused for raw ESP
 * @param udpEncapsulated whether the UD side is ESP in UDP (RFC 3948), as strongSwan with
 *     kernel-libipsec always is; otherwise raw ESP (IPv6 Next Header 50) both sides
 */
public record EspRoute(
    Ipv6Address cdAddress,
    int cdInboundSpi,
    int cdOutboundSpi,
    Ipv6Address udAddress,
    int udPort,
    int gatewayPort,
    boolean udpEncapsulated) {

  /** RFC 4303 §2.1: SPIs 1..255 are reserved by IANA and 0 is never sent. */
  private static final int FIRST_SPI = 256;

  public EspRoute {
    Objects.requireNonNull(cdAddress, "cdAddress");
    Objects.requireNonNull(udAddress, "udAddress");
    checkSpi(cdInboundSpi, "cdInboundSpi");
    checkSpi(cdOutboundSpi, "cdOutboundSpi");
    int lowest = udpEncapsulated ? 1 : 0;
    if (udPort < lowest || udPort > 0xffff || gatewayPort < lowest || gatewayPort > 0xffff) {
      throw new IllegalArgumentException(
          "ports " + udPort + ", " + gatewayPort + " (1..65535 for ESP in UDP)");
    }
  }

  /** A route whose UD side is ESP in UDP from the gateway's port 4500 to {@code udPort}. */
  public static EspRoute udpEncapsulated(
      Ipv6Address cdAddress,
      int cdInboundSpi,
      int cdOutboundSpi,
      Ipv6Address udAddress,
      int udPort) {
    return new EspRoute(
        cdAddress, cdInboundSpi, cdOutboundSpi, udAddress, udPort, UdpEncapsulation.PORT, true);
  }

  /** A route with raw ESP on both sides. */
  public static EspRoute raw(
      Ipv6Address cdAddress, int cdInboundSpi, int cdOutboundSpi, Ipv6Address udAddress) {
    return new EspRoute(cdAddress, cdInboundSpi, cdOutboundSpi, udAddress, 0, 0, false);
  }

  private static void checkSpi(int spi, String name) {
    if (Integer.compareUnsigned(spi, FIRST_SPI) < 0) {
      throw new IllegalArgumentException(name + " " + spi + " is reserved (RFC 4303 §2.1)");
    }
  }

  @Override
  public String toString() {
    return "EspRoute[CD "
        + cdAddress
        + " in "
        + String.format("%08x", cdInboundSpi)
        + " out "
        + String.format("%08x", cdOutboundSpi)
        + ", UD "
        + (udpEncapsulated ? "[" + udAddress + "]:" + udPort + " from :" + gatewayPort : udAddress)
        + "]";
  }
}

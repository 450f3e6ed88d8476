package net.iotgw.streams.lowpan;

/**
 * Which IPv6 packets carry PANA (RFC 5191): UDP with source or destination port 716, the UDP
 * header right after the fixed IPv6 header. The one test the enforcement point (PANA travels in
 * clear, contract-netentry) and the data plane's classifier (PANA from the radio goes to the
 * control plane) both apply, so that what was let in unsecured as PANA can only reach the control
 * plane. A PANA message behind an extension header is not recognised: no PaC sends one, and
 * unrecognised it is simply not admitted in clear.
 *
 * <p>Reads the octets without decoding; total on any input.
 */
public final class PanaPackets {
  /** IANA: PANA's UDP port (RFC 5191 §10). */
  public static final int PORT = 716;

  private static final int IPV6_HEADER = 40;
  private static final int UDP = 17;

  private PanaPackets() {}

  /** Whether {@code packet} is IPv6 with a UDP header whose source or destination port is 716. */
  public static boolean carriesPana(byte[] packet) {
    if (packet.length < IPV6_HEADER + 8 || (packet[0] & 0xf0) != 0x60) {
      return false;
    }
    if ((packet[6] & 0xff) != UDP) {
      return false;
    }
    return port(packet, IPV6_HEADER) == PORT || port(packet, IPV6_HEADER + 2) == PORT;
  }

  private static int port(byte[] p, int offset) {
    return ((p[offset] & 0xff) << 8) | (p[offset + 1] & 0xff);
  }
}

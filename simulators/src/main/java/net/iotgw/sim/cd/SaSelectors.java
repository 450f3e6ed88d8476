package net.iotgw.sim.cd;

import java.util.Arrays;
import java.util.List;
import net.iotgw.protocols.ike.codec.TrafficSelector;
import net.iotgw.protocols.ipv6.IcmpV6Message;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.UdpDatagram;

/**
 * Whether a packet lies within an SA's traffic selectors (RFC 4301 §4.4.1.1, §5.1, §5.2; the
 * selector format of RFC 7296 §3.13.1): its source within one selector of the sending side, its
 * destination within one of the receiving side, each with the packet's protocol and port. The
 * "port" of ICMPv6 is Type in the high octet and Code in the low one (RFC 7296 §3.13.1); a packet
 * of another protocol has none and matches only a selector of every port.
 */
final class SaSelectors {
  private static final int ANY_PORT_START = 0;
  private static final int ANY_PORT_END = 0xffff;
  private static final int NO_PORT = -1;

  private SaSelectors() {}

  /** {@code p}, going from the {@code from} side's selectors to the {@code to} side's. */
  static boolean allows(List<TrafficSelector> from, List<TrafficSelector> to, Ipv6Packet p) {
    int protocol = p.protocol();
    byte[] data = p.payload();
    int sourcePort = NO_PORT;
    int destinationPort = NO_PORT;
    if (protocol == UdpDatagram.PROTOCOL && data.length >= 4) {
      sourcePort = u16(data, 0);
      destinationPort = u16(data, 2);
    } else if (protocol == IcmpV6Message.PROTOCOL && data.length >= 2) {
      sourcePort = u16(data, 0);
      destinationPort = sourcePort;
    }
    return any(from, p.source(), protocol, sourcePort)
        && any(to, p.destination(), protocol, destinationPort);
  }

  private static boolean any(
      List<TrafficSelector> selectors, Ipv6Address address, int protocol, int port) {
    byte[] a = address.bytes();
    for (TrafficSelector ts : selectors) {
      if (ts instanceof TrafficSelector.AddressRange r
          && r.startAddress().length == a.length
          && (r.ipProtocol() == 0 || r.ipProtocol() == protocol)
          && portAllowed(r, port)
          && Arrays.compareUnsigned(r.startAddress(), a) <= 0
          && Arrays.compareUnsigned(a, r.endAddress()) <= 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean portAllowed(TrafficSelector.AddressRange r, int port) {
    if (port == NO_PORT) {
      return r.startPort() == ANY_PORT_START && r.endPort() == ANY_PORT_END;
    }
    return r.startPort() <= port && port <= r.endPort();
  }

  private static int u16(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }
}

package net.iotgw.sim.cd;

import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Packets;

/** The echo requests the link-security tests send and have CDs send. */
final class Ipv6PacketsForTests {
  private Ipv6PacketsForTests() {}

  /** An echo request from the UD to the CD's global address. */
  static Ipv6Packet echoFromUd(SimulatedCd cd) {
    return Ipv6Packets.icmpEchoRequest(GatewaySide.UD, cd.address(), 0x77, 1, "ping".getBytes(),
        64);
  }

  /** An echo request the CD sends to the UD on its own. */
  static Ipv6Packet echoToUd(SimulatedCd cd) {
    return Ipv6Packets.icmpEchoRequest(cd.address(), GatewaySide.UD, 0x55, 1, "hello".getBytes(),
        64);
  }
}

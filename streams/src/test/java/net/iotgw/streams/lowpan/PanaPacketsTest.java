package net.iotgw.streams.lowpan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import org.junit.jupiter.api.Test;

class PanaPacketsTest {
  static final Ipv6Address A = Ipv6Address.of("fe80::1");
  static final Ipv6Address B = Ipv6Address.of("fe80::2");

  static byte[] udp(int srcPort, int dstPort) {
    return Ipv6Codec.encode(Ipv6Packets.udp(A, B, srcPort, dstPort, new byte[16], 255));
  }

  @Test
  void udpWithPort716OnEitherSideIsPana_rfc5191Section10() {
    assertTrue(PanaPackets.carriesPana(udp(716, 716)));
    assertTrue(PanaPackets.carriesPana(udp(49152, 716)));
    assertTrue(PanaPackets.carriesPana(udp(716, 49152)));
  }

  @Test
  void otherTrafficIsNot() {
    assertFalse(PanaPackets.carriesPana(udp(5683, 5683)));
    assertFalse(PanaPackets.carriesPana(udp(715, 717)));
    // ICMPv6 whose bytes at the UDP port offsets read 716.
    byte[] icmp = Nodes.echoRequest(A, B, 0x02cc, 8);
    icmp[40] = 0x02;
    icmp[41] = (byte) 0xcc;
    assertFalse(PanaPackets.carriesPana(icmp));
    byte[] notIpv6 = udp(716, 716);
    notIpv6[0] = 0x45;
    assertFalse(PanaPackets.carriesPana(notIpv6));
  }

  @Test
  void truncatedInputIsNotPanaAndNeverThrows() {
    byte[] p = udp(716, 716);
    for (int n = 0; n < 44; n++) {
      assertFalse(PanaPackets.carriesPana(Arrays.copyOf(p, n)), n + " octets");
    }
    assertTrue(PanaPackets.carriesPana(Arrays.copyOf(p, 48)));
  }
}

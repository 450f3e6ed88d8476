package net.iotgw.protocols.ipv6;

import static net.iotgw.protocols.ipv6.Captures.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChecksumsTest {

  @Test
  void rfc1071Section3NumericalExample() {
    byte[] data = hex("0001 f203 f4f5 f6f7");
    assertEquals(0xddf2, Checksums.sum(0, data, 0, data.length));
    assertEquals(0x220d, Checksums.internetChecksum(data, 0, data.length));
  }

  @Test
  void oddLengthIsPaddedWithAZeroOctet() {
    assertEquals(Checksums.sum(0, hex("abcd12"), 0, 3), Checksums.sum(0, hex("abcd1200"), 0, 4));
  }

  @Test
  void pseudoHeaderSumEqualsWhatLinuxLeavesForChecksumOffloadRfc8200Section8_1() {
    // Loopback offload: the kernel put the folded pseudo-header sum in the UDP checksum field.
    byte[] p = Captures.get("udp-offloaded-checksum");
    Ipv6Packet packet = Ipv6Codec.decode(p).orThrow();
    int partial =
        Checksums.ipv6PseudoHeader(
            packet.source(), packet.destination(), packet.payload().length, 17);
    assertEquals(0x5b9b, partial);
    assertEquals(0x5b9b, UdpCodec.u16(packet.payload(), 6));
  }

  @Test
  void upperLayerChecksumOfAReceivedSegmentIsZeroWhenRight() {
    Ipv6Packet echo = Ipv6Codec.decode(Captures.get("echo-request")).orThrow();
    assertEquals(
        0, Checksums.ipv6UpperLayer(echo.source(), echo.destination(), 58, echo.payload()));
    byte[] zeroed = echo.payload().clone();
    zeroed[2] = 0;
    zeroed[3] = 0;
    // tshark: Checksum 0x9a8a [correct].
    assertEquals(0x9a8a, Checksums.ipv6UpperLayer(echo.source(), echo.destination(), 58, zeroed));
  }
}

package net.iotgw.protocols.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import net.iotgw.protocols.wire.Decoded;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class EspPayloadTest {

  @Test
  void tunnelNextHeaderFollowsTheInnerIpVersion() {
    assertEquals(41, EspPayload.tunnel(Hex.decode("6000000000083a40")).nextHeader());
    assertEquals(4, EspPayload.tunnel(Hex.decode("4500001c")).nextHeader());
    assertEquals(EspPayload.Mode.TUNNEL, EspPayload.tunnel(Hex.decode("60")).mode());
    assertThrows(IllegalArgumentException.class, () -> EspPayload.tunnel(Hex.decode("5000")));
    assertThrows(IllegalArgumentException.class, () -> EspPayload.tunnel(new byte[0]));
  }

  @Test
  void transportCarriesTheUpperLayerProtocol() {
    assertEquals(17, EspPayload.transport(NextHeader.UDP, new byte[8]).nextHeader());
    assertEquals(58, EspPayload.transport(NextHeader.ICMPV6, new byte[8]).nextHeader());
    assertEquals(EspPayload.Mode.TRANSPORT,
        EspPayload.transport(NextHeader.TCP, new byte[20]).mode());
    assertThrows(IllegalArgumentException.class,
        () -> EspPayload.transport(NextHeader.IPV6, new byte[40]));
  }

  @Test
  void unknownNextHeadersAreKeptAndOutOfRangeOnesRefused() {
    assertEquals(EspPayload.Mode.TRANSPORT, new EspPayload(132, new byte[0]).mode()); // SCTP
    assertEquals(Optional.empty(), NextHeader.of(132));
    assertEquals(Optional.of(NextHeader.IPV6), NextHeader.of(41));
    assertThrows(IllegalArgumentException.class, () -> new EspPayload(256, new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> new EspPayload(-1, new byte[0]));
  }

  @Test
  void equalityIsByContentAndToStringHidesTheBytes() {
    assertEquals(new EspPayload(17, new byte[] {1, 2}), new EspPayload(17, new byte[] {1, 2}));
    assertEquals("EspPayload[nextHeader=17, 2 bytes]",
        new EspPayload(17, new byte[] {1, 2}).toString());
  }

  @Test
  void headerDecodesSpiAndLowSequenceNumberForForwarding() {
    EspHeader header = EspHeader.decode(Hex.decode("c0ffee01ffffffff00")).orThrow();
    assertEquals(0xc0ffee01, header.spi());
    assertEquals(0xffff_ffffL, header.sequenceLow());
    assertEquals(false, EspHeader.decode(new byte[7]).isOk());
    assertEquals(Decoded.Failed.class, EspHeader.decode(new byte[0]).getClass());
  }

  @Test
  void headerDecodesInPlaceAfterAnIpHeader_rfc4303Section2() {
    // 40 octets of IPv6 header stand-in, then SPI c0ffee01 and sequence number 2.
    byte[] packet = new byte[48];
    System.arraycopy(Hex.decode("c0ffee0100000002"), 0, packet, 40, 8);
    EspHeader header = EspHeader.decode(packet, 40).orThrow();
    assertEquals(0xc0ffee01, header.spi());
    assertEquals(2, header.sequenceLow());
    assertEquals(false, EspHeader.decode(packet, 41).isOk(), "7 octets left");
    assertEquals(false, EspHeader.decode(packet, 49).isOk(), "beyond the end");
    assertEquals(false, EspHeader.decode(packet, -1).isOk());
  }
}

package net.iotgw.streams.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.iotgw.protocols.ipv6.Ipv6Address;
import org.junit.jupiter.api.Test;

class IkeDatagramTest {
  static final Ipv6Address CD = Ipv6Address.of("2001:db8:cd::1");
  static final Ipv6Address UD = Ipv6Address.of("2001:db8:1::a");

  @Test
  void onlyPort4500CarriesTheNonEspMarker_rfc3948Section2_2() {
    assertTrue(new IkeDatagram(UD, 34567, CD, 4500, new byte[1]).nonEspMarker());
    assertFalse(new IkeDatagram(UD, 4500, CD, 500, new byte[1]).nonEspMarker());
  }

  @Test
  void onlyWhatEncodesIsADatagram() {
    assertThrows(IllegalArgumentException.class, () -> datagram(500, 501, 1));
    assertThrows(IllegalArgumentException.class, () -> datagram(0, 500, 1));
    assertThrows(IllegalArgumentException.class, () -> datagram(500, 500, 0));
    // The largest UDP payload is 65,527 octets; on 4500 the marker takes 4 of them.
    assertEquals(65_527 + 48, datagram(500, 500, 65_527).toPacket().length);
    assertThrows(IllegalArgumentException.class, () -> datagram(500, 500, 65_528));
    assertEquals(65_527 + 48, datagram(4500, 4500, 65_523).toPacket().length);
    assertThrows(IllegalArgumentException.class, () -> datagram(4500, 4500, 65_524));
  }

  private static IkeDatagram datagram(int remotePort, int localPort, int length) {
    return new IkeDatagram(UD, remotePort, CD, localPort, new byte[length]);
  }

  @Test
  void equalByContentAndPrintedWithoutTheMessage() {
    assertEquals(
        new IkeDatagram(UD, 500, CD, 500, new byte[] {1, 2}),
        new IkeDatagram(UD, 500, CD, 500, new byte[] {1, 2}));
    assertEquals(
        "IkeDatagram[[2001:db8:1::a]:500 <-> [2001:db8:cd::1]:500, 2 octets]",
        new IkeDatagram(UD, 500, CD, 500, new byte[] {1, 2}).toString());
  }
}

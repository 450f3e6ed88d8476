package net.iotgw.sim.cd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Prefix;
import net.iotgw.protocols.sixlowpan.LinkAddress;
import org.junit.jupiter.api.Test;

class CdNetworkTest {

  @Test
  void interfaceIdentifierInvertsTheUniversalLocalBitRfc4944Section6() {
    assertEquals(0x0212_4b00_0102_0304L, CdNetwork.interfaceIdentifier(0x0012_4b00_0102_0304L));
    assertEquals(1L, CdNetwork.interfaceIdentifier(0x0200_0000_0000_0001L));
  }

  @Test
  void interfaceIdentifierAgreesWithThe6lowpanPackage() {
    long eui = 0xacde_4800_0000_0001L;
    byte[] address =
        Ipv6Address.of(Ipv6Address.UNSPECIFIED, CdNetwork.interfaceIdentifier(eui)).bytes();

    assertArrayEquals(new LinkAddress.Extended(eui).interfaceIdentifier(),
        Arrays.copyOfRange(address, 8, 16));
  }

  @Test
  void addressesAreThePrefixOrLinkLocalWithTheInterfaceIdentifier() {
    CdNetwork n = new CdNetwork(Ipv6Prefix.of("2001:db8:cd::/64"), 0xabcd, 0x0212_4b00_0000_0001L);

    long eui = 0xaede_4800_0000_0001L;

    assertEquals(Ipv6Address.of("2001:db8:cd:0:acde:4800:0:1"), n.globalAddress(eui));
    assertEquals(Ipv6Address.of("fe80::acde:4800:0:1"), CdNetwork.linkLocalAddress(eui));
    assertEquals(Ipv6Address.of("fe80::12:4b00:0:1"), n.gatewayLinkLocalAddress());
  }

  @Test
  void shortAddressInterfaceIdentifierIsTheRfc6282Form() {
    assertEquals(0x0000_00ff_fe00_0042L, CdNetwork.shortAddressInterfaceIdentifier(0x42));
  }

  @Test
  void cdPrefixIsContextZeroRfc6282Section3_1_2() {
    CdNetwork n = new CdNetwork(Ipv6Prefix.of("2001:db8:cd::/64"), 0xabcd, 1);

    assertEquals(64, n.contexts().get(0).orElseThrow().prefixLength());
    assertArrayEquals(Ipv6Address.of("2001:db8:cd::").bytes(), n.contexts().get(0).orElseThrow()
        .prefix());
    assertTrue(n.contexts().get(1).isEmpty());
  }

  @Test
  void prefixOtherThanSlash64AndBroadcastPanAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new CdNetwork(Ipv6Prefix.of("2001:db8:cd::/48"), 1, 1));
    assertThrows(IllegalArgumentException.class,
        () -> new CdNetwork(Ipv6Prefix.of("2001:db8:cd::/64"), 0xffff, 1));
  }
}

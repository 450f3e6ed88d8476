package net.iotgw.streams.lowpan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Prefix;
import net.iotgw.protocols.sixlowpan.LinkAddress;
import org.junit.jupiter.api.Test;

class LinkResolverTest {
  private final LinkResolver resolver = LinkResolver.fromInterfaceIdentifiers(Nodes.PREFIX);

  @Test
  void addressInPrefixResolvesToTheEui64ItsIidWasMadeFrom_rfc4944Section6() {
    assertEquals(Optional.of(new Address.Extended(Nodes.CD_EUI64)), resolver.resolve(Nodes.CD));
  }

  @Test
  void derivationAgreesWithTheIidThatIphcElides_rfc6282Section3_2_2() {
    byte[] iid = LinkAddress.extended(Nodes.CD_EUI64).interfaceIdentifier();
    byte[] address = Nodes.CD.bytes();
    for (int i = 0; i < 8; i++) {
      assertEquals(iid[i], address[8 + i]);
    }
    assertEquals(
        Nodes.CD.interfaceIdentifier(), LinkResolver.interfaceIdentifierOf(Nodes.CD_EUI64));
  }

  @Test
  void linkLocalResolvesLikeThePrefix() {
    assertEquals(
        Optional.of(new Address.Extended(Nodes.CD_EUI64)),
        resolver.resolve(Ipv6Address.of("fe80::212:4b00:a0b:c0d")));
  }

  @Test
  void shortFormIidResolvesToTheShortAddress_rfc6282Section3_2_2() {
    assertEquals(
        Optional.of(new Address.Short(0x0042)),
        resolver.resolve(Ipv6Address.of("2001:db8:1::ff:fe00:42")));
    assertEquals(
        Optional.of(new Address.Short(0xbeef)),
        resolver.resolve(Ipv6Address.of("fe80::ff:fe00:beef")));
  }

  @Test
  void multicastGoesToTheBroadcastShortAddress() {
    assertEquals(Optional.of(Address.Short.BROADCAST), resolver.resolve(Ipv6Address.of("ff02::1")));
    assertEquals(
        Optional.of(Address.Short.BROADCAST), resolver.resolve(Ipv6Address.of("ff05::fb")));
  }

  @Test
  void addressesOffThePrefixHaveNoLinkAddress() {
    assertTrue(resolver.resolve(Nodes.UD).isEmpty());
    assertTrue(resolver.resolve(Ipv6Address.of("2001:db8:2::212:4b00:a0b:c0d")).isEmpty());
    // fe80::/10 outside fe80::/64 is not a link-local address of this link's form.
    assertTrue(resolver.resolve(Ipv6Address.of("fe80:0:0:1::1")).isEmpty());
  }

  @Test
  void aNodeSendsWhatItCannotResolveToItsRouter() {
    assertEquals(
        Optional.of(new Address.Extended(Nodes.GW_EUI64)), Nodes.CD_RESOLVER.resolve(Nodes.UD));
    assertEquals(
        Optional.of(new Address.Extended(Nodes.CD_EUI64)), Nodes.CD_RESOLVER.resolve(Nodes.CD));
  }

  @Test
  void universalLocalBitIsFlippedBackBothWays_rfc4944Section6() {
    LinkResolver r = LinkResolver.fromInterfaceIdentifiers(Ipv6Prefix.of("2001:db8:1:2::/64"));
    assertEquals(
        Optional.of(new Address.Extended(0x0000000000000001L)),
        r.resolve(Ipv6Address.of("2001:db8:1:2:200::1")));
    assertEquals(
        Optional.of(new Address.Extended(0x0200000000000001L)),
        r.resolve(Ipv6Address.of("2001:db8:1:2::1")));
  }
}

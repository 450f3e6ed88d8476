package net.iotgw.protocols.ipv6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv6AddressTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // RFC 5952 §4.1 leading zeros, §4.2.1 longest run, §4.2.2 not one group, §4.2.3 first of
    // equals,
    // §4.3 lower case, §5 IPv4-mapped.
    "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
    "2001:db8:0:0:1:0:0:1,                    2001:db8::1:0:0:1",
    "2001:db8:0:1:1:1:1:1,                    2001:db8:0:1:1:1:1:1",
    "2001:0:0:1:0:0:0:1,                      2001:0:0:1::1",
    "2001:DB8::AbCd,                          2001:db8::abcd",
    "::,                                      ::",
    "::1,                                     ::1",
    "1::,                                     1::",
    "fe80::212:4b00:102:304,                  fe80::212:4b00:102:304",
    "::ffff:192.0.2.1,                        ::ffff:192.0.2.1",
    "::192.0.2.1,                             ::c000:201",
    "64:ff9b::192.0.2.33,                     64:ff9b::c000:221",
    "1:2:3:4:5:6:7::,                         1:2:3:4:5:6:7:0",
    "ff02:0:0:0:0:0:0:1,                      ff02::1",
  })
  void parsesRfc4291TextAndFormatsRfc5952(String text, String canonical) {
    Ipv6Address a = Ipv6Address.of(text);
    assertEquals(canonical, a.toString());
    assertEquals(a, Ipv6Address.of(canonical));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ":",
        ":::",
        "1:::2",
        "1::2::3",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7",
        "12345::",
        "::g",
        "1:2:3:4:5:6:7:8::",
        "::1.2.3",
        "::1.2.3.256",
        "::01.2.3.4",
        "1.2.3.4",
        "fe80::1%eth0",
        "2001:db8::/64",
        " ::1",
        "::1 ",
        ":1::",
        "1::2:",
        "::\u0663",
      })
  void refusesWhatIsNotAnAddress(String text) {
    assertEquals(Optional.empty(), Ipv6Address.parse(text), text);
  }

  @Test
  void octetsAreBigEndian() {
    Ipv6Address a = Ipv6Address.of("2001:db8::212:4b00:102:304");
    assertEquals("20010db8000000000212 4b0001020304".replace(" ", ""), Captures.hex(a.bytes()));
    assertEquals(0x20010db800000000L, a.high());
    assertEquals(0x02124b0001020304L, a.interfaceIdentifier());
    assertEquals(0x20, a.octet(0));
    assertEquals(0x04, a.octet(15));
    assertEquals(a, Ipv6Address.fromBytes(a.bytes()));
  }

  @Test
  void randomAddressesSurviveFormatAndParse() {
    Random random = new Random(6);
    for (int i = 0; i < 10_000; i++) {
      // Sparse zero groups exercise the "::" choice.
      long h = random.nextLong() & random.nextLong() & random.nextLong();
      long l = random.nextLong() & random.nextLong() & random.nextLong();
      Ipv6Address a = new Ipv6Address(h, l);
      assertEquals(a, Ipv6Address.of(a.toString()), a::toString);
    }
  }

  @Test
  void classifiesSpecialAddresses() {
    assertTrue(Ipv6Address.UNSPECIFIED.isUnspecified());
    assertTrue(Ipv6Address.LOOPBACK.isLoopback());
    assertTrue(Ipv6Address.of("ff02::1").isMulticast());
    assertTrue(Ipv6Address.of("fe80::1").isLinkLocalUnicast());
    assertTrue(Ipv6Address.of("febf::1").isLinkLocalUnicast());
    assertFalse(Ipv6Address.of("fec0::1").isLinkLocalUnicast());
    assertFalse(Ipv6Address.of("2001:db8::1").isMulticast());
  }

  @Test
  void prefixesContainTheirAddressesOnly() {
    Ipv6Prefix cd = Ipv6Prefix.of("2001:db8:1::/64");
    assertTrue(cd.contains(Ipv6Address.of("2001:db8:1::212:4b00:102:304")));
    assertFalse(cd.contains(Ipv6Address.of("2001:db8:2::1")));
    Ipv6Prefix odd = Ipv6Prefix.of("2001:db8:1:ff80::/57");
    assertTrue(odd.contains(Ipv6Address.of("2001:db8:1:ffff::1")));
    assertFalse(odd.contains(Ipv6Address.of("2001:db8:1:ff7f::1")));
    Ipv6Prefix host = Ipv6Prefix.of("2001:db8::1/128");
    assertTrue(host.contains(Ipv6Address.of("2001:db8::1")));
    assertFalse(host.contains(Ipv6Address.of("2001:db8::3")));
    assertTrue(Ipv6Prefix.of("::/0").contains(Ipv6Address.of("ff02::1")));
    Ipv6Prefix low = Ipv6Prefix.of("2001:db8::1:0/112");
    assertTrue(low.contains(Ipv6Address.of("2001:db8::1:ffff")));
    assertFalse(low.contains(Ipv6Address.of("2001:db8::2:0")));
  }

  @Test
  void prefixClearsHostBitsAndParsesStrictly() {
    assertEquals(Ipv6Prefix.of("2001:db8:1::/48"), Ipv6Prefix.of("2001:db8:1:2::3/48"));
    assertEquals("2001:db8:1::/48", Ipv6Prefix.of("2001:db8:1:2::3/48").toString());
    for (String bad :
        new String[] {"2001:db8::", "2001:db8::/", "2001:db8::/129", "::/-1", "::/1a"}) {
      assertEquals(Optional.empty(), Ipv6Prefix.parse(bad), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> Ipv6Prefix.of("::1"));
  }

  @Test
  void commonPrefixLengthCountsSharedBits() {
    Ipv6Address a = Ipv6Address.of("2001:db8::1");
    assertEquals(128, a.commonPrefixLength(a));
    assertEquals(127, a.commonPrefixLength(Ipv6Address.of("2001:db8::")));
    assertEquals(16, a.commonPrefixLength(Ipv6Address.of("2001:8db8::1")));
    assertEquals(0, a.commonPrefixLength(Ipv6Address.of("ff02::1")));
  }

  @Test
  void addressInAPrefixFromAnInterfaceIdentifier() {
    Ipv6Address a = Ipv6Address.of(Ipv6Address.of("2001:db8:1::"), 0x02124b0001020304L);
    assertEquals("2001:db8:1:0:212:4b00:102:304", a.toString());
  }
}

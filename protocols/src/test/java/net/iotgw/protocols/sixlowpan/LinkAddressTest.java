package net.iotgw.protocols.sixlowpan;

import static net.iotgw.protocols.sixlowpan.Packets.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LinkAddressTest {

  @Test
  void eui64InterfaceIdentifierInvertsTheUniversalLocalBit_rfc4944Section6() {
    assertEquals("02124b0001020304",
        hex(LinkAddress.extended(0x00124b0001020304L).interfaceIdentifier()));
    assertEquals("0000000000000001",
        hex(LinkAddress.extended(0x0200000000000001L).interfaceIdentifier()));
  }

  @Test
  void shortAddressInterfaceIdentifierIs0000_00ff_fe00_xxxx_rfc6282Section3_2_2() {
    // The PAN ID does not enter it.
    assertEquals("000000fffe001234",
        hex(LinkAddress.shortAddress(0xabcd, 0x1234).interfaceIdentifier()));
    assertEquals("000000fffe001234",
        hex(LinkAddress.shortAddress(0x0000, 0x1234).interfaceIdentifier()));
  }

  @Test
  void extendedAddressFromBytesIsCanonicalOrder() {
    LinkAddress.Extended e = LinkAddress.extended(hex("00124b0001020304"));
    assertEquals(0x00124b0001020304L, e.eui64());
    assertArrayEquals(hex("00124b0001020304"), e.toBytes());
    assertEquals("00:12:4b:00:01:02:03:04", e.toString());
  }

  @Test
  void refusesOutOfRangeValues() {
    assertThrows(IllegalArgumentException.class, () -> LinkAddress.extended(new byte[7]));
    assertThrows(IllegalArgumentException.class, () -> LinkAddress.shortAddress(0x10000, 1));
    assertThrows(IllegalArgumentException.class, () -> LinkAddress.shortAddress(1, -1));
  }

  @Test
  void contextClearsPrefixBitsPastItsLength() {
    Context c = new Context(2, Packets.addr("2001:db8:ffff:ffff::"), 36);
    assertEquals("20010db8f00000000000000000000000", hex(c.prefix()));
    assertEquals(c, new Context(2, Packets.addr("2001:db8:f000::"), 36));
    assertThrows(IllegalArgumentException.class, () -> new Context(16, new byte[16], 64));
    assertThrows(IllegalArgumentException.class, () -> new Context(0, new byte[16], 129));
  }

  @Test
  void contextTableReplacesAndRemovesBySlot() {
    ContextTable t = ContextTable.of(new Context(0, Packets.addr("2001:db8:1::"), 64),
        new Context(7, Packets.addr("2001:db8:7::"), 64, false));
    assertEquals(1, t.forCompression().size());
    assertEquals(64, t.get(7).orElseThrow().prefixLength());
    ContextTable u = t.with(new Context(7, Packets.addr("2001:db8:8::"), 48));
    assertEquals(2, u.forCompression().size());
    assertEquals(48, u.get(7).orElseThrow().prefixLength());
    assertEquals(64, t.get(7).orElseThrow().prefixLength());
    assertEquals(true, u.without(0).get(0).isEmpty());
    assertEquals(true, t.get(16).isEmpty());
  }
}

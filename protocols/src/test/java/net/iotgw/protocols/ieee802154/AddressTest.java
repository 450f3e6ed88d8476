package net.iotgw.protocols.ieee802154;

import static net.iotgw.protocols.ieee802154.Frames.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AddressTest {

  @Test
  void extendedAddressIsTheEui64ReadBigEndian() {
    Address.Extended a = Address.Extended.fromEui64(hex("00124b0001020304"));
    assertEquals(0x00124b0001020304L, a.value());
    assertEquals("00124b0001020304", hex(a.eui64()));
    assertEquals("00:12:4b:00:01:02:03:04", a.toString());
  }

  @Test
  void extendedAddressIsSentLeastSignificantOctetFirstSection7_2_4() {
    MacHeader h =
        MacHeader.builder(FrameType.DATA, FrameVersion.IEEE_2006)
            .sequenceNumber(0)
            .destination(0xabcd, Address.Extended.fromEui64(hex("00124b0001020304")))
            .build();
    assertEquals("04030201004b1200", hex(Arrays.copyOfRange(MacFrameCodec.encodeHeader(h), 5, 13)));
  }

  @Test
  void shortAddressAndPanIdAreSentLeastSignificantOctetFirst() {
    MacHeader h =
        MacHeader.builder(FrameType.DATA, FrameVersion.IEEE_2006)
            .sequenceNumber(0)
            .destination(0x1234, new Address.Short(0xabcd))
            .build();
    assertEquals("0118 00 3412 cdab".replace(" ", ""), hex(MacFrameCodec.encodeHeader(h)));
  }

  @Test
  void shortBroadcastAndRange() {
    assertTrue(Address.Short.BROADCAST.isBroadcast());
    assertEquals("0xffff", Address.Short.BROADCAST.toString());
    assertThrows(IllegalArgumentException.class, () -> new Address.Short(0x10000));
    assertThrows(IllegalArgumentException.class, () -> Address.Extended.fromEui64(new byte[7]));
  }
}

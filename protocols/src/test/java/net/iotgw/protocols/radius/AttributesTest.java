package net.iotgw.protocols.radius;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttributesTest {

  @Test
  void nasAttributesEncodeToTheirRfcWireForms() {
    byte[] v6 = HexFormat.of().parseHex("20010db8000000000000000000000001");
    RadiusPacket p =
        new RadiusPacket(
            RadiusCode.ACCESS_REQUEST,
            0,
            new byte[16],
            List.of(
                Attributes.nasIdentifier("gw"),
                Attributes.nasIpAddress(new byte[] {10, 0, 0, 1}),
                Attributes.nasIpv6Address(v6),
                Attributes.framedMtu(1280),
                Attributes.calledStationId("02-00-00-00-00-01:iot"),
                Attributes.callingStationId("cd-0001")));
    byte[] wire = p.encode();
    String hex = HexFormat.of().formatHex(wire, 20, wire.length);
    assertEquals(
        "20046777"
            + "04060a000001"
            + "5f12"
            + "20010db8000000000000000000000001"
            + "0c0600000500"
            + "1e17"
            + HexFormat.of().formatHex("02-00-00-00-00-01:iot".getBytes())
            + "1f09"
            + HexFormat.of().formatHex("cd-0001".getBytes()),
        hex);
    RadiusPacket back = RadiusPacket.decode(wire).orThrow();
    assertEquals(Optional.of("gw"), Attributes.text(back, AttributeType.NAS_IDENTIFIER));
    assertEquals(Optional.of(1280L), Attributes.u32(back, AttributeType.FRAMED_MTU));
    assertArrayEquals(v6, back.first(AttributeType.NAS_IPV6_ADDRESS).orElseThrow().value());
    assertEquals(
        Optional.of("cd-0001"), Attributes.text(back, AttributeType.CALLING_STATION_ID));
  }

  @Test
  void illSizedIntegerReadsAsAbsentAndBadAddressesAreRejectedAtBuildTime() {
    RadiusPacket p =
        new RadiusPacket(
            RadiusCode.ACCESS_REQUEST,
            0,
            new byte[16],
            List.of(new RadiusAttribute(AttributeType.FRAMED_MTU, new byte[3])));
    assertEquals(Optional.empty(), Attributes.u32(p, AttributeType.FRAMED_MTU));
    assertThrows(IllegalArgumentException.class, () -> Attributes.nasIpAddress(new byte[16]));
    assertThrows(IllegalArgumentException.class, () -> Attributes.nasIpv6Address(new byte[4]));
    assertThrows(IllegalArgumentException.class, () -> new RadiusAttribute(1, new byte[254]));
  }

  @Test
  void attributeToStringShowsNoValue() {
    assertEquals(
        "RadiusAttribute[type=24, 3 bytes]", Attributes.state(new byte[] {1, 2, 3}).toString());
  }
}

package net.iotgw.gateway.aaa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class Eui64TextTest {

  @Test
  void rfc3580_3_21_callingStationIdIsUpperCaseHexWithHyphens() {
    assertEquals("02-00-00-00-00-00-01-01", Eui64Text.hyphens(0x0200000000000101L));
    assertEquals("AC-DE-48-00-00-00-00-0F", Eui64Text.hyphens(0xacde48000000000fL));
  }

  @Test
  void colonsRoundTripThroughParse() {
    assertEquals("ac:de:48:00:00:00:00:0f", Eui64Text.colons(0xacde48000000000fL));
    assertEquals(OptionalLong.of(0xacde48000000000fL), Eui64Text.parse("AC:DE:48:00:00:00:00:0F"));
    assertEquals(OptionalLong.empty(), Eui64Text.parse("ac:de:48:00:00:00:00"));
    assertEquals(OptionalLong.empty(), Eui64Text.parse("ac:de:48:00:00:00:00:0f:"));
    assertEquals(OptionalLong.empty(), Eui64Text.parse("ac-de-48-00-00-00-00-0f"));
    assertEquals(OptionalLong.empty(), Eui64Text.parse("ac:de:48:00:00:00:00:0g"));
  }
}

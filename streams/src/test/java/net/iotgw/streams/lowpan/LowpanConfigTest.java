package net.iotgw.streams.lowpan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import net.iotgw.protocols.ieee802154.SecurityLevel;
import net.iotgw.protocols.ipv6.Ipv6Prefix;
import net.iotgw.protocols.sixlowpan.Context;
import org.junit.jupiter.api.Test;

class LowpanConfigTest {

  @Test
  void cdPrefixIsContextZero_rfc6282Section3_1_2() {
    Context c0 = Nodes.GATEWAY.contexts().get(0).orElseThrow();
    assertEquals(64, c0.prefixLength());
    assertArrayEquals(Nodes.PREFIX.address().bytes(), c0.prefix());
    assertTrue(Nodes.GATEWAY.contexts().get(1).isEmpty());
  }

  @Test
  void ourAddressIsThePrefixAndTheIidOfOurEui64_rfc4944Section6() {
    assertEquals(Nodes.CD, Nodes.CD_NODE.ourAddress());
  }

  @Test
  void shortAddressesFffeAndFfffAreNone() {
    assertTrue(Nodes.GATEWAY.hasShortAddress());
    assertFalse(Nodes.CD_NODE.hasShortAddress());
    assertFalse(withShort(0xffff).hasShortAddress());
  }

  @Test
  void refusesWhatCannotWork() {
    Duration s = Duration.ofSeconds(1);
    assertThrows(
        IllegalArgumentException.class,
        () -> new LowpanConfig(Ipv6Prefix.of("2001:db8::/96"), 1, 0, 1, 1, 1, s));
    assertThrows(
        IllegalArgumentException.class,
        () -> new LowpanConfig(Nodes.PREFIX, 1, 0, 0xffff, 1, 1, s));
    assertThrows(
        IllegalArgumentException.class,
        () -> new LowpanConfig(Nodes.PREFIX, 1, 0x10000, 1, 1, 1, s));
    assertThrows(
        IllegalArgumentException.class, () -> new LowpanConfig(Nodes.PREFIX, 1, 0, 1, 0, 1, s));
    assertThrows(
        IllegalArgumentException.class, () -> new LowpanConfig(Nodes.PREFIX, 1, 0, 1, 1, 0, s));
    assertThrows(
        IllegalArgumentException.class,
        () -> new LowpanConfig(Nodes.PREFIX, 1, 0, 1, 1, 1, Duration.ofSeconds(61)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new LowpanConfig(Nodes.PREFIX, 1, 0, 1, 1, 1, Duration.ZERO));
  }

  @Test
  void enforcesAtLevel6ByDefaultAndAcceptsLevel5Only() {
    assertEquals(EnforcementMode.ENFORCE, Nodes.GATEWAY.enforcement());
    assertEquals(SecurityLevel.ENC_MIC_64, Nodes.GATEWAY.securityLevel());
    assertEquals(
        SecurityLevel.ENC_MIC_32,
        Nodes.GATEWAY.withSecurityLevel(SecurityLevel.ENC_MIC_32).securityLevel());
    assertEquals(EnforcementMode.OPEN, Nodes.GATEWAY_OPEN.enforcement());
    for (SecurityLevel refused :
        new SecurityLevel[] {
          SecurityLevel.NONE, SecurityLevel.MIC_64, SecurityLevel.ENC, SecurityLevel.ENC_MIC_128
        }) {
      assertThrows(
          IllegalArgumentException.class,
          () -> Nodes.GATEWAY.withSecurityLevel(refused),
          refused.toString());
    }
  }

  private static LowpanConfig withShort(int shortAddress) {
    return new LowpanConfig(Nodes.PREFIX, 1, shortAddress, 1, 1, 1, Duration.ofSeconds(1));
  }
}

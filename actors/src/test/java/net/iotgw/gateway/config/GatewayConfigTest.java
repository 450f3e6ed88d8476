package net.iotgw.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import net.iotgw.protocols.ike.engine.EngineConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.iotgw.protocols.ieee802154.SecurityLevel;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {

  private static GatewayConfig load(String overrides) {
    Config config = ConfigFactory.parseString(overrides).withFallback(ConfigFactory.defaultReference());
    return GatewayConfig.from(config.resolve());
  }

  @Test
  void theDefaultDispatcherGetsOneThreadPerCoreAtLeastTwoUnlessTheDeploymentSaysOtherwise() {
    String key = "pekko.actor.default-dispatcher.fork-join-executor.parallelism-min";
    assertEquals(8, ConfigFactory.load(ConfigFactory.empty()).getInt(key), "Pekko's own default");
    assertEquals(2, GatewayConfig.load(ConfigFactory.empty()).getInt(key));
    assertEquals(6, GatewayConfig.load(ConfigFactory.parseString(key + " = 6")).getInt(key));
    // The rest of Pekko's reference and ours is still there, resolved.
    assertEquals(1.0, GatewayConfig.load(ConfigFactory.empty())
        .getDouble("pekko.actor.default-dispatcher.fork-join-executor.parallelism-factor"));
    assertEquals("2001:db8:cd::/64",
        GatewayConfig.from(GatewayConfig.load(ConfigFactory.empty())).cdPrefix().toString());
  }

  @Test
  void referenceDefaultsLoad() {
    GatewayConfig c = load("");
    assertEquals("2001:db8:cd::/64", c.cdPrefix().toString());
    assertEquals(new GatewayConfig.Ucn("iotgw0", 1280), c.ucn());
    assertEquals(0xabcd, c.radio().panId());
    assertEquals(Duration.ofSeconds(60), c.lowpan().reassemblyTimeout());
    assertTrue(c.pcap().radio().isEmpty());
    assertEquals(
        new GatewayConfig.Enforcement(true, SecurityLevel.ENC_MIC_64), c.enforcement());
  }

  @Test
  void networkEntryEnforcementCanBeTurnedOffAndTheLevelSetTo5() {
    assertFalse(load("iotgw.network-entry.enforce = off").enforcement().enforce());
    assertTrue(load("iotgw.network-entry.enforce = on").enforcement().enforce());
    assertEquals(
        SecurityLevel.ENC_MIC_32,
        load("iotgw.network-entry.security-level = 5").enforcement().securityLevel());
  }

  @Test
  void ikeDeliversSkeyseedByDefaultAndSkDWhenAskedAndNothingElse() {
    assertEquals(EngineConfig.KeyDeliveryMode.SKEYSEED, load("").ike().keyDelivery());
    assertEquals(Duration.ofMinutes(5), load("").ike().cookieSecretLifetime());
    assertEquals(EngineConfig.KeyDeliveryMode.SK_D,
        load("iotgw.ike.key-delivery = sk-d").ike().keyDelivery());
    ConfigException e = assertThrows(ConfigException.BadValue.class,
        () -> load("iotgw.ike.key-delivery = keymat"));
    assertTrue(e.getMessage().contains("iotgw.ike.key-delivery"), e.getMessage());
  }

  @Test
  void rfc7296Section2_4LivenessChecksEveryMinuteByDefaultOffAtZeroAndNeverSubSecond() {
    assertEquals(Duration.ofSeconds(60), load("").ike().dpdInterval());
    assertEquals(Duration.ZERO, load("iotgw.ike.dpd-interval = 0").ike().dpdInterval());
    assertEquals(Duration.ofSeconds(20), load("iotgw.ike.dpd-interval = 20s").ike().dpdInterval());
    for (String bad : List.of("500ms", "-1s")) {
      ConfigException e = assertThrows(ConfigException.BadValue.class,
          () -> load("iotgw.ike.dpd-interval = " + bad));
      assertTrue(e.getMessage().contains("iotgw.ike.dpd-interval"), e.getMessage());
    }
  }

  @Test
  void ikeSasPerCdAreBoundedAt16ByDefaultAboveTheCookieThreshold() {
    GatewayConfig.Ike ike = load("").ike();
    assertEquals(16, ike.maxSasPerCd());
    assertTrue(ike.maxSasPerCd() > ike.cookieThreshold(),
        "spoofed IKE_SA_INITs must meet the COOKIE gate before they can fill the bound");
    assertEquals(3, load("iotgw.ike.max-sas-per-cd = 3").ike().maxSasPerCd());
    ConfigException e = assertThrows(ConfigException.BadValue.class,
        () -> load("iotgw.ike.max-sas-per-cd = 0"));
    assertTrue(e.getMessage().contains("iotgw.ike.max-sas-per-cd"), e.getMessage());
  }

  @Test
  void rfc7296Section1_3ChildSasPerIkeSaAreBoundedAt4ByDefaultAndAtLeast1() {
    assertEquals(4, load("").ike().maxChildSasPerIkeSa());
    assertEquals(1, load("iotgw.ike.max-child-sas-per-ike-sa = 1").ike().maxChildSasPerIkeSa());
    for (String bad : List.of("0", "-1", "65537")) {
      ConfigException e = assertThrows(ConfigException.BadValue.class,
          () -> load("iotgw.ike.max-child-sas-per-ike-sa = " + bad));
      assertTrue(e.getMessage().contains("iotgw.ike.max-child-sas-per-ike-sa"), e.getMessage());
    }
  }

  @Test
  void readsHexAddressesAndPaths() {
    GatewayConfig c =
        load(
            "iotgw.radio { device = \"tcp:127.0.0.1:9000\", pan-id = \"0x1234\","
                + " extended-address = \"02:11:22:33:44:55:66:77\", short-address = 10 }\n"
                + "iotgw.pcap.radio = \"/tmp/radio.pcap\"");
    assertEquals("tcp:127.0.0.1:9000", c.radio().device());
    assertEquals(0x1234, c.radio().panId());
    assertEquals(0x0211223344556677L, c.radio().extendedAddress());
    assertEquals(10, c.radio().shortAddress());
    assertEquals(Path.of("/tmp/radio.pcap"), c.pcap().radio().orElseThrow());
  }

  @Test
  void badValuesNameTheirKey() {
    assertKey("iotgw.cd-prefix", "iotgw.cd-prefix = \"2001:db8::/48\"");
    assertKey("iotgw.cd-prefix", "iotgw.cd-prefix = \"not-a-prefix\"");
    assertKey("iotgw.radio.channel", "iotgw.radio.channel = 27");
    assertKey("iotgw.radio.pan-id", "iotgw.radio.pan-id = \"0x10000\"");
    assertKey("iotgw.radio.extended-address", "iotgw.radio.extended-address = \"02:00\"");
    assertKey("iotgw.lowpan.reassembly-timeout", "iotgw.lowpan.reassembly-timeout = 61s");
    assertKey("iotgw.network-entry.security-level", "iotgw.network-entry.security-level = 7");
    assertKey("iotgw.network-entry.enforce", "iotgw.network-entry.enforce = maybe");
  }

  private static void assertKey(String key, String overrides) {
    ConfigException e = assertThrows(ConfigException.class, () -> load(overrides));
    assertTrue(e.getMessage().contains(key), e.getMessage());
  }
}

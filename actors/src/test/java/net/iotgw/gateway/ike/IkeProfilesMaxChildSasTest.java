package net.iotgw.gateway.ike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.Profile;
import net.iotgw.protocols.ipv6.Ipv6Prefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code max-child-sas} in a CD's ike block: the CD's own bound on the CHILD_SAs of one IKE SA
 * (RFC 7296 §1.3, NO_ADDITIONAL_SAS beyond it); without it, the gateway's default.
 */
class IkeProfilesMaxChildSasTest {
  private static final Ipv6Prefix PREFIX = Ipv6Prefix.parse("2001:db8:cd::/64").orElseThrow();

  @TempDir Path dir;

  private Path store(String cd1Extra) throws Exception {
    Path store = dir.resolve("devices.conf");
    Files.writeString(store, "devices = [\n"
        + "  { identity = \"cd1@iot.example\", eui64 = \"02:00:00:00:00:00:01:01\",\n"
        + "    ike { id = \"cd1.iot.example\", psk = \"0123456789abcdef0123\","
        + " peers = [ \"ud@example.org\" ]" + cd1Extra + " } }\n"
        + "  { identity = \"cd2@iot.example\", eui64 = \"02:00:00:00:00:00:01:02\",\n"
        + "    ike { id = \"cd2.iot.example\", psk = \"0123456789abcdef0123\","
        + " peers = [ \"ud@example.org\" ] } }\n"
        + "]\n");
    return store;
  }

  private static int bound(Map<Long, EngineConfig> profiles, long eui64) {
    return profiles.get(eui64).profile().maxChildSas();
  }

  @Test
  void aCdsMaxChildSasOverridesTheGatewayDefaultWhichTheOthersTake() throws Exception {
    Map<Long, EngineConfig> profiles = IkeProfiles.load(store(", max-child-sas = 1"), PREFIX,
        false, EngineConfig.KeyDeliveryMode.SKEYSEED, 7);
    assertEquals(1, bound(profiles, 0x0200_0000_0000_0101L));
    assertEquals(7, bound(profiles, 0x0200_0000_0000_0102L));
  }

  @Test
  void withoutAGatewayDefaultTheReferenceOneOf4Applies() throws Exception {
    Map<Long, EngineConfig> profiles = IkeProfiles.load(store(", max-child-sas = 9"), PREFIX,
        false, EngineConfig.KeyDeliveryMode.SKEYSEED);
    assertEquals(9, bound(profiles, 0x0200_0000_0000_0101L));
    assertEquals(4, Profile.DEFAULT_MAX_CHILD_SAS);
    assertEquals(4, bound(profiles, 0x0200_0000_0000_0102L));
  }

  @Test
  void maxChildSasBelowOneOrNotANumberIsRefusedNamingTheEntryAndKey() throws Exception {
    for (String bad : List.of("0", "-2", "\"many\"", "65537")) {
      Path store = store(", max-child-sas = " + bad);
      ConfigException e = assertThrows(ConfigException.BadValue.class, () -> IkeProfiles.load(
          store, PREFIX, false, EngineConfig.KeyDeliveryMode.SKEYSEED, 4));
      assertTrue(e.getMessage().contains("devices[0].ike.max-child-sas"), e.getMessage());
    }
  }
}

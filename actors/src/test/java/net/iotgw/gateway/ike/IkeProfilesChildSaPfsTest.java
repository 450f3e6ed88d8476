package net.iotgw.gateway.ike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ipv6.Ipv6Prefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code child-sa-pfs} in a CD's ike block: a profile that requires PFS for CHILD_SAs made by
 * CREATE_CHILD_SA (RFC 7296 §1.3.1, §2.17); without the key, none is required.
 */
class IkeProfilesChildSaPfsTest {
  private static final Ipv6Prefix PREFIX = Ipv6Prefix.parse("2001:db8:cd::/64").orElseThrow();

  @TempDir Path dir;

  @Test
  void childSaPfsTrueRequiresPfsAndItsAbsenceDoesNot() throws Exception {
    Path store = dir.resolve("devices.conf");
    Files.writeString(store, "devices = [\n"
        + "  { identity = \"cd1@iot.example\", eui64 = \"02:00:00:00:00:00:01:01\",\n"
        + "    ike { id = \"cd1.iot.example\", psk = \"0123456789abcdef0123\","
        + " peers = [ \"ud@example.org\" ], child-sa-pfs = true } }\n"
        + "  { identity = \"cd2@iot.example\", eui64 = \"02:00:00:00:00:00:01:02\",\n"
        + "    ike { id = \"cd2.iot.example\", psk = \"0123456789abcdef0123\","
        + " peers = [ \"ud@example.org\" ] } }\n"
        + "]\n");

    Map<Long, EngineConfig> profiles =
        IkeProfiles.load(store, PREFIX, false, EngineConfig.KeyDeliveryMode.SKEYSEED);

    assertEquals(2, profiles.size());
    assertTrue(profiles.get(0x0200_0000_0000_0101L).profile().childSaPfs());
    assertFalse(profiles.get(0x0200_0000_0000_0102L).profile().childSaPfs());
  }
}

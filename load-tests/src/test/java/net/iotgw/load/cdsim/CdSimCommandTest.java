package net.iotgw.load.cdsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.ipv6.Ipv6Prefix;
import net.iotgw.sim.cd.CdNetwork;
import net.iotgw.sim.cd.CdPopulation;
import net.iotgw.sim.cd.SimulatedCd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** cd-sim's options for network entry, down to the population they make. */
class CdSimCommandTest {
  static final CdNetwork NETWORK =
      new CdNetwork(Ipv6Prefix.of("2001:db8:cd::/64"), 0xabcd, 0x0200_0000_0000_0000L);

  @TempDir Path dir;

  private Path store() throws Exception {
    Path file = dir.resolve("devices.conf");
    Files.writeString(file, """
        devices = [
          { identity = "cd1@iot.example", psk = "000102030405060708090a0b0c0d0e0f",
            eui64 = "02:00:00:00:00:00:01:01" }
          { identity = "cd2@iot.example", psk = "000102030405060708090a0b0c0d0e0f" }
          { identity = "cd3@iot.example", psk = "000102030405060708090a0b0c0d0e0f" }
        ]
        """);
    return file;
  }

  private static CdPopulation population(String... args) {
    CdSimCommand command = new CdSimCommand();
    new CommandLine(command).parseArgs(args);
    return command.population(NETWORK);
  }

  private static boolean forges(SimulatedCd cd) {
    return !cd.send(Ipv6Packets.icmpEchoRequest(cd.address(), cd.address(), 1, 1, new byte[0],
        64)).isEmpty();
  }

  @Test
  void aDeviceStoreGivesOneJoiningCdPerEntryWithItsEui64() throws Exception {
    CdPopulation p = population("--device-store", store().toString(), "--listen", "tcp:0");

    assertEquals(3, p.size());
    assertTrue(p.devices().stream().allMatch(SimulatedCd::joins));
    assertEquals(List.of(0x0200_0000_0000_0101L, 0x0200_0000_0000_0002L, 0x0200_0000_0000_0003L),
        p.devices().stream().map(SimulatedCd::extendedAddress).toList());
    assertFalse(p.devices().stream().anyMatch(CdSimCommandTest::forges));
  }

  @Test
  void devicesTakesTheFirstEntriesAndForgersAreTheLast() throws Exception {
    CdPopulation p = population("--device-store", store().toString(), "--devices", "2",
        "--forgers", "1", "--listen", "tcp:0");

    assertEquals(2, p.size());
    assertFalse(forges(p.devices().get(0)));
    assertTrue(forges(p.devices().get(1)));
  }

  @Test
  void noJoinKeepsTheStoresAddressesWithoutNetworkEntry() throws Exception {
    CdPopulation p = population("--device-store", store().toString(), "--no-join",
        "--listen", "tcp:0");

    assertEquals(0x0200_0000_0000_0101L, p.devices().get(0).extendedAddress());
    assertFalse(p.devices().stream().anyMatch(SimulatedCd::joins));
  }

  @Test
  void withoutAStoreCdsDoNotJoin() {
    CdPopulation p = population("--devices", "4", "--listen", "tcp:0");

    assertEquals(4, p.size());
    assertFalse(p.devices().stream().anyMatch(SimulatedCd::joins));
  }

  @Test
  void inconsistentOptionsAreRefused() throws Exception {
    String file = store().toString();
    for (String[] args : List.of(
        new String[] {"--devices", "2", "--join", "--listen", "tcp:0"},
        new String[] {"--listen", "tcp:0"},
        new String[] {"--device-store", file, "--devices", "4", "--listen", "tcp:0"},
        new String[] {"--device-store", file, "--security-level", "7", "--listen", "tcp:0"},
        new String[] {"--device-store", file, "--forgers", "4", "--listen", "tcp:0"},
        new String[] {"--device-store", dir.resolve("absent").toString(), "--listen", "tcp:0"})) {
      assertThrows(CommandLine.ParameterException.class, () -> population(args),
          String.join(" ", args));
    }
  }

  private static CdSimInitiations initiations(String... args) {
    CdSimCommand command = new CdSimCommand();
    new CommandLine(command).parseArgs(args);
    return command.initiations(command.population(NETWORK));
  }

  @Test
  void initiateOptionsMakeOneRequestPerIdentityFromTheNamedCd() throws Exception {
    String file = store().toString();
    CdSimInitiations i = initiations("--device-store", file, "--listen", "tcp:0",
        "--initiate-to", "2001:db8:1::a", "--initiate-id", "intruder@example.org",
        "--initiate-id", "ud.example.org", "--initiate-cd", "1", "--pings", "5");
    assertEquals(new CdSimInitiations(1,
        net.iotgw.protocols.ipv6.Ipv6Address.parse("2001:db8:1::a").orElseThrow(), 500,
        net.iotgw.protocols.ike.engine.ChildSa.Mode.TUNNEL, List.of(
            java.util.Optional.of(net.iotgw.protocols.ike.engine.Identity.rfc822(
                "intruder@example.org")),
            java.util.Optional.of(net.iotgw.protocols.ike.engine.Identity.fqdn(
                "ud.example.org"))), 5), i);
    CdSimInitiations anonymous = initiations("--device-store", file, "--listen", "tcp:0",
        "--initiate-to", "2001:db8:1::a", "--initiate-mode", "TRANSPORT");
    assertEquals(List.of(java.util.Optional.empty()), anonymous.ids());
    assertEquals(net.iotgw.protocols.ike.engine.ChildSa.Mode.TRANSPORT, anonymous.mode());
    assertEquals(null, initiations("--device-store", file, "--listen", "tcp:0"));
  }

  @Test
  void inconsistentInitiateOptionsAreRefused() throws Exception {
    String file = store().toString();
    for (String[] args : List.of(
        new String[] {"--device-store", file, "--listen", "tcp:0", "--initiate-id", "a@b"},
        new String[] {"--device-store", file, "--listen", "tcp:0", "--initiate-to", "ud"},
        new String[] {"--device-store", file, "--listen", "tcp:0", "--initiate-to",
            "2001:db8:1::a", "--initiate-cd", "3"},
        new String[] {"--device-store", file, "--no-join", "--listen", "tcp:0",
            "--initiate-to", "2001:db8:1::a"},
        new String[] {"--device-store", file, "--listen", "tcp:0", "--initiate-to",
            "2001:db8:1::a", "--initiate-port", "0"})) {
      assertThrows(CommandLine.ParameterException.class, () -> initiations(args),
          String.join(" ", args));
    }
  }
}

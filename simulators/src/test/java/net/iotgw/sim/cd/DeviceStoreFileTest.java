package net.iotgw.sim.cd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceStoreFileTest {
  private static final String PSK1 = "000102030405060708090a0b0c0d0e0f";
  private static final String STORE = """
      devices = [
        { identity = "cd1@iot.example", psk = "%s", eui64 = "02:00:00:00:00:00:01:01" }
        { identity = "cd2@iot.example", psk = "F0E1D2C3B4A5968778695A4B3C2D1E0F" }
      ]
      """.formatted(PSK1);

  @Test
  void readsTheContractsFormatInOrderWithTheEui64WhenGiven() {
    List<CdCredentials> entries = DeviceStoreFile.parse(STORE);

    assertEquals(2, entries.size());
    assertEquals("cd1@iot.example", entries.get(0).identity());
    assertArrayEquals(HexFormat.of().parseHex(PSK1), entries.get(0).psk().key());
    assertEquals(OptionalLong.of(0x0200_0000_0000_0101L), entries.get(0).eui64());
    assertEquals("cd2@iot.example", entries.get(1).identity());
    assertArrayEquals(HexFormat.of().parseHex("f0e1d2c3b4a5968778695a4b3c2d1e0f"),
        entries.get(1).psk().key());
    assertEquals(OptionalLong.empty(), entries.get(1).eui64());
  }

  @Test
  void readsAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("devices.conf");
    Files.writeString(file, STORE);

    assertEquals(2, DeviceStoreFile.read(file).size());
    assertThrows(IllegalArgumentException.class,
        () -> DeviceStoreFile.read(dir.resolve("absent.conf")));
  }

  @Test
  void neitherToStringNorErrorsShowAPsk() {
    CdCredentials c = DeviceStoreFile.parse(STORE).get(0);
    assertFalse(c.toString().contains(PSK1), c.toString());
    assertTrue(c.toString().contains("redacted"), c.toString());

    String shortKey = "0001020304050607080900";
    String notHex = "zz0102030405060708090a0b0c0d0e0f";
    for (String bad : List.of(shortKey, notHex)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> DeviceStoreFile.parse("devices = [{ identity = a, psk = \"" + bad + "\" }]"));
      assertFalse(e.getMessage().contains(bad), e.getMessage());
      assertTrue(e.getMessage().contains("devices[0]"), e.getMessage());
    }
    IllegalArgumentException syntax = assertThrows(IllegalArgumentException.class,
        () -> DeviceStoreFile.parse("devices = [{ identity = a, psk = " + PSK1 + " ]"));
    assertFalse(syntax.getMessage().contains(PSK1), syntax.getMessage());
  }

  @Test
  void destroyZeroesThePsk() {
    CdCredentials c = DeviceStoreFile.parse(STORE).get(0);

    c.destroy();

    assertArrayEquals(new byte[16], c.psk().key());
  }

  @Test
  void refusesMissingFieldsBadEui64AndRepeatedIdentities() {
    assertThrows(IllegalArgumentException.class, () -> DeviceStoreFile.parse("other = 1"));
    assertThrows(IllegalArgumentException.class,
        () -> DeviceStoreFile.parse("devices = [{ psk = \"" + PSK1 + "\" }]"));
    assertThrows(IllegalArgumentException.class, () -> DeviceStoreFile.parse(
        "devices = [{ identity = a, psk = \"" + PSK1 + "\", eui64 = \"02:00\" }]"));
    assertThrows(IllegalArgumentException.class, () -> DeviceStoreFile.parse(
        "devices = [{ identity = a, psk = \"" + PSK1 + "\" }, { identity = a, psk = \""
            + PSK1 + "\" }]"));
  }
}

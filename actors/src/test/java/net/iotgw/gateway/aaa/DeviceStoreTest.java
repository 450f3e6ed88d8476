package net.iotgw.gateway.aaa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceStoreTest {

  private static DeviceStore parse(String text) {
    return DeviceStore.parse(ConfigFactory.parseString(text));
  }

  private static byte[] id(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theExampleFileLoadsWithItsBindings() {
    try (DeviceStore store = DeviceStore.load(Path.of("../config/devices.conf"))) {
      assertEquals(3, store.size());
      DeviceStore.Device cd1 = store.find(id("cd1@iot.example")).orElseThrow();
      assertArrayEquals(
          HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"), cd1.psk().key());
      assertEquals(OptionalLong.of(0x0200000000000101L), cd1.eui64());
      assertEquals(
          OptionalLong.empty(), store.find(id("sensor@iot.example")).orElseThrow().eui64());
      assertTrue(store.find(id("CD1@iot.example")).isEmpty());
    }
  }

  @Test
  void keysAreNeitherPrintedAndAreZeroedOnClose() {
    DeviceStore store =
        parse("devices = [ { identity = a, psk = \"00112233445566778899aabbccddeeff\" } ]");
    DeviceStore.Device d = store.find(id("a")).orElseThrow();
    assertFalse(d.toString().contains("00112233"), d.toString());
    assertEquals("Device[a, PSK redacted]", d.toString());
    store.close();
    assertArrayEquals(new byte[16], d.psk().key());
  }

  @Test
  void badEntriesNameTheEntryAndKeyButNotThePsk() {
    assertKey("devices[0].psk", "devices = [ { identity = a, psk = \"0011\" } ]", "0011");
    assertKey(
        "devices[1].identity",
        "devices = [ { identity = a, psk = \"00112233445566778899aabbccddeeff\" },"
            + " { identity = a, psk = \"ffeeddccbbaa99887766554433221100\" } ]",
        "ffeedd");
    assertKey(
        "devices[0].eui64",
        "devices = [ { identity = a, psk = \"00112233445566778899aabbccddeeff\","
            + " eui64 = \"02:00:00:00:00:01\" } ]",
        "00112233");
    assertKey(
        "devices[0].eui-64",
        "devices = [ { identity = a, psk = \"00112233445566778899aabbccddeeff\","
            + " eui-64 = \"02:00:00:00:00:00:00:01\" } ]",
        "00112233");
    assertKey("devices[0].identity", "devices = [ { identity = \"\", psk = \"00\" } ]", "psk");
  }

  @Test
  void aMissingFileIsAConfigError(@TempDir Path dir) {
    assertThrows(ConfigException.class, () -> DeviceStore.load(dir.resolve("absent.conf")));
  }

  @Test
  void substitutionsInTheFileAreResolved(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("devices.conf");
    Files.writeString(
        file,
        "key = \"00112233445566778899aabbccddeeff\"\n"
            + "devices = [ { identity = a, psk = ${key} }, { identity = b, psk = ${key} } ]\n");
    try (DeviceStore store = DeviceStore.load(file)) {
      assertEquals(2, store.size());
    }
  }

  private static void assertKey(String key, String text, String secret) {
    ConfigException e = assertThrows(ConfigException.class, () -> parse(text));
    assertTrue(e.getMessage().contains(key), e.getMessage());
    assertFalse(e.getMessage().contains(secret), e.getMessage());
  }
}

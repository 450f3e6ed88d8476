package net.iotgw.gateway.aaa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AaaConfigTest {

  private static AaaConfig load(String overrides) {
    Config config =
        ConfigFactory.parseString(overrides).withFallback(ConfigFactory.defaultReference());
    return AaaConfig.from(config.resolve());
  }

  private static final String RADIUS =
      "iotgw.aaa { mode = radius, radius.servers = ["
          + " { address = \"[::1]:18120\", secret = \"s3cret\" },"
          + " { address = \"192.0.2.7:1812\", secret = \"other\" } ] }\n";

  @Test
  void referenceDefaultsAreTheEmbeddedAuthenticator() {
    AaaConfig c = load("");
    assertEquals(
        new AaaConfig.Embedded("iotgw", Path.of("config/devices.conf"), 10_000), c.backend());
    assertEquals(Duration.ofSeconds(60), c.idleTimeout());
  }

  @Test
  void theExampleGatewayConfUsesTheEmbeddedAuthenticatorOverTheExampleStore() {
    Config file = ConfigFactory.parseFile(Path.of("../config/gateway.conf").toFile());
    AaaConfig c = AaaConfig.from(file.withFallback(ConfigFactory.defaultReference()).resolve());
    AaaConfig.Embedded e = assertInstanceOf(AaaConfig.Embedded.class, c.backend());
    // Relative to the repository root, where the gateway is started.
    assertEquals(Path.of("config/devices.conf"), e.deviceStore());
    assertTrue(Path.of("..").resolve(e.deviceStore()).toFile().isFile());
  }

  @Test
  void readsRadiusServersInOrderWithTheirSecrets() throws Exception {
    AaaConfig.Radius r = assertInstanceOf(AaaConfig.Radius.class, load(RADIUS).backend());
    assertEquals(2, r.servers().size());
    AaaConfig.Server first = r.servers().get(0);
    assertEquals("[::1]:18120", first.address());
    assertEquals(new InetSocketAddress(InetAddress.getByName("::1"), 18120), first.socketAddress());
    assertArrayEquals("s3cret".getBytes(StandardCharsets.UTF_8), first.secret());
    assertEquals(
        new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 1812),
        r.servers().get(1).socketAddress());
    assertEquals(4, r.sockets());
    assertEquals(Duration.ofSeconds(1), r.timeout());
    assertEquals(3, r.attempts());
    assertEquals("iotgw", r.nasIdentifier());
    assertEquals(10_000, r.maxSessions());
    assertEquals(Duration.ofSeconds(30), r.deadTime());
  }

  @Test
  void secretsAreNotPrinted() {
    String text = load(RADIUS).toString();
    assertFalse(text.contains("s3cret"), text);
    assertTrue(text.contains("[::1]:18120, secret redacted"), text);
  }

  @Test
  void badValuesNameTheirKey() {
    assertKey("iotgw.aaa.mode", "iotgw.aaa.mode = ldap");
    assertKey("iotgw.aaa.idle-timeout", "iotgw.aaa.idle-timeout = 2h");
    assertKey("iotgw.aaa.embedded.server-id", "iotgw.aaa.embedded.server-id = \"\"");
    assertKey("iotgw.aaa.embedded.max-sessions", "iotgw.aaa.embedded.max-sessions = 0");
    // The default secret is empty: radius mode needs one.
    assertKey("iotgw.aaa.radius.servers[0].secret", "iotgw.aaa.mode = radius");
    assertKey("iotgw.aaa.radius.servers", RADIUS + "iotgw.aaa.radius.servers = []");
    assertKey(
        "iotgw.aaa.radius.servers[0].address",
        RADIUS
            + "iotgw.aaa.radius.servers = [ { address = \"radius.example:1812\", secret = x } ]");
    assertKey(
        "iotgw.aaa.radius.servers[0].address",
        RADIUS + "iotgw.aaa.radius.servers = [ { address = \"[::1]\", secret = x } ]");
    assertKey(
        "iotgw.aaa.radius.servers[0].address",
        RADIUS + "iotgw.aaa.radius.servers = [ { address = \"256.0.0.1:1812\", secret = x } ]");
    assertKey(
        "iotgw.aaa.radius.servers[0].address",
        RADIUS + "iotgw.aaa.radius.servers = [ { address = \"[::1]:0\", secret = x } ]");
    assertKey(
        "iotgw.aaa.radius.servers[1].address",
        RADIUS
            + "iotgw.aaa.radius.servers = [ { address = \"[::1]:1812\", secret = x },"
            + " { address = \"[0::1]:1812\", secret = y } ]");
    assertKey("iotgw.aaa.radius.sockets", RADIUS + "iotgw.aaa.radius.sockets = 0");
    assertKey("iotgw.aaa.radius.timeout", RADIUS + "iotgw.aaa.radius.timeout = 10ms");
    assertKey("iotgw.aaa.radius.attempts", RADIUS + "iotgw.aaa.radius.attempts = 11");
    assertKey("iotgw.aaa.radius.nas-identifier", RADIUS + "iotgw.aaa.radius.nas-identifier = \"\"");
    assertKey("iotgw.aaa.radius.max-sessions", RADIUS + "iotgw.aaa.radius.max-sessions = -1");
  }

  @Test
  void anEmbeddedConfigDoesNotReadTheRadiusSection() {
    assertInstanceOf(AaaConfig.Embedded.class, load("iotgw.aaa.radius.sockets = 0").backend());
  }

  private static void assertKey(String key, String overrides) {
    ConfigException e = assertThrows(ConfigException.class, () -> load(overrides));
    assertTrue(e.getMessage().contains(key), e.getMessage());
  }
}

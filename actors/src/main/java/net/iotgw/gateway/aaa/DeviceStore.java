package net.iotgw.gateway.aaa;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import net.iotgw.protocols.eap.psk.Psk;

/**
 * The devices the embedded authenticator knows, from the HOCON file the simulators read too
 * (contract-netentry.md):
 *
 * <pre>
 * devices = [
 *   { identity = "cd1@iot.example", psk = "000102030405060708090a0b0c0d0e0f",
 *     eui64 = "02:00:00:00:00:00:01:01" }
 * ]
 * </pre>
 *
 * {@code identity} is the EAP-PSK ID_P (RFC 4764 §5.2), {@code psk} its 16-octet key in hex, {@code
 * eui64} (optional) the only CD allowed to present that identity. The keys live in {@link Psk}
 * objects that {@link #close()} zeroes; nothing here prints or logs them, and load errors name the
 * entry and key, never the value.
 */
public final class DeviceStore implements AutoCloseable {

  /** One device. {@code toString} shows no key. */
  public record Device(String identity, Psk psk, OptionalLong eui64) {
    @Override
    public String toString() {
      return "Device["
          + identity
          + ", PSK redacted"
          + (eui64.isPresent() ? ", " + Eui64Text.colons(eui64.getAsLong()) : "")
          + "]";
    }
  }

  /** {@code ike}: the CD's IKE profile, read by {@link net.iotgw.gateway.ike.IkeProfiles}. */
  private static final Set<String> KEYS = Set.of("identity", "psk", "eui64", "ike");

  private final Map<ByteBuffer, Device> byIdentity;

  private DeviceStore(Map<ByteBuffer, Device> byIdentity) {
    this.byIdentity = byIdentity;
  }

  /**
   * @throws ConfigException naming the file, the entry and the key at fault
   */
  public static DeviceStore load(Path file) {
    Config config =
        ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
            .resolve();
    return parse(config);
  }

  /**
   * @throws ConfigException naming the entry and the key at fault
   */
  public static DeviceStore parse(Config config) {
    List<? extends Config> entries = config.getConfigList("devices");
    Map<ByteBuffer, Device> byIdentity = new HashMap<>();
    try {
      for (int i = 0; i < entries.size(); i++) {
        Device d = device(entries.get(i), "devices[" + i + "].");
        ByteBuffer key = ByteBuffer.wrap(d.identity().getBytes(StandardCharsets.UTF_8));
        if (byIdentity.putIfAbsent(key, d) != null) {
          d.psk().destroy();
          throw new ConfigException.BadValue(
              entries.get(i).origin(), "devices[" + i + "].identity", "listed twice");
        }
      }
    } catch (RuntimeException e) {
      byIdentity.values().forEach(d -> d.psk().destroy());
      throw e;
    }
    return new DeviceStore(byIdentity);
  }

  private static Device device(Config entry, String prefix) {
    Set<String> unknown = new TreeSet<>(entry.root().keySet());
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      throw new ConfigException.BadValue(
          entry.origin(), prefix + unknown.iterator().next(), "unknown key; expected " + KEYS);
    }
    String identity = entry.getString("identity");
    int octets = identity.getBytes(StandardCharsets.UTF_8).length;
    if (octets < 1 || octets > 253) {
      throw new ConfigException.BadValue(
          entry.origin(), prefix + "identity", "must be 1..253 octets, not " + octets);
    }
    String hex = entry.getString("psk").trim();
    if (!hex.matches("[0-9a-fA-F]{" + 2 * Psk.LENGTH + "}")) {
      throw new ConfigException.BadValue(
          entry.origin(),
          prefix + "psk",
          "must be " + 2 * Psk.LENGTH + " hex digits (RFC 4764 §3.1: 16 octets)");
    }
    OptionalLong eui64 = OptionalLong.empty();
    if (entry.hasPath("eui64")) {
      String text = entry.getString("eui64");
      eui64 = Eui64Text.parse(text);
      if (eui64.isEmpty()) {
        throw new ConfigException.BadValue(
            entry.origin(),
            prefix + "eui64",
            "an EUI-64 is 8 hex octets like 02:00:00:00:00:00:01:01, not " + text);
      }
    }
    byte[] key = java.util.HexFormat.of().parseHex(hex);
    try {
      return new Device(identity, new Psk(key), eui64);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** The device whose identity is exactly these octets (ID_P as received). */
  public Optional<Device> find(byte[] identity) {
    return Optional.ofNullable(byIdentity.get(ByteBuffer.wrap(identity)));
  }

  public int size() {
    return byIdentity.size();
  }

  /** Zeroes every PSK; lookups still find the devices but their keys are gone. */
  @Override
  public void close() {
    byIdentity.values().forEach(d -> d.psk().destroy());
  }

  @Override
  public String toString() {
    return "DeviceStore[" + byIdentity.size() + " devices]";
  }
}

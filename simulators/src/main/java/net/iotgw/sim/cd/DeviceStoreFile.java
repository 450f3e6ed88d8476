package net.iotgw.sim.cd;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The device store in HOCON, the file the gateway's embedded authenticator and the simulators
 * share (see the network-entry contract):
 *
 * <pre>
 * devices = [
 *   { identity = "cd1@iot.example", psk = "000102030405060708090a0b0c0d0e0f",
 *     eui64 = "02:00:00:00:00:00:01:01" }
 * ]
 * </pre>
 *
 * {@code psk} is 32 hex digits (EAP-PSK keys are 16 octets, RFC 4764 §3.1); {@code eui64} is
 * optional. Errors name the entry and the field, never a key's value.
 */
public final class DeviceStoreFile {
  private DeviceStoreFile() {}

  /**
   * The entries of the file, in order.
   *
   * @throws IllegalArgumentException if the file is missing, not HOCON, or an entry is invalid
   */
  public static List<CdCredentials> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("device store " + file + ": no such file");
    }
    return entries(load(() -> ConfigFactory.parseFile(file.toFile(), options())), file.toString());
  }

  /** The entries of HOCON text, in order; as {@link #read}. */
  public static List<CdCredentials> parse(String hocon) {
    return entries(load(() -> ConfigFactory.parseString(hocon, options())), "device store");
  }

  private static ConfigParseOptions options() {
    return ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false);
  }

  private interface Loader {
    Config load();
  }

  private static Config load(Loader loader) {
    try {
      return loader.load().resolve();
    } catch (ConfigException e) {
      // Only where: a parser's message quotes the text around the error, which may be a key.
      String origin = e.origin() == null ? "device store" : e.origin().description();
      throw new IllegalArgumentException(origin + ": not valid HOCON");
    }
  }

  private static List<CdCredentials> entries(Config root, String where) {
    List<? extends Config> devices;
    try {
      devices = root.getConfigList("devices");
    } catch (ConfigException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
    List<CdCredentials> out = new ArrayList<>(devices.size());
    Set<String> identities = new HashSet<>();
    for (int i = 0; i < devices.size(); i++) {
      String entry = where + ", devices[" + i + "]";
      CdCredentials c = entry(devices.get(i), entry);
      if (!identities.add(c.identity())) {
        throw new IllegalArgumentException(entry + ": identity " + c.identity() + " repeated");
      }
      out.add(c);
    }
    return List.copyOf(out);
  }

  private static CdCredentials entry(Config c, String entry) {
    String identity = string(c, "identity", entry);
    String pskHex = string(c, "psk", entry);
    OptionalLong eui64 = OptionalLong.empty();
    if (c.hasPath("eui64")) {
      try {
        eui64 = OptionalLong.of(CdNetwork.parseEui64(string(c, "eui64", entry)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(entry + ": eui64: " + e.getMessage(), e);
      }
    }
    byte[] psk = pskOctets(pskHex, entry);
    try {
      return new CdCredentials(identity, psk, eui64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(entry + ": " + e.getMessage(), e);
    } finally {
      Arrays.fill(psk, (byte) 0);
    }
  }

  private static String string(Config c, String path, String entry) {
    try {
      return c.getString(path);
    } catch (ConfigException e) {
      // The message names the field and line, not its value.
      throw new IllegalArgumentException(entry + ": " + path + " missing or not a string", e);
    }
  }

  /** 32 hex digits; the error says what is wrong with it without repeating it. */
  private static byte[] pskOctets(String hex, String entry) {
    if (hex.length() != 32) {
      throw new IllegalArgumentException(
          entry + ": psk must be 32 hex digits (16 octets), got " + hex.length() + " characters");
    }
    byte[] out = new byte[16];
    for (int i = 0; i < 16; i++) {
      int hi = Character.digit(hex.charAt(2 * i), 16);
      int lo = Character.digit(hex.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        Arrays.fill(out, (byte) 0);
        throw new IllegalArgumentException(entry + ": psk must be hex digits only");
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    return out;
  }
}

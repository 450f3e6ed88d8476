package net.iotgw.gateway.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import net.iotgw.protocols.ieee802154.SecurityLevel;
import net.iotgw.gateway.aaa.AaaConfig;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ipv6.Ipv6Prefix;

/**
 * The gateway's settings, read once from the {@code iotgw} section of a HOCON config (defaults in
 * the actors module's reference.conf). Every value is checked here, so a typo fails at start-up
 * with the key's name, not later inside a stream.
 */
public record GatewayConfig(
    Ipv6Prefix cdPrefix,
    Ucn ucn,
    Radio radio,
    Lowpan lowpan,
    Pcap pcap,
    Enforcement enforcement,
    NetworkEntryConfig networkEntry,
    AaaConfig aaa,
    Ike ike) {

  /**
   * IKE on behalf of the CDs ({@code iotgw.ike}).
   *
   * @param deviceStore where the CDs' IKE profiles are (their entries' {@code ike} blocks)
   * @param cookieThreshold half-open IKE SAs of one CD beyond which a COOKIE is demanded
   * @param debugKeys log every IKE SA's keys for Wireshark: test runs only
   * @param cookieSecretLifetime how often the COOKIE secret is replaced (RFC 7296 §2.6)
   * @param keyDelivery what a CD is sent to derive its ESP keys: the paper's SKEYSEED, or SK_d
   *     only (least privilege: the CD cannot derive the IKE SA's own keys, and saves a prf+)
   * @param dpdInterval how long a peer may send nothing authentic before its IKE SA checks it is
   *     alive (RFC 7296 §2.4); zero: never
   * @param maxSasPerCd the most IKE SAs held for one CD, half-open ones included; an IKE_SA_INIT
   *     beyond it is not answered
   * @param maxChildSasPerIkeSa the most CHILD_SAs one IKE SA holds for a CD whose device-store
   *     entry sets no {@code max-child-sas}; one more is refused NO_ADDITIONAL_SAS (RFC 7296 §1.3)
   */
  public record Ike(
      Path deviceStore, int cookieThreshold, boolean debugKeys,
      EngineConfig.KeyDeliveryMode keyDelivery, Duration cookieSecretLifetime,
      Duration dpdInterval, int maxSasPerCd, int maxChildSasPerIkeSa) {}

  /** The unconstrained side: a TUN device. */
  public record Ucn(String tun, int mtu) {}

  /**
   * The radio dongle and the gateway's 802.15.4 identity.
   *
   * @param device a serial device path, {@code tcp:HOST:PORT}, or {@code mem:NAME} (a dongle
   *     emulator plugged into this JVM: in-process rigs only)
   */
  public record Radio(
      String device, int baudRate, int channel, int panId, long extendedAddress, int shortAddress) {}

  /** Bounds on 6LoWPAN reassembly (RFC 4944 §5.3). */
  public record Lowpan(int maxReassemblies, int maxReassemblyBytes, Duration reassemblyTimeout) {}

  /** Optional captures of either side. */
  public record Pcap(Optional<Path> radio, Optional<Path> ucn) {}

  /**
   * The radio as the network-entry enforcement point ({@code iotgw.network-entry}).
   *
   * @param enforce {@code enforce = on} (the default): only PANA passes in clear, everything else
   *     only secured with an admitted CD's key; {@code off}: no link security at all, for CDs that
   *     cannot secure (a warning is logged at start)
   * @param securityLevel 802.15.4 security level of secured frames: 6 (ENC-MIC-64) or 5
   */
  public record Enforcement(boolean enforce, SecurityLevel securityLevel) {}

  /**
   * Pekko settings the gateway needs other than Pekko's own defaults, below a deployment's file
   * and above Pekko's reference.conf (not in our reference.conf: the fat jar appends every
   * module's reference.conf, and which of two values for one key wins would depend on the order).
   *
   * <p>The default dispatcher (Devices, Device, EAP sessions, the streams' stages) gets one thread
   * per core, at least two, instead of Pekko's eight at least: its actors never block (the
   * blocking reads and the crypto have dispatchers of their own), so threads beyond the cores
   * only add hand-offs. Benchmark 1's gateway on the 2-core machine, alternating runs (issue 6):
   * 2,308 and 2,265 SAs/s at 0.57 and 0.56 ms of CPU per SA with eight threads; 2,925 and 3,395
   * SAs/s at 0.37 and 0.32 ms with two.
   */
  public static final Config PEKKO_DEFAULTS = ConfigFactory.parseString(
      "pekko.actor.default-dispatcher.fork-join-executor.parallelism-min = 2");

  /** {@code config} (a deployment's file, a rig's settings) over {@link #PEKKO_DEFAULTS}, loaded. */
  public static Config load(Config config) {
    return ConfigFactory.load(config.withFallback(PEKKO_DEFAULTS));
  }

  /**
   * @throws ConfigException.BadValue or another {@link ConfigException} naming the bad key
   */
  public static GatewayConfig from(Config root) {
    Config c = root.getConfig("iotgw");
    String prefixText = c.getString("cd-prefix");
    Ipv6Prefix prefix =
        Ipv6Prefix.parse(prefixText)
            .orElseThrow(() -> bad(c, "cd-prefix", "not an IPv6 prefix: " + prefixText));
    if (prefix.length() != 64) {
      throw bad(c, "cd-prefix", "the CD prefix must be a /64 (RFC 4944 §6), not /" + prefix.length());
    }
    Ucn ucn = new Ucn(c.getString("ucn.tun"), range(c, "ucn.mtu", 1280, 65535));
    Radio radio =
        new Radio(
            c.getString("radio.device"),
            range(c, "radio.baud-rate", 1, 4_000_000),
            range(c, "radio.channel", 11, 26),
            (int) number(c, "radio.pan-id", 0xffff),
            eui64(c, "radio.extended-address"),
            (int) number(c, "radio.short-address", 0xffff));
    Lowpan lowpan =
        new Lowpan(
            range(c, "lowpan.max-reassemblies", 1, 100_000),
            range(c, "lowpan.max-reassembly-bytes", 2048, 1 << 30),
            c.getDuration("lowpan.reassembly-timeout"));
    if (lowpan.reassemblyTimeout().isNegative() || lowpan.reassemblyTimeout().toSeconds() > 60) {
      throw bad(c, "lowpan.reassembly-timeout", "must be at most 60 s (RFC 4944 §5.3)");
    }
    Pcap pcap = new Pcap(optionalPath(c, "pcap.radio"), optionalPath(c, "pcap.ucn"));
    int level = range(c, "network-entry.security-level", 5, 6);
    Enforcement enforcement =
        new Enforcement(
            flag(c, "network-entry.enforce"),
            level == 5 ? SecurityLevel.ENC_MIC_32 : SecurityLevel.ENC_MIC_64);
    return new GatewayConfig(
        prefix, ucn, radio, lowpan, pcap, enforcement, NetworkEntryConfig.from(c),
        AaaConfig.from(root),
        new Ike(Path.of(c.getString("ike.device-store")),
            range(c, "ike.cookie-threshold", 0, 1 << 20), c.getBoolean("ike.debug-keys"),
            keyDelivery(c), c.getDuration("ike.cookie-secret-lifetime"), dpdInterval(c),
            range(c, "ike.max-sas-per-cd", 1, 1 << 16),
            range(c, "ike.max-child-sas-per-ike-sa", 1, 1 << 16)));
  }

  private static Duration dpdInterval(Config c) {
    Duration d = c.getDuration("ike.dpd-interval");
    if (d.isNegative() || (!d.isZero() && d.toMillis() < 1000)) {
      throw bad(c, "ike.dpd-interval", "0 (off) or at least 1 s, not " + d);
    }
    return d;
  }

  private static EngineConfig.KeyDeliveryMode keyDelivery(Config c) {
    String text = c.getString("ike.key-delivery").trim().toLowerCase();
    return switch (text) {
      case "skeyseed" -> EngineConfig.KeyDeliveryMode.SKEYSEED;
      case "sk-d" -> EngineConfig.KeyDeliveryMode.SK_D;
      default -> throw bad(c, "ike.key-delivery", "skeyseed or sk-d, not " + text);
    };
  }

  private static int range(Config c, String key, int min, int max) {
    int v = c.getInt(key);
    if (v < min || v > max) {
      throw bad(c, key, v + " is outside " + min + ".." + max);
    }
    return v;
  }

  /** on/off, true/false, yes/no (HOCON booleans). */
  private static boolean flag(Config c, String key) {
    try {
      return c.getBoolean(key);
    } catch (ConfigException.WrongType e) {
      throw bad(c, key, "on or off, not " + c.getValue(key).render());
    }
  }

  /** A number written as decimal or 0x-hex (PAN IDs and short addresses are read in hex). */
  private static long number(Config c, String key, long max) {
    String text = c.getString(key).trim().toLowerCase();
    try {
      long v = text.startsWith("0x") ? Long.parseLong(text.substring(2), 16) : Long.parseLong(text);
      if (v < 0 || v > max) {
        throw bad(c, key, text + " is outside 0..0x" + Long.toHexString(max));
      }
      return v;
    } catch (NumberFormatException e) {
      throw bad(c, key, "not a number: " + text);
    }
  }

  /** An EUI-64 written as eight colon-separated hex octets, most significant first. */
  private static long eui64(Config c, String key) {
    String text = c.getString(key).trim();
    String[] octets = text.split(":");
    if (octets.length != 8) {
      throw bad(c, key, "an EUI-64 is 8 octets like 02:00:00:00:00:00:00:01, not " + text);
    }
    long v = 0;
    for (String octet : octets) {
      if (!octet.matches("[0-9a-fA-F]{2}")) {
        throw bad(c, key, "not a hex octet: " + octet);
      }
      v = (v << 8) | Integer.parseInt(octet, 16);
    }
    return v;
  }

  private static Optional<Path> optionalPath(Config c, String key) {
    String text = c.getString(key).trim();
    return text.isEmpty() ? Optional.empty() : Optional.of(Path.of(text));
  }

  private static ConfigException bad(Config c, String key, String why) {
    return new ConfigException.BadValue(c.origin(), "iotgw." + key, why);
  }
}

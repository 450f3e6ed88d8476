package net.iotgw.gateway.aaa;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AAA's settings, the {@code iotgw.aaa} section (defaults and comments in the actors module's
 * reference.conf). Only the section of the selected mode is read and checked, so a deployment with
 * the embedded authenticator needs no RADIUS secret. Errors name the key.
 *
 * @param idleTimeout how long a session's state outlives its last Relay
 */
public record AaaConfig(Backend backend, Duration idleTimeout) {

  /** {@code mode}: which authenticator answers. */
  public sealed interface Backend {
    /** The bound on sessions in progress; beyond it a new session is Unavailable. */
    int maxSessions();
  }

  /**
   * The embedded EAP-PSK server.
   *
   * @param serverId ID_S of RFC 4764 §5.1, sent in message 1
   * @param deviceStore the HOCON device store (format in {@link DeviceStore})
   */
  public record Embedded(String serverId, Path deviceStore, int maxSessions) implements Backend {}

  /**
   * A RADIUS client.
   *
   * @param servers in preference order: fail-over goes down the list
   * @param sockets source sockets; each carries 256 requests in flight per server (RFC 2865 §3)
   * @param timeout the wait for an answer to one transmission
   * @param attempts transmissions to one server (the first and its retransmissions) before failing
   *     over to the next
   * @param deadTime how long a server that failed a request is tried only after the others
   */
  public record Radius(
      List<Server> servers,
      int sockets,
      Duration timeout,
      int attempts,
      String nasIdentifier,
      int maxSessions,
      Duration deadTime)
      implements Backend {
    public Radius {
      servers = List.copyOf(servers);
    }
  }

  /**
   * One RADIUS server.
   *
   * @param address as configured, {@code [::1]:1812} or {@code 192.0.2.1:1812}: for logs
   * @param secret the shared secret (RFC 2865 §3); {@link #secret()} returns a copy
   */
  public record Server(String address, InetSocketAddress socketAddress, byte[] secret) {
    public Server {
      secret = secret.clone();
    }

    @Override
    public byte[] secret() {
      return secret.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Server s
          && s.socketAddress.equals(socketAddress)
          && java.util.Arrays.equals(s.secret, secret);
    }

    @Override
    public int hashCode() {
      return socketAddress.hashCode();
    }

    @Override
    public String toString() {
      return "Server[" + address + ", secret redacted]";
    }
  }

  private static final Pattern IPV6 = Pattern.compile("\\[([0-9A-Fa-f:.]+)\\]:(\\d{1,5})");
  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3}):(\\d{1,5})");

  /**
   * @throws ConfigException naming the bad key
   */
  public static AaaConfig from(Config root) {
    Config c = root.getConfig("iotgw.aaa");
    Duration idle = duration(c, "idle-timeout", Duration.ofSeconds(1), Duration.ofHours(1));
    String mode = c.getString("mode");
    return switch (mode) {
      case "embedded" -> new AaaConfig(embedded(c), idle);
      case "radius" -> new AaaConfig(radius(c), idle);
      default -> throw bad(c.origin(), "mode", "must be embedded or radius, not " + mode);
    };
  }

  private static Embedded embedded(Config c) {
    String serverId = text(c, "embedded.server-id");
    String store = c.getString("embedded.device-store").trim();
    if (store.isEmpty()) {
      throw bad(c.origin(), "embedded.device-store", "empty: the device store file is required");
    }
    return new Embedded(serverId, Path.of(store), range(c, "embedded.max-sessions", 1, 1_000_000));
  }

  private static Radius radius(Config c) {
    List<? extends Config> list = c.getConfigList("radius.servers");
    if (list.isEmpty()) {
      throw bad(c.origin(), "radius.servers", "at least one server is needed");
    }
    List<Server> servers = new ArrayList<>();
    Set<InetSocketAddress> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Server s = server(list.get(i), "radius.servers[" + i + "].");
      if (!seen.add(s.socketAddress())) {
        throw bad(list.get(i).origin(), "radius.servers[" + i + "].address", "listed twice");
      }
      servers.add(s);
    }
    return new Radius(
        servers,
        range(c, "radius.sockets", 1, 64),
        duration(c, "radius.timeout", Duration.ofMillis(100), Duration.ofSeconds(30)),
        range(c, "radius.attempts", 1, 10),
        text(c, "radius.nas-identifier"),
        range(c, "radius.max-sessions", 1, 1_000_000),
        duration(c, "radius.dead-time", Duration.ofSeconds(1), Duration.ofHours(1)));
  }

  private static Server server(Config s, String prefix) {
    String address = s.getString("address").trim();
    byte[] secret = s.getString("secret").getBytes(StandardCharsets.UTF_8);
    if (secret.length == 0) {
      throw bad(s.origin(), prefix + "secret", "empty: set the secret shared with this server");
    }
    return new Server(address, socketAddress(s.origin(), prefix + "address", address), secret);
  }

  /** An IP literal and a port; host names are refused so that start-up does no DNS lookup. */
  private static InetSocketAddress socketAddress(ConfigOrigin origin, String key, String text) {
    String why = "an IP address and port like [::1]:1812 or 192.0.2.1:1812, not " + text;
    try {
      Matcher v6 = IPV6.matcher(text);
      if (v6.matches()) {
        // Brackets make InetAddress parse a literal or fail, never resolve.
        return new InetSocketAddress(
            InetAddress.getByName("[" + v6.group(1) + "]"), port(origin, key, v6.group(2)));
      }
      Matcher v4 = IPV4.matcher(text);
      if (v4.matches()) {
        byte[] octets = new byte[4];
        for (int i = 0; i < 4; i++) {
          int octet = Integer.parseInt(v4.group(i + 1));
          if (octet > 255) {
            throw bad(origin, key, why);
          }
          octets[i] = (byte) octet;
        }
        return new InetSocketAddress(
            InetAddress.getByAddress(octets), port(origin, key, v4.group(5)));
      }
    } catch (UnknownHostException e) {
      throw bad(origin, key, why);
    }
    throw bad(origin, key, why);
  }

  private static int port(ConfigOrigin origin, String key, String digits) {
    int port = Integer.parseInt(digits);
    if (port < 1 || port > 65535) {
      throw bad(origin, key, "port " + port + " is outside 1..65535");
    }
    return port;
  }

  /** 1..253 octets: what one RADIUS attribute carries (RFC 2865 §5). */
  private static String text(Config c, String key) {
    String v = c.getString(key);
    int octets = v.getBytes(StandardCharsets.UTF_8).length;
    if (octets < 1 || octets > 253) {
      throw bad(c.origin(), key, "must be 1..253 octets, not " + octets);
    }
    return v;
  }

  private static int range(Config c, String key, int min, int max) {
    int v = c.getInt(key);
    if (v < min || v > max) {
      throw bad(c.origin(), key, v + " is outside " + min + ".." + max);
    }
    return v;
  }

  private static Duration duration(Config c, String key, Duration min, Duration max) {
    Duration v = c.getDuration(key);
    if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
      throw bad(c.origin(), key, v + " is outside " + min + ".." + max);
    }
    return v;
  }

  private static ConfigException bad(ConfigOrigin origin, String key, String why) {
    return new ConfigException.BadValue(origin, "iotgw.aaa." + key, why);
  }
}

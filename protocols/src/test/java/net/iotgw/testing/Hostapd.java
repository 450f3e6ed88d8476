package net.iotgw.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * hostapd 2.10's integrated RADIUS server with EAP-PSK users, on [::1] and a free port, after the
 * recipe of shared/interop/hostapd-radius.md. Its {@code -dd} log goes to a file in the run
 * directory (a pipe nobody reads would block it).
 */
public final class Hostapd implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private Hostapd(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts hostapd with these users (identity to 16-octet PSK) and RADIUS secret. */
  public static Hostapd start(Path dir, String secret, Map<String, byte[]> users)
      throws IOException, InterruptedException {
    StringBuilder eapUsers = new StringBuilder();
    users.forEach(
        (identity, psk) ->
            eapUsers
                .append('"')
                .append(identity)
                .append("\" PSK ")
                .append(HexFormat.of().formatHex(psk))
                .append('\n'));
    return start(dir, secret, eapUsers.toString());
  }

  /** Starts hostapd with this eap_user file text ({@code "identity" PSK hex} lines). */
  public static Hostapd start(Path dir, String secret, String eapUsers)
      throws IOException, InterruptedException {
    Path hostapd = HostTools.require("hostapd");
    int port = freeUdpPort();
    Files.writeString(dir.resolve("eap_users"), eapUsers);
    Files.writeString(dir.resolve("clients"), "::1/128 " + secret + "\n");
    Files.writeString(
        dir.resolve("hostapd.conf"),
        String.join(
            "\n",
            "driver=none",
            "logger_stdout=-1",
            "logger_stdout_level=1",
            "eap_server=1",
            "eap_user_file=" + dir.resolve("eap_users"),
            "radius_server_clients=" + dir.resolve("clients"),
            "radius_server_auth_port=" + port,
            "radius_server_ipv6=1",
            ""));
    Path log = dir.resolve("hostapd.log");
    Process p =
        new ProcessBuilder(
                List.of(hostapd.toString(), "-dd", dir.resolve("hostapd.conf").toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Hostapd h = new Hostapd(p, port, log);
    for (int i = 0; i < 100; i++) {
      if (Files.readString(log, StandardCharsets.UTF_8).contains("Setup of interface done")) {
        return h;
      }
      if (!p.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    h.close();
    return fail("hostapd did not start:\n" + Files.readString(log, StandardCharsets.UTF_8));
  }

  public int port() {
    return port;
  }

  /** As {@code iotgw.aaa.radius.servers[].address} has it. */
  public String address() {
    return "[::1]:" + port;
  }

  public String log() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  public static int freeUdpPort() throws IOException {
    try (DatagramSocket s =
        new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 0))) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}

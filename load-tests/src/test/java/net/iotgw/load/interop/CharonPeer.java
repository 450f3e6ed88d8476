package net.iotgw.load.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.iotgw.protocols.ike.fixtures.StrongSwanFixture;
import net.iotgw.testing.HostTools;

/**
 * One strongSwan 5.9 charon (the UD) in its own network namespace and mount namespace, joined by
 * a veth pair to the root namespace, where the test's UDP loop speaks for the CD. Names and the
 * /64 are derived from the process id so that concurrent builds on one host do not collide; the
 * recipe is interop/strongswan.md's (kernel-libipsec: tunnel mode, fake NAT, UDP 4500), with the
 * file logger at {@code ike = 4, chd = 4} so that the test can read charon's keys.
 */
final class CharonPeer implements AutoCloseable {
  static final String UD_ID = "ud@example.org";
  static final String CD_ID = "cd1@example.org";
  static final String PSK = "0123456789abcdef0123456789abcdef";
  private static final Duration COMMAND = Duration.ofSeconds(30);

  enum Auth {
    PSK,
    CERT
  }

  final String namespace;
  final String hostSide;
  final InetAddress udAddress;
  final InetAddress cdAddress;
  final Path dir;
  private Process charon;

  private CharonPeer(String namespace, String hostSide, InetAddress ud, InetAddress cd, Path dir) {
    this.namespace = namespace;
    this.hostSide = hostSide;
    this.udAddress = ud;
    this.cdAddress = cd;
    this.dir = dir;
  }

  /**
   * Namespace, veth pair (no DAD), charon running with a connection {@code cd1} to the CD;
   * {@code fragmentSize} is charon's IKE fragment size (the whole IP packet, 1280 by default).
   */
  static CharonPeer start(Auth auth, String ikeProposal, String espProposal, int fragmentSize)
      throws IOException {
    return start(auth, ikeProposal, espProposal, fragmentSize, "");
  }

  /**
   * The same with {@code connectionOptions}, swanctl.conf lines for the connection {@code cd1}
   * (such as {@code dpd_delay = 2s}), one per line.
   */
  static CharonPeer start(Auth auth, String ikeProposal, String espProposal, int fragmentSize,
      String connectionOptions) throws IOException {
    long pid = ProcessHandle.current().pid();
    String tag = Long.toHexString(pid & 0xffffff);
    String prefix = "2001:db8:e5:" + Long.toHexString(pid & 0xffff) + "::";
    CharonPeer p = new CharonPeer("iotgw-eng-" + tag, "iotgwe" + tag,
        InetAddress.getByName(prefix + "a"), InetAddress.getByName(prefix + "b"),
        Files.createTempDirectory("iotgw-charon"));
    try {
      p.network();
      p.configure(auth, ikeProposal, espProposal, fragmentSize, connectionOptions);
      p.launch();
      p.swanctl("--load-all", "--noprompt", "--file", p.dir.resolve("swanctl.conf").toString());
      return p;
    } catch (RuntimeException | IOException | Error e) {
      p.close();
      throw e;
    }
  }

  private void network() throws IOException {
    removeLeftovers();
    String ns = namespace;
    HostTools.check(List.of("ip", "netns", "add", ns));
    HostTools.check(List.of("ip", "netns", "exec", ns, "sh", "-c",
        "for c in all default; do echo 0 > /proc/sys/net/ipv6/conf/$c/accept_dad; done"));
    HostTools.check(List.of("ip", "link", "add", hostSide, "type", "veth", "peer", "name", "veth0",
        "netns", ns));
    Files.writeString(Path.of("/proc/sys/net/ipv6/conf", hostSide, "accept_dad"), "0");
    HostTools.check(List.of("ip", "addr", "add", cdAddress.getHostAddress() + "/64", "dev",
        hostSide, "nodad"));
    HostTools.check(List.of("ip", "link", "set", hostSide, "up"));
    HostTools.check(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
    HostTools.check(List.of("ip", "-n", ns, "addr", "add", udAddress.getHostAddress() + "/64",
        "dev", "veth0", "nodad"));
    HostTools.check(List.of("ip", "-n", ns, "link", "set", "veth0", "up"));
  }

  private void configure(Auth auth, String ike, String esp, int fragmentSize, String options)
      throws IOException {
    Files.writeString(dir.resolve("strongswan.conf"), """
        charon {
          load = kdf random nonce openssl gmp x509 pem pkcs1 pkcs8 pubkey curve25519 aes sha1 sha2 hmac gcm chapoly kernel-libipsec kernel-netlink socket-default vici
          retransmit_timeout = 2
          retransmit_tries = 2
          fragment_size = FRAGMENT
          plugins {
            vici {
              socket = unix://DIR/charon.vici
            }
            kernel-libipsec {
              allow_peer_ts = yes
            }
            kernel-netlink {
              fwmark = !0x42
            }
            socket-default {
              fwmark = 0x42
            }
          }
          filelog {
            full {
              path = DIR/charon.log
              time_format = %H:%M:%S
              flush_line = yes
              default = 1
              ike = 4
              chd = 4
            }
          }
        }
        """.replace("DIR", dir.toString()).replace("FRAGMENT", Integer.toString(fragmentSize)));
    boolean cert = auth == Auth.CERT;
    String local = cert ? "auth = pubkey\n      id = " + UD_ID + "\n      certs = ud.pem"
        : "auth = psk\n      id = " + UD_ID;
    String remote = cert ? "auth = pubkey\n      id = " + CD_ID + "\n      cacerts = ca.pem"
        : "auth = psk\n      id = " + CD_ID;
    String secrets = cert ? "" : "  ike-1 {\n    id-1 = " + UD_ID + "\n    id-2 = " + CD_ID
        + "\n    secret = \"" + PSK + "\"\n  }\n";
    Files.writeString(dir.resolve("swanctl.conf"), "connections {\n  cd1 {\n    version = 2\n"
        + "    local_addrs = " + udAddress.getHostAddress() + "\n"
        + "    remote_addrs = " + cdAddress.getHostAddress() + "\n"
        + "    proposals = " + ike + "\n"
        + options.lines().map(l -> "    " + l.strip() + "\n").reduce("", String::concat)
        + "    local {\n      " + local + "\n    }\n"
        + "    remote {\n      " + remote + "\n    }\n"
        + "    children {\n      c {\n        mode = tunnel\n        esp_proposals = " + esp
        + "\n      }\n    }\n  }\n}\nsecrets {\n" + secrets + "}\n");
    for (String sub : List.of("x509", "x509ca", "private")) {
      Files.createDirectories(dir.resolve(sub));
    }
    if (cert) {
      copyCert("ud.pem", "x509");
      copyCert("ca.pem", "x509ca");
      copyCert("ud.key", "private");
    }
  }

  private void copyCert(String name, String sub) throws IOException {
    try (InputStream in = CharonPeer.class.getResourceAsStream(
        StrongSwanFixture.RESOURCE_ROOT + "certs/" + name)) {
      Files.copy(in, dir.resolve(sub).resolve(name));
    }
  }

  private void launch() throws IOException {
    Path charonBinary = HostTools.require("charon");
    charon = new ProcessBuilder("env", "STRONGSWAN_CONF=" + dir.resolve("strongswan.conf"),
        "ip", "netns", "exec", namespace, "unshare", "-m", "sh", "-c",
        "mount -t tmpfs none /run && exec " + charonBinary)
        .redirectErrorStream(true).redirectOutput(dir.resolve("charon.stderr").toFile()).start();
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!Files.exists(dir.resolve("charon.vici"))) {
      if (!charon.isAlive() || System.nanoTime() > until) {
        fail("charon did not open its vici socket:\n" + Files.readString(dir.resolve("charon.stderr")));
      }
      sleep(50);
    }
  }

  /** swanctl against this charon; fails the test on a non-zero exit. */
  String swanctl(String... args) {
    HostTools.Result r = swanctlResult(args);
    assertEquals(0, r.exitCode(), () -> String.join(" ", args) + "\n" + r.output() + "\n" + log());
    return r.output();
  }

  /** swanctl against this charon, its exit code for the caller to check (a refusal expected). */
  HostTools.Result swanctlResult(String... args) {
    List<String> command = new ArrayList<>(List.of("env",
        "STRONGSWAN_CONF=" + dir.resolve("strongswan.conf"), "swanctl"));
    command.addAll(List.of(args));
    command.addAll(List.of("--uri", "unix://" + dir.resolve("charon.vici")));
    return HostTools.run(command, COMMAND);
  }

  /** charon's log so far (test keys only). */
  String log() {
    try {
      Path log = dir.resolve("charon.log");
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void removeLeftovers() {
    HostTools.run(List.of("ip", "netns", "delete", namespace), COMMAND);
    HostTools.run(List.of("ip", "link", "delete", hostSide), COMMAND);
  }

  @Override
  public void close() {
    if (charon != null) {
      charon.destroy();
      try {
        if (!charon.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
          charon.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    removeLeftovers();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package net.iotgw.load.ike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import net.iotgw.testing.HostTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator against a real strongSwan charon responder (bench/charon-responder.sh: its own
 * network namespace, kernel-libipsec) over UDP for a few seconds: IKE_SA_INIT, IKE_AUTH, an extra
 * CREATE_CHILD_SA and a Delete per attempt. Asserts that SAs are established and nothing fails,
 * never a rate; and that charon's CPU and memory are read from /proc.
 */
class IkeLoadAgainstCharonTest {
  private static final String PSK = "0123456789abcdef0123456789abcdef";

  @TempDir Path dir;

  @Test
  void initiatorsEstablishChildSasAndDeleteAgainstCharonWithPskAndCookies() throws Exception {
    // 8 in flight from one address, charon's cookie_threshold_ip 4: COOKIEs come and work.
    IkeLoad.Result r = runAgainstCharon(LoadPlan.Auth.PSK, List.of("COOKIE_THRESHOLD=4"),
        Optional.empty());

    assertTrue(r.stats().cookies() > 0, TextReport.of(r));
  }

  @Test
  void initiatorsAuthenticateWithCertificatesAgainstCharonRfc7427() throws Exception {
    Path pki = dir.resolve("pki");
    LoadPki.writeForPeer(pki, "ud@example.org", "cd1@example.org", new SecureRandom());

    IkeLoad.Result r = runAgainstCharon(LoadPlan.Auth.CERT, List.of("PKI=" + pki),
        Optional.of(pki));

    assertEquals(0, r.stats().cookies(), TextReport.of(r));
  }

  /** Starts charon, runs 1 s + 3 s of load, checks what every run must show, stops charon. */
  private IkeLoad.Result runAgainstCharon(LoadPlan.Auth auth, List<String> settings,
      Optional<Path> pki) throws Exception {
    HostTools.requireRoot();
    HostTools.require("swanctl");
    HostTools.require("charon");
    // bench/charon-responder.sh: its namespace, veth pair and private /run
    HostTools.require("ip");
    HostTools.require("unshare");
    HostTools.require("mount");
    Path script = Path.of(System.getProperty("iotgw.charonResponderScript",
        "bench/charon-responder.sh"));
    long pid = ProcessHandle.current().pid();
    List<String> env = new ArrayList<>(List.of("env",
        "NS=iotgw-ikl" + Long.toHexString(pid & 0xffff),
        "PREFIX=2001:db8:e7:" + Long.toHexString(pid & 0xffff) + "::"));
    env.addAll(settings);
    Path charonDir = Files.createDirectories(dir.resolve("charon"));
    try {
      HostTools.Result started = HostTools.run(concat(env, List.of("sh", script.toString(),
          "start", charonDir.toString(), LoadSuite.GCM_X25519.charonIke(),
          LoadSuite.GCM_X25519.charonEsp())), Duration.ofSeconds(60));
      assertEquals(0, started.exitCode(), started.output());
      Map<String, String> out = started.output().lines().filter(l -> l.contains("="))
          .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')),
              l -> l.substring(l.indexOf('=') + 1), (a, b) -> b));
      LoadPlan plan = new LoadPlan(new LoadPlan.Target.Udp(
              new InetSocketAddress(InetAddress.getByName(out.get("charon")), 500),
              "cd1@example.org", InetAddress.getByName(out.get("local")),
              OptionalLong.of(Long.parseLong(out.get("pid"))), pki),
          new LoadWorker.Pacing.Closed(8), Duration.ofSeconds(1), Duration.ofSeconds(3),
          Duration.ofSeconds(30), 2, LoadSuite.GCM_X25519, true, true, auth,
          "ud@example.org", PSK, Optional.empty());

      IkeLoad.Result r = IkeLoad.run(plan, new PrintStream(PrintStream.nullOutputStream()));

      LoadStats.Snapshot s = r.stats();
      String report = TextReport.of(r) + "\ncharon's log:\n"
          + tail(charonDir.resolve("charon.log"));
      assertTrue(s.established() > 0, report);
      assertEquals(0, s.failureCount(), report);
      assertEquals(0, s.unfinished(), report);
      assertEquals(s.established(), s.childSas(), report);
      assertEquals(s.established(), s.deleted(), report);
      assertTrue(r.cpuPercent() > 0, report);
      assertTrue(r.peakMemoryBytes() > 0, report);
      return r;
    } finally {
      HostTools.run(concat(env, List.of("sh", script.toString(), "stop", charonDir.toString())),
          Duration.ofSeconds(30));
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  private static String tail(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "(none)";
    }
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}

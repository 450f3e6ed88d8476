package net.iotgw.load.ike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * network namespace, kernel-libipsec, PSK) over UDP for a few seconds: IKE_SA_INIT, IKE_AUTH, an
 * extra CREATE_CHILD_SA and a Delete per attempt. Asserts that SAs are established and nothing
 * fails, never a rate; and that charon's CPU is read from /proc.
 */
class IkeLoadAgainstCharonTest {
  @TempDir Path dir;

  @Test
  void initiatorsEstablishChildSasAndDeleteAgainstCharonWithoutFailures() throws Exception {
    HostTools.requireRoot();
    HostTools.require("swanctl");
    Path script = Path.of(System.getProperty("iotgw.charonResponderScript",
        "bench/charon-responder.sh"));
    long pid = ProcessHandle.current().pid();
    String ns = "iotgw-ikl" + Long.toHexString(pid & 0xffff);
    List<String> env = List.of("env", "NS=" + ns,
        "PREFIX=2001:db8:e7:" + Long.toHexString(pid & 0xffff) + "::", "COOKIE_THRESHOLD=4");
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
              OptionalLong.of(Long.parseLong(out.get("pid")))),
          new LoadWorker.Pacing.Closed(8), Duration.ofSeconds(1), Duration.ofSeconds(3),
          Duration.ofSeconds(10), 2, LoadSuite.GCM_X25519, true, true, LoadPlan.Auth.PSK,
          "ud@example.org", "0123456789abcdef0123456789abcdef", Optional.empty());

      IkeLoad.Result r = IkeLoad.run(plan, new PrintStream(PrintStream.nullOutputStream()));

      LoadStats.Snapshot s = r.stats();
      String report = TextReport.of(r) + "\ncharon's log:\n"
          + tail(charonDir.resolve("charon.log"));
      assertTrue(s.established() > 0, report);
      assertEquals(0, s.failureCount(), report);
      assertEquals(0, s.unfinished(), report);
      assertEquals(s.established(), s.childSas(), report);
      assertEquals(s.established(), s.deleted(), report);
      // 8 in flight from one address, charon's cookie_threshold_ip 4: COOKIEs come and work.
      assertTrue(s.cookies() > 0, report);
      assertTrue(r.cpuPercent() > 0, report);
      assertTrue(r.peakMemoryBytes() > 0, report);
    } finally {
      HostTools.run(concat(env, List.of("sh", script.toString(), "stop", charonDir.toString())),
          Duration.ofSeconds(30));
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  private static String tail(Path log) throws java.io.IOException {
    if (!Files.exists(log)) {
      return "(none)";
    }
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}

package net.iotgw.load.ike;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code load-tests ike}: the IKEv2 load generator. Initiators of our engine open IKE SAs (and
 * their first CHILD_SA) to the in-process gateway or to a responder over UDP, closed loop or open
 * loop, and the report gives established SAs/s, latency percentiles, retransmissions, failures by
 * reason and the target's CPU and memory; {@code --report} adds an HTML page with the plots.
 */
@Command(
    name = "ike",
    mixinStandardHelpOptions = true,
    description = "IKEv2 load generator: our initiator engine against the in-process gateway or"
        + " a responder over UDP (e.g. charon).")
public final class IkeLoadCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--target", paramLabel = "gateway|udp:HOST:PORT",
      description = "gateway (in-process, CDs admitted in memory) or udp:HOST:PORT"
          + " (IPv6 in brackets: udp:[2001:db8::1]:500)")
  String target;

  @Option(names = "--concurrency", description = "closed loop: attempts in flight")
  Integer concurrency;

  @Option(names = "--rate", description = "open loop: attempts started per second")
  Double rate;

  @Option(names = "--duration", defaultValue = "10s", description = "how long (default 10s)")
  String duration;

  @Option(names = "--warmup", defaultValue = "0s",
      description = "load before the measured window, not measured (default 0s)")
  String warmup;

  @Option(names = "--drain", defaultValue = "10s",
      description = "time left to attempts in flight at the end (default 10s)")
  String drain;

  @Option(names = "--suite", defaultValue = "gcm-x25519",
      description = "gcm-x25519 | cbc-ecp256 | chacha-x25519 (default gcm-x25519)")
  String suite;

  @Option(names = "--auth", defaultValue = "psk",
      description = "psk (default) or cert: ECDSA P-256 certificates, made for the run (gateway"
          + " target) or read from --pki (udp target)")
  String auth;

  @Option(names = "--child-sa", description = "an extra CREATE_CHILD_SA after establishment")
  boolean childSa;

  @Option(names = "--delete", description = "delete the IKE SA once established")
  boolean delete;

  @Option(names = "--cds", defaultValue = "100",
      description = "gateway target: CDs admitted in memory (default 100)")
  int cds;

  @Option(names = "--cookie-threshold", defaultValue = "8",
      description = "gateway target: half-open SAs per CD before COOKIEs (default 8, as"
          + " iotgw.ike.cookie-threshold)")
  int cookieThreshold;

  @Option(names = "--max-sas-per-cd",
      description = "gateway target: the most IKE SAs held per CD, half-open ones included"
          + " (iotgw.ike.max-sas-per-cd; default: the gateway's own, 16)")
  Integer maxSasPerCd;

  @Option(names = "--identity", defaultValue = "ud@example.org",
      description = "udp target: our IKE identity (default ud@example.org)")
  String identity;

  @Option(names = "--peer-identity", defaultValue = "cd1@example.org",
      description = "udp target: the responder's identity (default cd1@example.org)")
  String peerIdentity;

  @Option(names = "--psk", defaultValue = "0123456789abcdef0123456789abcdef",
      description = "udp target: the pre-shared key, as text")
  String psk;

  @Option(names = "--bind", defaultValue = "::",
      description = "udp target: local address of our sockets (default ::; set it when the"
          + " responder checks traffic selectors against it)")
  String bind;

  @Option(names = "--target-pid", description = "udp target: the responder's process, for"
      + " its CPU and memory (/proc)")
  Long targetPid;

  @Option(names = "--workers", description = "worker actors, each with its own source port or"
      + " UD address (default: available processors)")
  Integer workers;

  @Option(names = "--pki", description = "udp target with --auth cert: the directory"
      + " --write-pki filled")
  Path pki;

  @Option(names = "--write-pki", description = "write a CA, a certificate and key for the"
      + " responder (--peer-identity: peer.pem, peer.key) and for us (--identity: ours.pem,"
      + " ours.key) into this directory, then exit")
  Path writePki;

  @Option(names = "--report", description = "write an HTML report with the plots here")
  Path report;

  @Override
  public Integer call() throws Exception {
    if (writePki != null) {
      LoadPki.writeForPeer(writePki, identity, peerIdentity, new java.security.SecureRandom());
      System.out.println("PKI written to " + writePki.toAbsolutePath());
      return 0;
    }
    if (target == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--target is required");
    }
    if ((concurrency == null) == (rate == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "give exactly one of --concurrency (closed loop) and --rate (open loop)");
    }
    if (!auth.equals("psk") && !(auth.equals("cert")
        && (target.equals("gateway") || pki != null))) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--auth " + auth + ": psk, or cert (with --pki DIR for a udp target)");
    }
    LoadPlan plan = new LoadPlan(target(),
        concurrency != null ? new LoadWorker.Pacing.Closed(concurrency)
            : new LoadWorker.Pacing.Open(rate),
        duration(warmup), duration(duration), duration(drain),
        workers != null ? workers : Runtime.getRuntime().availableProcessors(),
        LoadSuite.parse(suite), childSa, delete,
        auth.equals("cert") ? LoadPlan.Auth.CERT : LoadPlan.Auth.PSK, identity, psk,
        Optional.ofNullable(report));
    System.out.println("ike load: " + plan.describe());
    IkeLoad.Result result = IkeLoad.run(plan, System.out);
    System.out.print(TextReport.of(result));
    if (report != null) {
      HtmlReport.write(result, report);
      System.out.println("report: " + report.toAbsolutePath());
    }
    return 0;
  }

  private LoadPlan.Target target() throws Exception {
    if (target.equals("gateway")) {
      return new LoadPlan.Target.InProcess(cds, cookieThreshold, maxSasPerCd == null
          ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(maxSasPerCd));
    }
    if (!target.startsWith("udp:")) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--target " + target + ": gateway or udp:HOST:PORT");
    }
    String hostPort = target.substring(4);
    int colon = hostPort.lastIndexOf(':');
    String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
    int port = Integer.parseInt(hostPort.substring(colon + 1));
    return new LoadPlan.Target.Udp(new InetSocketAddress(InetAddress.getByName(host), port),
        peerIdentity, InetAddress.getByName(bind),
        targetPid == null ? OptionalLong.empty() : OptionalLong.of(targetPid),
        Optional.ofNullable(pki));
  }

  static Duration duration(String text) {
    String t = text.trim().toLowerCase();
    if (t.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
    }
    if (t.endsWith("s")) {
      return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
    }
    if (t.endsWith("m")) {
      return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
    }
    return Duration.ofSeconds(Long.parseLong(t));
  }
}

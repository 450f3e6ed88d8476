package net.iotgw.load.claim;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.iotgw.load.entry.EntryRig;
import net.iotgw.protocols.ike.engine.Identity;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.radio.emulator.MediumSettings;
import net.iotgw.sim.cd.BaselineIkeSettings;
import net.iotgw.sim.cd.BaselineIkeStatus;
import net.iotgw.sim.cd.CdStats;
import net.iotgw.sim.cd.SimulatedCd;
import net.iotgw.sim.medium.CdSimulator;

/**
 * The claim benchmark's scene (paper Sec. III-C, IV): one gateway, one emulated 250 kbit/s
 * channel, 2N CDs that join with PANA/EAP-PSK, N of them with an IKE profile at the gateway and N
 * without. Phase one, offload: N UDs open an IKE SA to the first N CDs at once; the gateway
 * answers as each CD and delivers its CHILD_SA keys over PANA. Phase two, baseline: the other N
 * CDs open an IKE SA to a UD themselves at once, through the gateway, which now forwards their
 * IKE and ESP as data. Each phase is measured on its own (see {@link PhaseFigures}), then one
 * echo through every CHILD_SA shows the SAs carry ESP end to end.
 */
final class ClaimRun {
  static final byte[] PSK = EntryRig.IKE_PSK.getBytes(StandardCharsets.US_ASCII);

  /**
   * @param cds CDs per phase
   * @param warmup CDs per mode that do an unmeasured round first, so the JIT compiler has done
   *     its work before the CPU time of either mode is measured
   * @param timeout for the joins and for each phase
   */
  record Options(int cds, int warmup, Duration timeout, MediumSettings medium) {}

  private ClaimRun() {}

  static ClaimReport run(Options o, Path workDir) throws Exception {
    // CDs by index: warm-up offload, measured offload (these have IKE profiles), then warm-up
    // baseline and measured baseline.
    int n = o.cds();
    int w = o.warmup();
    int offloaded = w + n;
    int total = 2 * offloaded;
    EntryRig.Options rig = new EntryRig.Options(total, 0, 0, new EntryRig.AaaChoice.Embedded(),
        Duration.ofMillis(Math.max(500, 20L * total)), 32, Duration.ofHours(1), o.medium(),
        Optional.empty());
    try (EntryRig r = EntryRig.start(rig, workDir, i -> i < offloaded)) {
      CdSimulator.JoinProgress joined = r.awaitJoins(o.timeout());
      if (joined.admitted() < total) {
        throw new IllegalStateException("only " + joined.admitted() + " of " + total
            + " CDs joined: " + r.simulator().statsLine());
      }
      if (w > 0) {
        settle(r);
        offload(r, 0, w, o);
        settle(r);
        baseline(r, offloaded, offloaded + w, o);
      }
      settle(r);
      PhaseFigures offload = offload(r, w, offloaded, o);
      settle(r);
      PhaseFigures baseline = baseline(r, offloaded + w, total, o);
      return new ClaimReport(n, o.medium().bitRate(), offload, baseline);
    }
  }

  /** The offload phase with CDs {@code from} to {@code to} (exclusive). */
  private static PhaseFigures offload(EntryRig r, int from, int to, Options o) throws Exception {
    int n = to - from;
    List<Ipv6Address> cds = new ArrayList<>();
    List<Identity> ids = new ArrayList<>();
    for (int i = from; i < to; i++) {
      cds.add(r.cds().get(i).address());
      ids.add(Identity.fqdn(EntryRig.ikeIdentity(i)));
    }
    UdHost ud = new UdHost(r.ucn(), new SecureRandom());
    try {
      PhaseFigures.Snapshot before = snapshot(r, from, to);
      ud.initiate(cds, ids, PSK);
      ud.pump(() -> ud.allEstablished(n), o.timeout());
      PhaseFigures.Snapshot after = snapshot(r, from, to);
      long end = ud.lastEstablishedNanos();
      double seconds = end < 0 ? 0 : (end - before.nanos()) / 1e9;
      int echoes = ud.echoAll(Duration.ofSeconds(10));
      return PhaseFigures.between("offload", n, ud.established(), echoes, before, after, seconds,
          0, ud.latenciesMillis(before.nanos()), o.medium().bitRate());
    } finally {
      ud.destroy();
    }
  }

  /** The baseline phase with CDs {@code from} to {@code to} (exclusive). */
  private static PhaseFigures baseline(EntryRig r, int from, int to, Options o) throws Exception {
    int n = to - from;
    List<Identity> ids = new ArrayList<>();
    for (int i = from; i < to; i++) {
      ids.add(Identity.fqdn(EntryRig.ikeIdentity(i)));
    }
    UdHost ud = new UdHost(r.ucn(), new SecureRandom());
    CdSimulator sim = r.simulator();
    try {
      ud.answer(ids, PSK);
      PhaseFigures.Snapshot before = snapshot(r, from, to);
      for (int i = from; i < to; i++) {
        BaselineIkeSettings settings = new BaselineIkeSettings(UdHost.UD, ids.get(i - from),
            Identity.rfc822(EntryRig.UD_IDENTITY), PSK);
        SecureRandom random = new SecureRandom();
        sim.act(i, (cd, now) -> cd.startIke(settings, random, now));
      }
      ud.pump(() -> statuses(sim, from, to).stream().allMatch(
          s -> s.state() == BaselineIkeStatus.State.ESTABLISHED), o.timeout());
      PhaseFigures.Snapshot after = snapshot(r, from, to);
      List<BaselineIkeStatus> done = statuses(sim, from, to);
      List<Long> latencies = new ArrayList<>();
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      int handshakes = 0;
      long retransmissions = 0;
      for (BaselineIkeStatus s : done) {
        retransmissions += s.retransmissions();
        first = Math.min(first, s.startedAtMillis());
        OptionalLong at = s.establishedAtMillis();
        if (s.state() == BaselineIkeStatus.State.ESTABLISHED && at.isPresent()) {
          handshakes++;
          last = Math.max(last, at.getAsLong());
          latencies.add(s.handshakeMillis().getAsLong());
        }
      }
      double seconds = handshakes == 0 ? 0 : (last - first) / 1e3;
      ud.echoAll(Duration.ofSeconds(10));
      // An echo counts when the CD opened it under its own SA and the UD opened the answer.
      int echoes =
          (int) statuses(sim, from, to).stream().filter(s -> s.espReceived() > 0).count();
      return PhaseFigures.between("baseline", n, handshakes, Math.min(echoes, ud.echoed()),
          before, after, seconds, retransmissions, latencies, o.medium().bitRate());
    } finally {
      ud.destroy();
    }
  }

  private static List<BaselineIkeStatus> statuses(CdSimulator sim, int from, int to) {
    List<BaselineIkeStatus> out = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      sim.read(i, SimulatedCd::ikeStatus).ifPresent(out::add);
    }
    return out;
  }

  private static PhaseFigures.Snapshot snapshot(EntryRig r, int from, int to) {
    CdSimulator sim = r.simulator();
    CdStats sum = CdStats.ZERO;
    long cpu = 0;
    for (int i = from; i < to; i++) {
      sum = sum.plus(sim.read(i, SimulatedCd::stats));
      cpu += sim.cpuNanos(i);
    }
    return new PhaseFigures.Snapshot(System.nanoTime(), sim.medium().stats(), sum, cpu);
  }

  /** Waits until the channel has carried nothing for half a second (at most ten seconds). */
  private static void settle(EntryRig r) throws InterruptedException {
    long until = System.nanoTime() + 10_000_000_000L;
    long frames = -1;
    while (System.nanoTime() < until) {
      long now = r.simulator().medium().stats().framesCarried();
      if (now == frames) {
        return;
      }
      frames = now;
      Thread.sleep(500);
    }
  }
}

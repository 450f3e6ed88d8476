package net.iotgw.gateway.demo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.stream.LongStream;
import net.iotgw.gateway.ike.IkeProfiles;
import net.iotgw.protocols.ike.engine.Credentials;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.Identity;
import net.iotgw.protocols.ike.engine.Limits;
import net.iotgw.protocols.ike.engine.Profile;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.radio.emulator.MediumSettings;
import net.iotgw.radio.emulator.MediumStats;
import net.iotgw.sim.cd.CdStats;
import net.iotgw.sim.cd.CryptoOperation;
import net.iotgw.sim.cd.JoinState;
import net.iotgw.sim.cd.JoinStatus;
import net.iotgw.sim.ud.CoapGetClient;
import net.iotgw.sim.ud.SimulatedUd;
import net.iotgw.sim.ud.UdProgress;
import net.iotgw.sim.ud.UdSettings;
import net.iotgw.sim.ud.UdTarget;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.MailboxSelector;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * One run of the demo, phase after phase on the {@link GatewayRig}: the CDs enter the network;
 * then each UD opens an IKE SA to each admitted CD it owns (the gateway answering as the CD and
 * delivering it its keys over the radio); then each UD sends its GETs to those CDs over ESP. The
 * phases do not overlap, so the radio octets counted during one belong to it alone.
 */
final class DemoRun {
  /** The UDs' addresses: 2001:db8:1::1, ::2, ... (documentation prefix, RFC 3849). */
  static final Ipv6Address UD_PREFIX = Ipv6Address.of("2001:db8:1::");

  /** Packets a UD actor holds before it drops (IKE and CoAP retransmit what is lost). */
  static final int UD_MAILBOX = 1024;

  private static final Duration POLL = Duration.ofMillis(100);

  /**
   * @param cds simulated CDs, the wrong-PSK ones among them
   * @param uds simulated UDs sharing the admitted CDs round robin
   * @param requests GETs per CD
   * @param wrongPsk CDs whose PSK the device store does not hold: the gateway must reject them
   * @param phaseTimeout the longest a phase may take
   * @param handshakesInFlight per UD
   * @param cdsRequestedAtOnce per UD, one GET outstanding each
   */
  record Settings(int cds, int uds, int requests, int wrongPsk, Duration phaseTimeout,
      int handshakesInFlight, int cdsRequestedAtOnce) {
    Settings {
      if (cds < 1 || uds < 1 || requests < 0 || wrongPsk < 0 || wrongPsk > cds) {
        throw new IllegalArgumentException(
            "need a CD and a UD, and no more wrong-PSK CDs than CDs");
      }
    }

    int goodCds() {
      return cds - wrongPsk;
    }
  }

  private final Settings settings;
  private final GatewayRig rig;
  private final ProgressLine progress;

  private DemoRun(Settings settings, GatewayRig rig, ProgressLine progress) {
    this.settings = settings;
    this.rig = rig;
    this.progress = progress;
  }

  static DemoSummary run(Settings s, Path workDir, ProgressLine progress) throws Exception {
    long start = System.nanoTime();
    // CDs power up within a window that grows with their number, as a building's devices would,
    // and that opens when the gateway's radio listens (GatewayRig), so every first PCI is heard.
    Duration window = Duration.ofMillis(Math.min(2_000, 20L * s.cds()));
    GatewayRig.Options options = new GatewayRig.Options(s.goodCds(), s.wrongPsk(), 0,
        new GatewayRig.AaaChoice.Embedded(), window, 32, Duration.ofHours(1),
        MediumSettings.defaults(), Optional.empty(), s.uds(), Duration.ZERO);
    try (GatewayRig rig = GatewayRig.start(options, workDir)) {
      return new DemoRun(s, rig, progress).phases(start);
    }
  }

  private DemoSummary phases(long start) throws Exception {
    MediumStats before = rig.simulator().medium().stats();
    List<JoinStatus> statuses = awaitJoins(start);
    long firstPciNanos = statuses.stream().filter(j -> j.joinStartedAt().isPresent())
        .mapToLong(j -> j.joinStartedAt().getAsLong() * 1_000_000).min().orElse(start);
    PhaseResult joins = joinResult(statuses, System.nanoTime() - firstPciNanos, before);
    int rejected = count(statuses, i -> i >= settings.goodCds(), JoinState.REJECTED);
    int wrongAdmitted = count(statuses, i -> i >= settings.goodCds(), JoinState.ADMITTED);

    Map<Ipv6Address, ActorRef<UdActor.Command>> uds = spawnUds(statuses);
    try (UcnTap tap = UcnTap.start(rig.ucn(), uds, rig.simulation())) {
      before = rig.simulator().medium().stats();
      long t = System.nanoTime();
      uds.values().forEach(ud -> ud.tell(new UdActor.StartHandshakes()));
      List<UdProgress> p = await("handshakes", uds.values(), t, UdProgress::handshakesDone,
          u -> new int[] {sum(u, UdProgress::handshakesOk), sum(u, UdProgress::handshakesFailed),
              sum(u, UdProgress::targets)});
      int hsOk = sum(p, UdProgress::handshakesOk);
      int hsTotal = sum(p, UdProgress::targets);
      PhaseResult handshakes = phase("handshakes", hsOk, hsTotal, System.nanoTime() - t,
          p.stream().flatMapToLong(u -> LongStream.of(u.handshakeNanos())).toArray(), before,
          hsOk);

      before = rig.simulator().medium().stats();
      t = System.nanoTime();
      uds.values().forEach(ud -> ud.tell(new UdActor.StartRequests()));
      p = await("requests", uds.values(), t, UdProgress::requestsDone,
          u -> new int[] {sum(u, UdProgress::requestsOk),
              sum(u, UdProgress::requestsFailed) + sum(u, UdProgress::requestsSkipped),
              sum(u, UdProgress::requestsPlanned)});
      int rqOk = sum(p, UdProgress::requestsOk);
      PhaseResult requests = phase("requests", rqOk, sum(p, UdProgress::requestsPlanned),
          System.nanoTime() - t,
          p.stream().flatMapToLong(u -> LongStream.of(u.requestNanos())).toArray(), before,
          rqOk + sum(p, UdProgress::requestsFailed));

      CdStats cds = rig.simulator().totals();
      return new DemoSummary(settings, joins, rejected, wrongAdmitted, handshakes, requests,
          sum(p, UdProgress::requestsSkipped), cds.keyDeliveries(),
          cds.crypto().count(CryptoOperation.PUBLIC_KEY),
          p.stream().mapToLong(UdProgress::ikeOctetsSent).sum(),
          p.stream().mapToLong(UdProgress::ikeOctetsReceived).sum(),
          p.stream().mapToLong(UdProgress::ikeRetransmissions).sum(),
          p.stream().mapToLong(UdProgress::coapRetransmissions).sum(),
          rig.simulator().medium().stats(), rig.simulator().medium().ledger().busyNanos(),
          rig.ucn().counters(), tap.unrouted(), System.nanoTime() - start);
    }
  }

  /**
   * Until every CD is admitted or rejected, and the gateway has counted every admission, or the
   * phase times out. A CD takes itself for admitted on the PANA request that says so; the gateway
   * only once the CD has answered it, and until then drops IKE to the CD's address.
   */
  private List<JoinStatus> awaitJoins(long start) throws InterruptedException {
    long until = start + settings.phaseTimeout().toNanos();
    while (true) {
      List<JoinStatus> s = rig.simulator().joinStatuses();
      int ok = count(s, i -> i < settings.goodCds(), JoinState.ADMITTED);
      int done = ok + count(s, i -> true, JoinState.REJECTED)
          + count(s, i -> i >= settings.goodCds(), JoinState.ADMITTED);
      long now = System.nanoTime();
      boolean gatewayAgrees = rig.parts().counters().snapshot().admitted() >= ok;
      if ((done == settings.cds() && gatewayAgrees) || now >= until) {
        progress.finish("joins", ok, done - ok, settings.cds(), now - start);
        return s;
      }
      progress.update("joins", ok, done - ok, settings.cds(), now - start);
      Thread.sleep(POLL.toMillis());
    }
  }

  private PhaseResult joinResult(List<JoinStatus> statuses, long wall, MediumStats before) {
    long[] latencies = new long[settings.goodCds()];
    int ok = 0;
    for (int i = 0; i < settings.goodCds(); i++) {
      if (statuses.get(i).joinMillis().isPresent()) {
        latencies[ok++] = statuses.get(i).joinMillis().getAsLong() * 1_000_000;
      }
    }
    return phase("joins", ok, settings.goodCds(), wall, Arrays.copyOf(latencies, ok),
        before, settings.cds());
  }

  private PhaseResult phase(String name, int ok, int total, long wall, long[] latencies,
      MediumStats before, int airItems) {
    MediumStats after = rig.simulator().medium().stats();
    return new PhaseResult(name, ok, total - ok, total, wall, latencies,
        (after.bitsCarried() - before.bitsCarried()) / 8,
        after.framesCarried() - before.framesCarried(), airItems);
  }

  private static int count(List<JoinStatus> s, Predicate<Integer> which, JoinState state) {
    int n = 0;
    for (int i = 0; i < s.size(); i++) {
      if (which.test(i) && s.get(i).state() == state) {
        n++;
      }
    }
    return n;
  }

  /** One UD actor per UD, each given the admitted CDs it owns. */
  private Map<Ipv6Address, ActorRef<UdActor.Command>> spawnUds(List<JoinStatus> statuses) {
    List<List<UdTarget>> targets = new ArrayList<>();
    for (int k = 0; k < settings.uds(); k++) {
      targets.add(new ArrayList<>());
    }
    for (int i = 0; i < settings.goodCds(); i++) {
      if (statuses.get(i).state() == JoinState.ADMITTED) {
        int k = GatewayRig.owner(i, settings.uds());
        Identity cdIdentity = Identity.fqdn(GatewayRig.ikeIdentity(i));
        targets.get(k).add(new UdTarget(i, rig.cds().get(i).address(), cdIdentity,
            udConfig(k, cdIdentity)));
      }
    }
    UdSettings udSettings = new UdSettings(settings.handshakesInFlight(),
        settings.cdsRequestedAtOnce(), settings.requests(), "sensors/temperature",
        settings.phaseTimeout().toMillis(), CoapGetClient.Transmission.DEFAULT);
    Map<Ipv6Address, ActorRef<UdActor.Command>> uds = new HashMap<>();
    SecureRandom random = new SecureRandom();
    for (int k = 0; k < settings.uds(); k++) {
      SimulatedUd ud = new SimulatedUd(udAddress(k), targets.get(k), udSettings, random);
      uds.put(ud.address(), rig.simulation().systemActorOf(UdActor.create(ud, rig.ucn()),
          "ud-" + k, MailboxSelector.bounded(UD_MAILBOX)));
    }
    return uds;
  }

  static Ipv6Address udAddress(int k) {
    return Ipv6Address.of(UD_PREFIX, k + 1);
  }

  /** UD {@code k}'s side of an SA to a CD: tunnel mode, UDP encapsulation forced. */
  private static EngineConfig udConfig(int k, Identity cd) {
    Credentials.PreSharedKey psk = new Credentials.PreSharedKey(
        GatewayRig.IKE_PSK.getBytes(StandardCharsets.UTF_8));
    Profile profile = new Profile(Identity.rfc822(GatewayRig.udIdentity(k)), psk,
        IkeProfiles.IKE_PROPOSALS, IkeProfiles.GROUPS, IkeProfiles.ESP_PROPOSALS, false,
        List.of(cd), Optional.of(psk), List.of());
    return new EngineConfig(profile, udAddress(k).bytes(), Limits.DEFAULT,
        EngineConfig.NatTraversal.FORCE, EngineConfig.KeyDeliveryMode.SKEYSEED, 500, 4500, false);
  }

  /**
   * Polls the UDs until {@code done} holds for all, or the phase times out.
   *
   * @param counts ok, failed and total of the phase, for its progress bar
   */
  private List<UdProgress> await(String phase, Collection<ActorRef<UdActor.Command>> uds,
      long start, Predicate<UdProgress> done, Function<List<UdProgress>, int[]> counts)
      throws Exception {
    long until = start + settings.phaseTimeout().toNanos();
    while (true) {
      List<UdProgress> p = new ArrayList<>();
      for (ActorRef<UdActor.Command> ud : uds) {
        p.add(AskPattern.<UdActor.Command, UdProgress>ask(ud, UdActor.Report::new,
                Duration.ofSeconds(5), rig.simulation().scheduler())
            .toCompletableFuture().get(10, TimeUnit.SECONDS));
      }
      int[] c = counts.apply(p);
      long now = System.nanoTime();
      if (p.stream().allMatch(done) || now >= until) {
        progress.finish(phase, c[0], c[1], c[2], now - start);
        return p;
      }
      progress.update(phase, c[0], c[1], c[2], now - start);
      Thread.sleep(POLL.toMillis());
    }
  }

  private static int sum(List<UdProgress> p, ToIntFunction<UdProgress> f) {
    return p.stream().mapToInt(f).sum();
  }
}

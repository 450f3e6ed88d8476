package net.iotgw.load.ike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.iotgw.protocols.ike.engine.Credentials;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code --child-sa} against an in-process gateway whose CD refuses the extra CHILD_SA: it requires
 * PFS for CREATE_CHILD_SA ({@code child-sa-pfs}) while the generator offers none, answered with
 * NO_PROPOSAL_CHOSEN (RFC 7296 §1.3.1), or it allows one CHILD_SA per IKE SA ({@code max-child-sas
 * = 1}), answered with NO_ADDITIONAL_SAS (§1.3). Either way the IKE SA lives on (§1.2). Each attempt
 * is a failure of its CHILD_SA phase naming the notify, never an extra CHILD_SA, and never left
 * unfinished; its IKE SA is still deleted.
 */
class IkeLoadChildSaRefusedTest {
  /** How the CD is made to refuse, and the failure the generator must report. */
  enum Refusal {
    PFS_REQUIRED(true, OptionalInt.empty(),
        "child: CREATE_CHILD_SA refused NO_PROPOSAL_CHOSEN"),
    ONE_CHILD_SA_PER_IKE_SA(false, OptionalInt.of(1),
        "child: CREATE_CHILD_SA refused NO_ADDITIONAL_SAS");

    final boolean childSaPfs;
    final OptionalInt maxChildSas;
    final String failure;

    Refusal(boolean childSaPfs, OptionalInt maxChildSas, String failure) {
      this.childSaPfs = childSaPfs;
      this.maxChildSas = maxChildSas;
      this.failure = failure;
    }
  }

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Refusal.class)
  void anExtraChildSaTheGatewayRefusesIsAFailureOfCreateChildSaWithItsNotifyRfc7296Sec1_2(
      Refusal refusal) throws Exception {
    String refused = refusal.failure;
    ActorSystem<Void> host = ActorSystem.create(Behaviors.empty(), "child-refused");
    LoadPlan plan = new LoadPlan(new LoadPlan.Target.InProcess(1, 8),
        new LoadWorker.Pacing.Closed(1), Duration.ZERO, Duration.ofSeconds(2),
        Duration.ofSeconds(10), 1, LoadSuite.GCM_X25519, true, true, LoadPlan.Auth.PSK,
        InProcessGateway.UD_IDENTITY, InProcessGateway.PSK, Optional.empty());
    LoadStats stats = new LoadStats(System.nanoTime(), 30);
    try (InProcessGateway gateway = InProcessGateway.start(new InProcessGateway.Options(1, 1, 8,
        OptionalInt.empty(), Optional.empty(), refusal.childSaPfs, refusal.maxChildSas), dir,
        host)) {
      byte[] psk = InProcessGateway.PSK.getBytes(StandardCharsets.UTF_8);
      IkeLoad.Auth auth = new IkeLoad.Auth(new Credentials.PreSharedKey(psk),
          Optional.of(new Credentials.PreSharedKey(psk.clone())), List.of());
      InetAddress ud = InetAddress.getByAddress(InProcessGateway.udAddress(0).bytes());
      LoadTarget cd = IkeLoad.target(plan, ud, InProcessGateway.UD_IDENTITY, auth,
          new InetSocketAddress(InetAddress.getByAddress(InProcessGateway.cdAddress(0).bytes()),
              500), InProcessGateway.cdIdentity(0));
      LoadWorker.Transport transport = gateway.transport(stats);
      ActorRef<LoadWorker.Command> worker = host.systemActorOf(LoadWorker.create(
          new LoadWorker.Plan(plan.pacing(), n -> cd, true, true, ud), stats, new AtomicLong(),
          context -> {
            context.getSelf().tell(new LoadWorker.TransportReady());
            return transport;
          }), "worker-0", Props.empty());
      gateway.deliverTo(w -> worker, 1, host);

      long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (stats.snapshot().failureCount() < 3 && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      worker.tell(new LoadWorker.StopStarting());
      while (stats.inFlight() > 0 && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      AskPattern.<LoadWorker.Command, LoadWorker.Finished>ask(worker, LoadWorker.Finish::new,
          Duration.ofSeconds(10), host.scheduler()).toCompletableFuture().get(15, TimeUnit.SECONDS);
    } finally {
      host.terminate();
      host.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    LoadStats.Snapshot s = stats.snapshot();
    IkeLoad.Result result = new IkeLoad.Result(plan, s, 2.0, s.established(), "not visible",
        Double.NaN, -1, 0, "", 0, List.of());
    String report = TextReport.of(result);
    assertTrue(s.established() >= 3, report);
    assertEquals(Map.of(refused, s.established()), s.failures(), report);
    assertEquals(s.established(), s.failureCount(), report);
    assertEquals(0, s.childSas(), report);
    assertEquals(s.established(), s.deleted(), report);
    assertEquals(0, s.unfinished(), report);
    assertTrue(report.contains("\nextra CHILD_SAs: 0\n"), report);
    assertTrue(report.contains("\n  " + refused + ": " + s.established() + "\n"), report);
  }
}

package net.iotgw.load.ike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The generator against the in-process gateway for a few seconds: CDs admitted in memory, the
 * gateway answering as each of them, every attempt going IKE_SA_INIT, IKE_AUTH, an extra
 * CREATE_CHILD_SA and a Delete. Asserts that SAs are established and nothing fails, never a rate.
 */
class IkeLoadAgainstInProcessGatewayTest {

  @Test
  void initiatorsEstablishChildSasAndDeleteThroughTheGatewayWithoutFailures() throws Exception {
    LoadPlan plan = new LoadPlan(new LoadPlan.Target.InProcess(4, 8),
        new LoadWorker.Pacing.Closed(6), Duration.ofSeconds(1), Duration.ofSeconds(3),
        Duration.ofSeconds(30), 2, LoadSuite.GCM_X25519, true, true, LoadPlan.Auth.PSK,
        InProcessGateway.UD_IDENTITY, InProcessGateway.PSK, Optional.empty());

    IkeLoad.Result r = IkeLoad.run(plan, new PrintStream(PrintStream.nullOutputStream()));

    LoadStats.Snapshot s = r.stats();
    assertTrue(s.established() > 0, TextReport.of(r));
    assertEquals(0, s.failureCount(), TextReport.of(r));
    assertEquals(0, s.unfinished(), TextReport.of(r));
    assertEquals(s.established(), s.childSas(), TextReport.of(r));
    assertEquals(s.established(), s.deleted(), TextReport.of(r));
    assertTrue(s.latency().count() >= r.windowEstablished() && r.windowEstablished() > 0,
        TextReport.of(r));
    assertTrue(r.cpuPercent() > 0, "the gateway's threads used no CPU: " + TextReport.of(r));
  }

  @Test
  void openLoopAgainstTheGatewayWithOtherSuitesEstablishesSas() throws Exception {
    for (LoadSuite suite : new LoadSuite[] {LoadSuite.CBC_ECP256, LoadSuite.CHACHA_X25519}) {
      LoadPlan plan = new LoadPlan(new LoadPlan.Target.InProcess(2, 8),
          new LoadWorker.Pacing.Open(20), Duration.ZERO, Duration.ofSeconds(2),
          Duration.ofSeconds(30), 1, suite, false, true, LoadPlan.Auth.PSK,
          InProcessGateway.UD_IDENTITY, InProcessGateway.PSK, Optional.empty());

      IkeLoad.Result r = IkeLoad.run(plan, new PrintStream(PrintStream.nullOutputStream()));

      assertTrue(r.stats().established() > 0, suite + "\n" + TextReport.of(r));
      assertEquals(0, r.stats().failureCount(), suite + "\n" + TextReport.of(r));
      assertEquals(r.stats().established(), r.stats().deleted(), TextReport.of(r));
    }
  }

  @Test
  void certificateAuthenticationBothWaysRfc7427EstablishesSas() throws Exception {
    LoadPlan plan = new LoadPlan(new LoadPlan.Target.InProcess(3, 8),
        new LoadWorker.Pacing.Closed(3), Duration.ZERO, Duration.ofSeconds(2),
        Duration.ofSeconds(30), 1, LoadSuite.GCM_X25519, false, true, LoadPlan.Auth.CERT,
        InProcessGateway.UD_IDENTITY, InProcessGateway.PSK, Optional.empty());

    IkeLoad.Result r = IkeLoad.run(plan, new PrintStream(PrintStream.nullOutputStream()));

    assertTrue(r.stats().established() > 0, TextReport.of(r));
    assertEquals(0, r.stats().failureCount(), TextReport.of(r));
    assertEquals(r.stats().established(), r.stats().deleted(), TextReport.of(r));
  }
}

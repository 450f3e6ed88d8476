package net.iotgw.load.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import net.iotgw.radio.emulator.MediumSettings;
import net.iotgw.sim.cd.CryptoOperation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claim rig with two CDs per mode, in one JVM: what the comparison rests on, never a rate.
 * Offloaded CDs get their CHILD_SA keys over PANA and do no public-key work; CDs without an IKE
 * profile run IKEv2 through the gateway themselves (which forwards their IKE and ESP as data),
 * paying one key pair and one agreement each, and end ESP under the SA they agreed.
 */
class ClaimRigInMemoryTest {
  @TempDir Path dir;

  @Test
  void offloadedCdsGetKeysWithoutPublicKeyWorkAndBaselineCdsRunIkeThemselvesThroughTheGateway()
      throws Exception {
    ClaimReport report = ClaimRun.run(
        new ClaimRun.Options(2, 1, Duration.ofSeconds(60), MediumSettings.defaults()), dir);
    PhaseFigures offload = report.offload();
    PhaseFigures baseline = report.baseline();

    assertEquals(2, offload.handshakes(), report::render);
    assertEquals(2, offload.keyDeliveries(), "one key delivery over PANA per offloaded CD");
    assertEquals(0, offload.crypto().count(CryptoOperation.PUBLIC_KEY), report::render);
    assertEquals(2, offload.echoes(), "ping through ESP to each offloaded CD");

    assertEquals(2, baseline.handshakes(), report::render);
    assertEquals(0, baseline.keyDeliveries(), "the gateway delivers no keys to a baseline CD");
    // RFC 7296 §2.14 with PSK: one ephemeral key pair and one agreement per handshake.
    assertEquals(4, baseline.crypto().count(CryptoOperation.PUBLIC_KEY), report::render);
    assertEquals(2, baseline.echoes(), "ping through each baseline CD's own ESP");

    assertTrue(baseline.cdOctetsSent() > offload.cdOctetsSent(), report::render);
    assertTrue(report.complete(), report::render);
  }
}

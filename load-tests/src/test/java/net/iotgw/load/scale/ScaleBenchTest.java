package net.iotgw.load.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scale benchmark at a small size: every SA asked for comes up and stays held by the gateway
 * (an ESP route and an IKE SA actor each), and the report has every stage and figure. The heap
 * figures themselves are not asserted: they are measurements, not properties.
 */
class ScaleBenchTest {

  @Test
  void fiftySasThroughTheGatewayWithThreeHundredProvisionedAllEstablishAndAreReported()
      throws Exception {
    ScaleReport r = ScaleBench.run(new ScaleReport.Settings(300, 50, 16, "gcm-x25519"),
        Duration.ofSeconds(60), new PrintStream(PrintStream.nullOutputStream()));
    String text = r.toText();

    assertEquals(50, r.outcome().established(), text);
    assertEquals(0, r.outcome().failed(), text);
    assertEquals(50, r.espRoutes(), text);
    assertEquals(50, r.ikeSaActors(), text);
    assertTrue(r.allEstablished(), text);
    assertEquals(List.of(ScaleReport.HOST, ScaleReport.EMPTY, ScaleReport.PROVISIONED,
            ScaleReport.ADMITTED, ScaleReport.ESTABLISHED_WITH_UDS, ScaleReport.ESTABLISHED,
            ScaleReport.ROUTES_CLEARED, ScaleReport.CLOSED),
        r.stages().stream().map(ScaleReport.Stage::name).toList());
    // A Device per admitted CD, an IKE SA actor per SA: the census sees each of them.
    assertEquals(r.stage(ScaleReport.PROVISIONED).userActors() + 50,
        r.stage(ScaleReport.ADMITTED).userActors(), text);
    assertEquals(r.stage(ScaleReport.ADMITTED).userActors() + 50,
        r.stage(ScaleReport.ESTABLISHED).userActors(), text);
    for (String row : List.of("| " + ScaleReport.PROVISIONED + " | 300 | 0 | 0 |",
        "| " + ScaleReport.ESTABLISHED + " | 300 | 50 | 50 |", "| per provisioned CD",
        "| per established IKE SA", "| of which its ESP route",
        "Per established IKE SA, largest growth by class",
        "| " + HeapOwner.PEKKO + " |",
        "Conditions: ")) {
      assertTrue(text.contains(row), row + " missing in\n" + text);
    }
    assertFalse(r.perSa().top().isEmpty(), text);
    assertEquals(r.stage(ScaleReport.ESTABLISHED).liveBytes()
            - r.stage(ScaleReport.ADMITTED).liveBytes(),
        r.perSa().byOwner().values().stream().mapToLong(Long::longValue).sum(), text);
  }
}

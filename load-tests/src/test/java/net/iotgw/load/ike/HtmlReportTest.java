package net.iotgw.load.ike;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir Path dir;

  @Test
  void writesOneHtmlFileWithTheFiguresAndTwoEmbeddedPngPlots() throws Exception {
    LoadStats stats = new LoadStats(0, 5);
    for (int i = 0; i < 300; i++) {
      stats.started();
      stats.established((i % 4) * 1_000_000_000L + 1, 40_000 + i * 100);
      stats.ended();
    }
    stats.failed("handshake: RETRANSMISSIONS_EXHAUSTED");
    LoadPlan plan = new LoadPlan(new LoadPlan.Target.InProcess(10, 8),
        new LoadWorker.Pacing.Closed(16), Duration.ZERO, Duration.ofSeconds(4),
        Duration.ofSeconds(1), 1, LoadSuite.GCM_X25519, false, true, LoadPlan.Auth.PSK,
        "ud@example.org", "0123456789abcdef", Optional.empty());
    IkeLoad.Result result = new IkeLoad.Result(plan, stats.snapshot(), 4.0, 300,
        "CPU of threads iotgw-*", 87.5, 64L << 20, 30.0, "", 120.0, List.of());
    Path file = dir.resolve("report.html");

    HtmlReport.write(result, file);

    String html = Files.readString(file);
    assertTrue(html.startsWith("<!DOCTYPE html>"), html.substring(0, 40));
    assertTrue(html.contains("established SAs/s: 75.0"), html);
    assertTrue(html.contains("handshake: RETRANSMISSIONS_EXHAUSTED: 1"), html);
    Matcher m = Pattern.compile(
            "<img alt=\"([^\"]+)\" src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"")
        .matcher(html);
    int images = 0;
    while (m.find()) {
      byte[] png = Base64.getDecoder().decode(m.group(2));
      assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8), m.group(1));
      // IHDR: width and height as drawn.
      assertEquals(HtmlReport.WIDTH, java.nio.ByteBuffer.wrap(png, 16, 4).getInt());
      assertEquals(HtmlReport.HEIGHT, java.nio.ByteBuffer.wrap(png, 20, 4).getInt());
      images++;
    }
    assertEquals(2, images);
  }
}

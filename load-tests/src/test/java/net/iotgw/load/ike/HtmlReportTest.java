package net.iotgw.load.ike;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir Path dir;

  @Test
  void writesOneHtmlFileWithTheFiguresAndThreeEmbeddedPngPlots() throws Exception {
    IkeLoad.Result result = result(resourcePoints());
    Path file = dir.resolve("report.html");

    HtmlReport.write(result, file);

    String html = Files.readString(file);
    assertTrue(html.startsWith("<!DOCTYPE html>"), html.substring(0, 40));
    assertTrue(html.contains("established SAs/s: 75.0"), html);
    assertTrue(html.contains("handshake: RETRANSMISSIONS_EXHAUSTED: 1"), html);
    Map<String, byte[]> images = images(html);
    assertEquals(List.of("throughput", "latency histogram", "target CPU and memory"),
        List.copyOf(images.keySet()));
    for (Map.Entry<String, byte[]> image : images.entrySet()) {
      byte[] png = image.getValue();
      assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8), image.getKey());
      // IHDR: width and height as drawn.
      assertEquals(HtmlReport.WIDTH, java.nio.ByteBuffer.wrap(png, 16, 4).getInt());
      assertEquals(HtmlReport.HEIGHT, java.nio.ByteBuffer.wrap(png, 20, 4).getInt());
    }
  }

  @Test
  void theResourcesPlotDrawsTargetCpuAndMemoryOnTwoAxesUnderItsTitle() throws Exception {
    IkeLoad.Result result = result(resourcePoints());

    JFreeChart chart = HtmlReport.resources(result);

    assertEquals(HtmlReport.RESOURCES_TITLE, chart.getTitle().getText());
    XYPlot plot = chart.getXYPlot();
    assertEquals(2, plot.getRangeAxisCount());
    assertEquals("CPU % (100 = one core)", plot.getRangeAxis(0).getLabel());
    assertEquals("memory (MiB)", plot.getRangeAxis(1).getLabel());
    // Samples 0.5 s apart; the probe's unreadable ones (NaN CPU, memory -1) are left out.
    XYDataset cpu = plot.getDataset(0);
    XYDataset memory = plot.getDataset(1);
    assertEquals("target CPU %", cpu.getSeriesKey(0));
    assertEquals(3, cpu.getItemCount(0));
    assertEquals(87.5, cpu.getYValue(0, 0));
    assertEquals(140.0, cpu.getYValue(0, 1));
    assertEquals("target memory MiB", memory.getSeriesKey(0));
    assertEquals(3, memory.getItemCount(0));
    assertEquals(64.0, memory.getYValue(0, 0));
    assertEquals(1.5, memory.getXValue(0, 2));
    assertTrue(chart.getSubtitle(1) instanceof TextTitle t
        && t.getText().equals("CPU of threads iotgw-*, heap used of the whole JVM"),
        String.valueOf(chart.getSubtitle(1)));
  }

  @Test
  void theResourcesImageInTheReportIsTheSamplesDrawnNotAnEmptyFrame() throws Exception {
    HtmlReport.write(result(resourcePoints()), dir.resolve("with.html"));
    HtmlReport.write(result(List.of()), dir.resolve("without.html"));

    byte[] with = images(Files.readString(dir.resolve("with.html"))).get("target CPU and memory");
    byte[] without =
        images(Files.readString(dir.resolve("without.html"))).get("target CPU and memory");

    BufferedImage drawn = ImageIO.read(new ByteArrayInputStream(with));
    BufferedImage empty = ImageIO.read(new ByteArrayInputStream(without));
    assertEquals(HtmlReport.WIDTH, drawn.getWidth());
    assertEquals(HtmlReport.HEIGHT, drawn.getHeight());
    int differing = 0;
    for (int y = 0; y < drawn.getHeight(); y++) {
      for (int x = 0; x < drawn.getWidth(); x++) {
        if (drawn.getRGB(x, y) != empty.getRGB(x, y)) {
          differing++;
        }
      }
    }
    // Two polylines and their axes' tick labels: hundreds of pixels, not a stray one.
    assertTrue(differing > 500, differing + " pixels differ");
  }

  /** Four samples: CPU unreadable in the first, memory in the last. */
  private static List<IkeLoad.ResourcePoint> resourcePoints() {
    return List.of(new IkeLoad.ResourcePoint(0.0, Double.NaN, 64L << 20),
        new IkeLoad.ResourcePoint(0.5, 87.5, 80L << 20),
        new IkeLoad.ResourcePoint(1.5, 140.0, 96L << 20),
        new IkeLoad.ResourcePoint(2.0, 120.0, -1));
  }

  private static Map<String, byte[]> images(String html) {
    Matcher m = Pattern.compile(
            "<img alt=\"([^\"]+)\" src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"")
        .matcher(html);
    Map<String, byte[]> images = new LinkedHashMap<>();
    while (m.find()) {
      images.put(m.group(1), Base64.getDecoder().decode(m.group(2)));
    }
    return images;
  }

  private static IkeLoad.Result result(List<IkeLoad.ResourcePoint> points) {
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
    return new IkeLoad.Result(plan, stats.snapshot(), 4.0, 300,
        "CPU of threads iotgw-*, heap used of the whole JVM", 87.5, 96L << 20, 30.0, "", 120.0,
        points);
  }
}

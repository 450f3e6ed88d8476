package net.iotgw.load.ike;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The run as one self-contained HTML page: the figures of {@link TextReport} and three plots drawn
 * by JFreeChart, embedded as PNG data URLs: established SAs per second over the run, the
 * histogram of handshake latencies, and the target's CPU and memory over the run as {@link
 * ResourceProbe} sampled them (what it sees: threads and heap of the in-process gateway, CPU and
 * RSS of a process given by pid; nothing for a remote target).
 */
public final class HtmlReport {
  static final int WIDTH = 900;
  static final int HEIGHT = 420;
  static final int BINS = 60;
  static final String RESOURCES_TITLE = "Target CPU and memory over time";

  private HtmlReport() {}

  public static void write(IkeLoad.Result result, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    String html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        + "<title>IKEv2 load: " + escape(result.plan().describe()) + "</title>"
        + "<style>body{font-family:sans-serif;margin:2em}pre{background:#f4f4f4;padding:1em}"
        + "</style></head><body>\n<h1>IKEv2 load generator</h1>\n<pre>"
        + escape(TextReport.of(result)) + "</pre>\n"
        + "<h2>Throughput over time</h2>\n" + image(throughput(result), "throughput") + "\n"
        + "<h2>Handshake latency</h2>\n" + image(latency(result), "latency histogram") + "\n"
        + "<h2>Target resources</h2>\n" + image(resources(result), "target CPU and memory")
        + "\n"
        + "</body></html>\n";
    Files.writeString(file, html, StandardCharsets.UTF_8);
  }

  static JFreeChart throughput(IkeLoad.Result result) {
    XYSeries series = new XYSeries("established SAs/s");
    long[] perSecond = result.stats().establishedPerSecond();
    int end = perSecond.length;
    while (end > 1 && perSecond[end - 1] == 0) {
      end--;
    }
    for (int i = 0; i < end; i++) {
      series.add(i + 1, perSecond[i]);
    }
    return ChartFactory.createXYLineChart("Established IKE SAs per second", "time (s)",
        "SAs/s", new XYSeriesCollection(series), PlotOrientation.VERTICAL, true, false, false);
  }

  static JFreeChart latency(IkeLoad.Result result) {
    long[] micros = result.stats().latencyMicros();
    HistogramDataset data = new HistogramDataset();
    double[] millis = new double[Math.max(1, micros.length)];
    for (int i = 0; i < micros.length; i++) {
      millis[i] = micros[i] / 1000.0;
    }
    data.addSeries("IKE_SA_INIT to established", millis, BINS);
    return ChartFactory.createHistogram("Handshake latency (" + micros.length + " SAs)",
        "latency (ms)", "SAs", data, PlotOrientation.VERTICAL, true, false, false);
  }

  /**
   * CPU (100% = one core, left axis) and memory in MiB (right axis) of the target at each sample;
   * a sample the probe could not read (NaN CPU, negative memory) is left out, so a remote target
   * gives an empty plot that says so in its subtitle.
   */
  static JFreeChart resources(IkeLoad.Result result) {
    XYSeries cpu = new XYSeries("target CPU %");
    XYSeries memory = new XYSeries("target memory MiB");
    for (IkeLoad.ResourcePoint p : result.resources()) {
      if (!Double.isNaN(p.cpuPercent())) {
        cpu.add(p.seconds(), p.cpuPercent());
      }
      if (p.memoryBytes() >= 0) {
        memory.add(p.seconds(), p.memoryBytes() / 1048576.0);
      }
    }
    JFreeChart chart = ChartFactory.createXYLineChart(RESOURCES_TITLE, "time (s)",
        "CPU % (100 = one core)", new XYSeriesCollection(cpu), PlotOrientation.VERTICAL, true,
        false, false);
    chart.addSubtitle(new TextTitle(result.resourcesMeasured()));
    XYPlot plot = chart.getXYPlot();
    NumberAxis mib = new NumberAxis("memory (MiB)");
    mib.setAutoRangeIncludesZero(true);
    plot.setRangeAxis(1, mib);
    plot.setDataset(1, new XYSeriesCollection(memory));
    plot.mapDatasetToRangeAxis(1, 1);
    XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
    lines.setSeriesPaint(0, java.awt.Color.BLUE);
    plot.setRenderer(1, lines);
    return chart;
  }

  private static String image(JFreeChart chart, String alt) throws IOException {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(png, chart, WIDTH, HEIGHT);
    return "<img alt=\"" + alt + "\" src=\"data:image/png;base64,"
        + Base64.getEncoder().encodeToString(png.toByteArray()) + "\">";
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}

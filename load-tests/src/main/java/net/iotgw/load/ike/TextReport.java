package net.iotgw.load.ike;

import java.util.Locale;
import java.util.Map;

/** The run's figures as text, for stdout and the benchmark scripts (one "key: value" a line). */
public final class TextReport {
  private TextReport() {}

  public static String of(IkeLoad.Result r) {
    LoadStats.Snapshot s = r.stats();
    LatencyRecorder.Summary l = s.latency();
    StringBuilder b = new StringBuilder();
    line(b, "conditions", r.plan().describe());
    line(b, "established SAs/s", String.format(Locale.ROOT, "%.1f", r.rate()));
    line(b, "attempts started", s.started());
    line(b, "established", s.established() + " (" + r.windowEstablished()
        + " in the measured window)");
    if (r.plan().childSa()) {
      line(b, "extra CHILD_SAs", s.childSas());
    }
    if (r.plan().delete()) {
      line(b, "deleted", s.deleted());
    }
    line(b, "latency ms p50/p90/p99/max (window)", String.format(Locale.ROOT,
        "%.1f / %.1f / %.1f / %.1f",
        l.p50() / 1000.0, l.p90() / 1000.0, l.p99() / 1000.0, l.max() / 1000.0));
    line(b, "retransmissions", s.retransmissions());
    line(b, "cookie challenges", s.cookies());
    line(b, "failures", s.failureCount());
    for (Map.Entry<String, Long> f : s.failures().entrySet()) {
      line(b, "  " + f.getKey(), f.getValue());
    }
    line(b, "unfinished at end", s.unfinished());
    if (s.strays() > 0) {
      line(b, "datagrams for no attempt in flight (late answers)", s.strays());
    }
    if (s.skipped() > 0) {
      line(b, "open-loop starts skipped (generator behind)", s.skipped());
    }
    if (s.failedSends() > 0) {
      line(b, "datagrams the transport dropped", s.failedSends());
    }
    line(b, "target resources", r.resourcesMeasured());
    line(b, "target CPU (100% = one core)", Double.isNaN(r.cpuPercent()) ? "n/a"
        : String.format(Locale.ROOT, "%.0f%%", r.cpuPercent()));
    line(b, "target memory peak MiB", r.peakMemoryBytes() < 0 ? "n/a"
        : String.format(Locale.ROOT, "%.1f", r.peakMemoryBytes() / 1048576.0));
    if (!r.targetNotes().isEmpty()) {
      line(b, "target counters", r.targetNotes());
    }
    line(b, "generator CPU (its own threads)",
        String.format(Locale.ROOT, "%.0f%%", r.generatorCpuPercent()));
    line(b, "generator JVM CPU (all threads: generator, in-process target, JIT, GC)",
        String.format(Locale.ROOT, "%.0f%%", r.jvmCpuPercent()));
    return b.toString();
  }

  private static void line(StringBuilder b, String key, Object value) {
    b.append(key).append(": ").append(value).append('\n');
  }
}

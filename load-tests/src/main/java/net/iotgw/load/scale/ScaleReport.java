package net.iotgw.load.scale;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a scale run: the heap at each stage, the figures derived from their differences,
 * the classes that account for them, the SAs' count checks and the conditions.
 *
 * @param stages in the order measured
 * @param perProvisioned growth from "gateway, empty store" to "provisioned", by class
 * @param perAdmitted growth from "provisioned" to "admitted", by class
 * @param perSa growth from "admitted" to "SAs established", by class
 * @param ud what the UD sessions held in this JVM (the generator's side), by class
 * @param routes the ESP forwarding table's share of the SAs, by class
 */
record ScaleReport(Settings settings, List<Stage> stages, UdFleet.Outcome outcome,
    int espRoutes, int ikeSaActors, Growth perProvisioned, Growth perAdmitted, Growth perSa,
    Growth ud, Growth routes, Conditions conditions) {

  /**
   * What grew between two stages.
   *
   * @param top the classes that grew most
   * @param byOwner the net change by {@link HeapOwner}: adds up to the whole change
   */
  record Growth(List<HeapHistogram.Entry> top, Map<String, Long> byOwner) {
    Growth {
      top = List.copyOf(top);
      byOwner = Map.copyOf(byOwner);
    }
  }

  /** What was asked. */
  record Settings(int provisioned, int sas, int window, String suite) {}

  /**
   * The heap at one point of the run.
   *
   * @param liveBytes live objects' bytes (class histogram, after a full GC)
   * @param heapUsedBytes the MemoryMXBean's used heap right after that full GC
   * @param userActors live actors under the gateway's user guardian; -1 when no gateway runs
   * @param seconds how long the stage took to reach this point (start, or handshakes)
   */
  record Stage(String name, int provisioned, int admitted, int sas, long liveBytes,
      long liveInstances, long heapUsedBytes, int userActors, double seconds) {}

  static final String HOST = "host only";
  static final String EMPTY = "gateway, empty store";
  static final String PROVISIONED = "provisioned";
  static final String ADMITTED = "admitted";
  static final String ESTABLISHED_WITH_UDS = "SAs established, UD sessions held";
  static final String ESTABLISHED = "SAs established";
  static final String ROUTES_CLEARED = "ESP routes cleared";
  static final String CLOSED = "gateway closed";

  Stage stage(String name) {
    return stages.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  /** Every SA asked for came up, each with its CHILD_SA routed and its actor alive. */
  boolean allEstablished() {
    return outcome.failed() == 0 && outcome.established() == settings.sas()
        && espRoutes == settings.sas() && ikeSaActors == settings.sas();
  }

  double bytesPerProvisioned() {
    return per(stage(PROVISIONED).liveBytes() - stage(EMPTY).liveBytes(), settings.provisioned());
  }

  double bytesPerAdmitted() {
    return per(stage(ADMITTED).liveBytes() - stage(PROVISIONED).liveBytes(), settings.sas());
  }

  double bytesPerSa() {
    return per(stage(ESTABLISHED).liveBytes() - stage(ADMITTED).liveBytes(), settings.sas());
  }

  double routeBytesPerSa() {
    return per(stage(ESTABLISHED).liveBytes() - stage(ROUTES_CLEARED).liveBytes(),
        settings.sas());
  }

  double udBytesPerSa() {
    return per(stage(ESTABLISHED_WITH_UDS).liveBytes() - stage(ESTABLISHED).liveBytes(),
        settings.sas());
  }

  private static double per(long bytes, int n) {
    return n == 0 ? Double.NaN : (double) bytes / n;
  }

  /** The report as Markdown: the stages, the figures, the top classes, the conditions. */
  String toText() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "Scale: %,d provisioned CDs, %,d IKE SAs (suite %s, "
        + "window %d)%n%n", settings.provisioned(), settings.sas(), settings.suite(),
        settings.window()));
    b.append("| stage | provisioned | admitted | SAs | live heap (histogram) | live objects "
        + "| heap used after full GC | actors under /user | seconds |\n");
    b.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    for (Stage s : stages) {
      b.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %s | %,d | %s | %s | %.1f |%n",
          s.name(), s.provisioned(), s.admitted(), s.sas(), mib(s.liveBytes()),
          s.liveInstances(), mib(s.heapUsedBytes()),
          s.userActors() < 0 ? "-" : String.format(Locale.ROOT, "%,d", s.userActors()),
          s.seconds()));
    }
    b.append('\n');
    b.append("| figure | bytes |\n|---|--:|\n");
    figure(b, "per provisioned CD (provisioned - empty store) / provisioned", bytesPerProvisioned());
    figure(b, "per admitted CD, its Device actor (admitted - provisioned) / SAs",
        bytesPerAdmitted());
    figure(b, "per established IKE SA with its CHILD_SA and ESP route (established - admitted) "
        + "/ SAs", bytesPerSa());
    figure(b, "of which its ESP route in the forwarder's table (established - routes cleared) "
        + "/ SAs", routeBytesPerSa());
    figure(b, "per SA on the UD side, in this JVM, not the gateway's (held - released) / SAs",
        udBytesPerSa());
    b.append('\n');
    b.append(String.format(Locale.ROOT, "SAs: %,d asked, %,d established, %,d failed %s; "
            + "gateway: %,d ESP routes, %,d IKE SA actors; UD retransmissions %,d; "
            + "handshakes took %.1f s (%.0f SAs/s, informative)%n%n",
        outcome.asked(), outcome.established(), outcome.failed(),
        outcome.failures().isEmpty() ? "" : outcome.failures(), espRoutes, ikeSaActors,
        outcome.retransmissions(), outcome.took().toMillis() / 1000.0,
        outcome.established() / Math.max(1e-3, outcome.took().toMillis() / 1000.0)));
    owners(b, settings.provisioned(), settings.sas());
    top(b, "Per established IKE SA, largest growth by class", perSa.top(), settings.sas());
    top(b, "Per SA, its ESP route, largest share by class", routes.top(), settings.sas());
    top(b, "Per admitted CD (Device actor), largest growth by class", perAdmitted.top(),
        settings.sas());
    top(b, "Per provisioned CD, largest growth by class", perProvisioned.top(),
        settings.provisioned());
    top(b, "Per SA on the UD side (generator), largest growth by class", ud.top(),
        settings.sas());
    Conditions c = conditions;
    b.append(String.format(Locale.ROOT, "Conditions: %s; max heap %s; JVM flags %s; GC %s; "
            + "%d processors, %s physical memory; %s; started %s; load average %.2f at start, "
            + "%.2f at end. Heap = live objects of GC.class_histogram (HotSpot's, full GC "
            + "first) of this JVM, which also holds the generator.%n",
        c.jvm(), mib(c.maxHeapBytes()), c.jvmArguments(), c.collectors(), c.processors(),
        mib(c.physicalMemoryBytes()), c.os(), c.startedAt(), c.loadAtStart(), c.loadAtEnd()));
    return b.toString();
  }

  /** The three gateway figures split by owner, one column each. */
  private void owners(StringBuilder b, int provisioned, int sas) {
    if (provisioned == 0 || sas == 0) {
      return;
    }
    b.append("By owner (bytes each; the rows add up to the figures above):\n\n"
        + "| owner | per provisioned CD | per admitted CD | per established IKE SA |\n"
        + "|---|--:|--:|--:|\n");
    for (String owner : List.of(HeapOwner.BYTES, HeapOwner.OURS, HeapOwner.PEKKO,
        HeapOwner.BOUNCY_CASTLE, HeapOwner.JDK)) {
      b.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f |%n", owner,
          (double) perProvisioned.byOwner().getOrDefault(owner, 0L) / provisioned,
          (double) perAdmitted.byOwner().getOrDefault(owner, 0L) / sas,
          (double) perSa.byOwner().getOrDefault(owner, 0L) / sas));
    }
    b.append('\n');
  }

  private static void figure(StringBuilder b, String what, double bytes) {
    b.append(String.format(Locale.ROOT, "| %s | %s |%n", what,
        Double.isNaN(bytes) ? "n/a" : String.format(Locale.ROOT, "%,.0f", bytes)));
  }

  private static void top(StringBuilder b, String title, List<HeapHistogram.Entry> entries,
      int n) {
    if (n == 0 || entries.isEmpty()) {
      return;
    }
    b.append(title).append(":\n\n| class | bytes each | instances each |\n|---|--:|--:|\n");
    for (HeapHistogram.Entry e : entries) {
      if (e.bytes() * 2 < n) {
        continue; // under half a byte each: noise of the runtime, not part of the unit
      }
      b.append(String.format(Locale.ROOT, "| `%s` | %,.1f | %.2f |%n", e.className(),
          (double) e.bytes() / n, (double) e.instances() / n));
    }
    b.append('\n');
  }

  private static String mib(long bytes) {
    return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%,.1f MiB", bytes / 1048576.0);
  }

  /** Failures by reason, for a message. */
  Map<String, Integer> failures() {
    return outcome.failures();
  }
}

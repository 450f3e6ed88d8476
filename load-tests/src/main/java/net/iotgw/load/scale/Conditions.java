package net.iotgw.load.scale;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where a figure was taken: the JVM, its heap limit and flags, its collectors, the machine's
 * processors and memory, and the system load average at the start and end of the run (the machine
 * is shared, so that load is part of the conditions).
 */
record Conditions(String jvm, long maxHeapBytes, List<String> jvmArguments, String collectors,
    int processors, long physicalMemoryBytes, String os, Instant startedAt, double loadAtStart,
    double loadAtEnd) {

  static Conditions atStart() {
    var runtime = ManagementFactory.getRuntimeMXBean();
    long physical = ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
        ? os.getTotalMemorySize()
        : -1;
    return new Conditions(
        runtime.getVmName() + " " + System.getProperty("java.runtime.version"),
        Runtime.getRuntime().maxMemory(), List.copyOf(runtime.getInputArguments()),
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", ")),
        Runtime.getRuntime().availableProcessors(), physical,
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"),
        Instant.now().truncatedTo(ChronoUnit.SECONDS), loadAverage(), Double.NaN);
  }

  Conditions atEnd() {
    return new Conditions(jvm, maxHeapBytes, jvmArguments, collectors, processors,
        physicalMemoryBytes, os, startedAt, loadAtStart, loadAverage());
  }

  /** The 1-minute load average, NaN where the OS has none. */
  private static double loadAverage() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? Double.NaN : load;
  }
}

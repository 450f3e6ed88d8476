package net.iotgw.sim.medium;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** The current thread's CPU time, where the JVM measures it (0 everywhere else). */
final class CpuTime {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean SUPPORTED = THREADS.isCurrentThreadCpuTimeSupported()
      && THREADS.isThreadCpuTimeEnabled();

  private CpuTime() {}

  static long now() {
    return SUPPORTED ? THREADS.getCurrentThreadCpuTime() : 0;
  }
}

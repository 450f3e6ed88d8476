package net.iotgw.load.ike;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The target's CPU time and memory, where the generator can see them: the in-process gateway's
 * threads (its actor system names them) and the JVM's heap, or a process's {@code /proc} entry
 * (charon given {@code --target-pid}).
 */
public interface ResourceProbe {
  /** CPU time used so far, and memory in use now; empty if the target cannot be read. */
  Optional<Sample> sample();

  /** What is measured, for the report. */
  String what();

  record Sample(long cpuNanos, long memoryBytes) {}

  /** Nothing to see (a remote target). */
  static ResourceProbe none() {
    return new ResourceProbe() {
      @Override
      public Optional<Sample> sample() {
        return Optional.empty();
      }

      @Override
      public String what() {
        return "not visible";
      }
    };
  }

  /**
   * CPU of the live threads whose name starts with {@code threadPrefix} (a Pekko actor system
   * names its threads after itself), heap in use of the whole JVM (the generator's share too).
   */
  static ResourceProbe jvmThreads(String threadPrefix) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    return new ResourceProbe() {
      @Override
      public Optional<Sample> sample() {
        long cpu = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
          if (t != null && t.getThreadName().startsWith(threadPrefix)) {
            cpu += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
          }
        }
        return Optional.of(new Sample(cpu,
            ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()));
      }

      @Override
      public String what() {
        return "CPU of threads " + threadPrefix + "*, heap used of the whole JVM";
      }
    };
  }

  /** utime + stime (at 100 ticks/s, Linux's USER_HZ) and VmRSS of a process. */
  static ResourceProbe process(long pid) {
    return new ResourceProbe() {
      @Override
      public Optional<Sample> sample() {
        try {
          String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
          // Fields after the command name, which is in parentheses and may hold spaces.
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
          long rss = 0;
          for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
              rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
          }
          return Optional.of(new Sample(ticks * 10_000_000L, rss));
        } catch (IOException | RuntimeException e) {
          return Optional.empty();
        }
      }

      @Override
      public String what() {
        return "CPU and resident memory of process " + pid + " (/proc)";
      }
    };
  }
}

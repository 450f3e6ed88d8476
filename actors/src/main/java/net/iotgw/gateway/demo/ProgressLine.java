package net.iotgw.gateway.demo;

import java.io.PrintWriter;

/**
 * A plain-text progress bar per phase. On a terminal it is redrawn in place with a carriage
 * return as the phase advances; elsewhere (a pipe, a log, a test) each phase prints one line, when
 * it ends, so that output stays readable.
 */
final class ProgressLine {
  private static final int WIDTH = 30;

  private final PrintWriter out;
  private final boolean terminal;
  private int lastLength;

  ProgressLine(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** Redraws the bar of a phase under way (terminal only). */
  void update(String phase, int ok, int failed, int total, long elapsedNanos) {
    if (terminal) {
      String line = render(phase, ok, failed, total, elapsedNanos);
      out.print('\r' + line + " ".repeat(Math.max(0, lastLength - line.length())));
      out.flush();
      lastLength = line.length();
    }
  }

  /** The phase's last state, on a line of its own. */
  void finish(String phase, int ok, int failed, int total, long elapsedNanos) {
    String line = render(phase, ok, failed, total, elapsedNanos);
    if (terminal) {
      out.print('\r' + line + " ".repeat(Math.max(0, lastLength - line.length())) + '\n');
    } else {
      out.println(line);
    }
    out.flush();
    lastLength = 0;
  }

  static String render(String phase, int ok, int failed, int total, long elapsedNanos) {
    int done = ok + failed;
    int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
    return String.format("%-11s [%s%s] %5d/%-5d ok %d, failed %d  %5.1f s", phase,
        "#".repeat(filled), "-".repeat(WIDTH - filled), done, total, ok, failed,
        elapsedNanos / 1e9);
  }
}

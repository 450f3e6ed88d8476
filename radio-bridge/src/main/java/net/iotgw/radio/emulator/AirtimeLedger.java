package net.iotgw.radio.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The medium's own account of what it carried: for every frame, the interval it occupied the
 * channel and its bits (PHY overhead included), summed into fixed windows. A frame that spans a
 * window boundary is split in proportion to its time in each, so a window's bits are exactly the
 * channel's busy time in it times the bit rate: a window above the bit rate can only come from
 * overlapping frames, that is from broken pacing. Times are nanoseconds on the medium's clock
 * ({@link RadioMedium#nowNanos()}).
 *
 * <p>Keeps the most recent {@code history} windows. Written by the medium's stage, read from any
 * thread.
 */
public final class AirtimeLedger {

  /** One window: {@code bits} carried in {@code [startNanos, startNanos + lengthNanos)}. */
  public record Window(long startNanos, long lengthNanos, double bits) {
    public double bitsPerSecond() {
      return bits * 1e9 / lengthNanos;
    }
  }

  private final long windowNanos;
  private final double[] bits;
  private final long[] windowOf;
  private long frames;
  private long totalBits;
  private long busyNanos;
  private long firstWindow = -1;
  private long lastWindow = -1;
  private long lastEnd = Long.MIN_VALUE;
  private long overlaps;

  AirtimeLedger(long windowNanos, int history) {
    if (windowNanos <= 0 || history < 1) {
      throw new IllegalArgumentException("window and history must be positive");
    }
    this.windowNanos = windowNanos;
    this.bits = new double[history];
    this.windowOf = new long[history];
    java.util.Arrays.fill(windowOf, -1);
  }

  synchronized void record(long startNanos, long endNanos, long frameBits) {
    if (endNanos <= startNanos || startNanos < 0) {
      throw new IllegalArgumentException("empty or negative interval");
    }
    if (startNanos < lastEnd) {
      overlaps++;
    }
    lastEnd = Math.max(lastEnd, endNanos);
    frames++;
    totalBits += frameBits;
    busyNanos += endNanos - startNanos;
    long first = startNanos / windowNanos;
    long last = (endNanos - 1) / windowNanos;
    for (long w = first; w <= last; w++) {
      long from = Math.max(startNanos, w * windowNanos);
      long to = Math.min(endNanos, (w + 1) * windowNanos);
      add(w, frameBits * (double) (to - from) / (endNanos - startNanos));
    }
  }

  private void add(long window, double value) {
    int slot = (int) (window % bits.length);
    if (windowOf[slot] != window) {
      windowOf[slot] = window;
      bits[slot] = 0;
    }
    bits[slot] += value;
    if (firstWindow < 0) {
      firstWindow = window;
    }
    lastWindow = Math.max(lastWindow, window);
  }

  public synchronized long frames() {
    return frames;
  }

  public synchronized long totalBits() {
    return totalBits;
  }

  /** Sum of the frames' air times. */
  public synchronized long busyNanos() {
    return busyNanos;
  }

  /** Frames booked to start before the previous one ended: zero unless pacing is broken. */
  public synchronized long overlaps() {
    return overlaps;
  }

  public long windowNanos() {
    return windowNanos;
  }

  /** The windows still held, oldest first, including empty ones between busy ones. */
  public synchronized List<Window> windows() {
    List<Window> out = new ArrayList<>();
    if (lastWindow < 0) {
      return out;
    }
    long from = Math.max(firstWindow, lastWindow - bits.length + 1);
    for (long w = from; w <= lastWindow; w++) {
      int slot = (int) (w % bits.length);
      out.add(new Window(w * windowNanos, windowNanos, windowOf[slot] == w ? bits[slot] : 0));
    }
    return out;
  }

  /** The busiest window's rate, in bits per second. */
  public double peakBitsPerSecond() {
    return windows().stream().mapToDouble(Window::bitsPerSecond).max().orElse(0);
  }

  /** Average rate over the windows that overlap {@code [fromNanos, toNanos)}. */
  public double bitsPerSecond(long fromNanos, long toNanos) {
    double sum = 0;
    long span = 0;
    for (Window w : windows()) {
      if (w.startNanos() + w.lengthNanos() > fromNanos && w.startNanos() < toNanos) {
        sum += w.bits();
        span += w.lengthNanos();
      }
    }
    return span == 0 ? 0 : sum * 1e9 / span;
  }
}

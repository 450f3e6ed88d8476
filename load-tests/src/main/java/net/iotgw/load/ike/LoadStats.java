package net.iotgw.load.ike;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the workers of one run count, from any thread: attempts, outcomes, retransmissions, COOKIE
 * challenges, handshake latencies, and established SAs per second of the run for the throughput
 * plot. Times are {@link System#nanoTime} from {@code startNanos}.
 */
public final class LoadStats {
  private final long startNanos;
  private final AtomicLongArray establishedPerSecond;
  private final LongAdder started = new LongAdder();
  private final LongAdder established = new LongAdder();
  private final LongAdder childSas = new LongAdder();
  private final LongAdder deleted = new LongAdder();
  private final LongAdder retransmissions = new LongAdder();
  private final LongAdder cookies = new LongAdder();
  private final LongAdder strays = new LongAdder();
  private final LongAdder unfinished = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private final LongAdder failedSends = new LongAdder();
  private final LongAdder ended = new LongAdder();
  private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
  private final LatencyRecorder latency = new LatencyRecorder();
  /** Latencies of SAs established before this are not recorded (the warm-up). */
  private volatile long measureFromNanos;

  /** @param seconds how many one-second buckets the timeline holds (later ones go in the last) */
  public LoadStats(long startNanos, int seconds) {
    this.startNanos = startNanos;
    this.measureFromNanos = startNanos;
    this.establishedPerSecond = new AtomicLongArray(Math.max(1, seconds));
  }

  public long startNanos() {
    return startNanos;
  }

  public void started() {
    started.increment();
  }

  /** An IKE SA with its first CHILD_SA is up, {@code micros} after its IKE_SA_INIT went out. */
  public void established(long nowNanos, long micros) {
    established.increment();
    if (nowNanos >= measureFromNanos) {
      latency.record(micros);
    }
    int second = (int) Math.min(establishedPerSecond.length() - 1,
        Math.max(0, (nowNanos - startNanos) / 1_000_000_000L));
    establishedPerSecond.incrementAndGet(second);
  }

  /** An attempt is over, whichever way. */
  public void ended() {
    ended.increment();
  }

  /** Attempts started and not over. */
  public long inFlight() {
    return started.sum() - ended.sum();
  }

  /** From now on, latencies count. */
  public void measureFrom(long nowNanos) {
    measureFromNanos = nowNanos;
  }

  public void childSa() {
    childSas.increment();
  }

  public void deleted() {
    deleted.increment();
  }

  public void failed(String reason) {
    failures.computeIfAbsent(reason, r -> new LongAdder()).increment();
  }

  public void retransmissions(int n) {
    retransmissions.add(n);
  }

  public void cookie() {
    cookies.increment();
  }

  /** A datagram for no attempt of ours (late answer to a finished one). */
  public void stray() {
    strays.increment();
  }

  /** Attempts still in flight when the run's drain time ran out. */
  public void unfinished(int n) {
    unfinished.add(n);
  }

  /** Open-loop starts dropped because the generator fell behind its own schedule. */
  public void skipped(long n) {
    skipped.add(n);
  }

  /** A datagram the transport could not take (queue or socket buffer full). */
  public void failedSend() {
    failedSends.increment();
  }

  public long establishedCount() {
    return established.sum();
  }

  public long failureCount() {
    return failures.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Everything counted so far. */
  public Snapshot snapshot() {
    long[] perSecond = new long[establishedPerSecond.length()];
    for (int i = 0; i < perSecond.length; i++) {
      perSecond[i] = establishedPerSecond.get(i);
    }
    Map<String, Long> f = new TreeMap<>();
    failures.forEach((k, v) -> f.put(k, v.sum()));
    return new Snapshot(started.sum(), established.sum(), childSas.sum(), deleted.sum(), f,
        retransmissions.sum(), cookies.sum(), strays.sum(), unfinished.sum(), skipped.sum(),
        failedSends.sum(), latency.sorted(), perSecond);
  }

  /**
   * @param latencyMicros every handshake latency, sorted
   * @param establishedPerSecond established SAs in each second of the run (the last bucket holds
   *     whatever came later)
   */
  public record Snapshot(long started, long established, long childSas, long deleted,
      Map<String, Long> failures, long retransmissions, long cookies, long strays,
      long unfinished, long skipped, long failedSends, long[] latencyMicros,
      long[] establishedPerSecond) {

    public long failureCount() {
      return failures.values().stream().mapToLong(Long::longValue).sum();
    }

    public LatencyRecorder.Summary latency() {
      return LatencyRecorder.Summary.of(latencyMicros);
    }

    /** Established SAs in the first {@code seconds} seconds, per second. */
    public double ratePerSecond(int seconds) {
      long n = 0;
      for (int i = 0; i < Math.min(seconds, establishedPerSecond.length); i++) {
        n += establishedPerSecond[i];
      }
      return seconds == 0 ? 0 : (double) n / seconds;
    }
  }
}

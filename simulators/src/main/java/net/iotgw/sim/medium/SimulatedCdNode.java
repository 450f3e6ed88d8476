package net.iotgw.sim.medium;

import java.util.List;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import net.iotgw.radio.emulator.NodeHandle;
import net.iotgw.radio.emulator.RadioNode;
import net.iotgw.sim.cd.CdStats;
import net.iotgw.sim.cd.JoinState;
import net.iotgw.sim.cd.JoinStatus;
import net.iotgw.sim.cd.SimulatedCd;

/**
 * A {@link SimulatedCd} as a station of the emulator's radio medium. Two threads reach it: the
 * medium's delivery thread with frames ({@link #onFrame}) and the simulator's scheduler tick with
 * the time ({@link #tick}), which starts the CD's join when its moment comes and fires its timers.
 * Every call into the CD holds this node's lock, and the frames it makes are queued on the medium
 * under that lock, so they go on the air in the order the CD made them (the gateway refuses a
 * secured frame whose counter is below one it has accepted). After each call the adapter
 * publishes the CD's counters, join status and next deadline for readers on other threads.
 */
final class SimulatedCdNode implements RadioNode {
  private static final long NEVER = Long.MAX_VALUE;

  private final SimulatedCd cd;
  private final LongSupplier clockMillis;
  private final RandomGenerator random;
  private final long rejoinWindowMillis;
  private volatile NodeHandle handle;
  private volatile CdStats stats = CdStats.ZERO;
  private volatile JoinStatus status = JoinStatus.NEVER_JOINED;
  /** The earliest of the join start and the CD's deadline: a tick before it has nothing to do. */
  private volatile long due = NEVER;
  /** When the CD (re)starts its join; guarded by this. */
  private long startAt = NEVER;
  /** CPU time the CD's own work took, on whichever thread ran it; guarded by this. */
  private long cpuNanos;
  private volatile long publishedCpuNanos;

  /**
   * @param random for the rejoin backoff; used under this node's lock only
   * @param rejoinWindowMillis a CD whose session ended restarts within 1 s plus this window
   */
  SimulatedCdNode(SimulatedCd cd, LongSupplier clockMillis, RandomGenerator random,
      long rejoinWindowMillis) {
    this.cd = cd;
    this.clockMillis = clockMillis;
    this.random = random;
    this.rejoinWindowMillis = rejoinWindowMillis;
  }

  SimulatedCdNode(SimulatedCd cd, LongSupplier clockMillis) {
    this(cd, clockMillis, null, 0);
  }

  /** The medium's handle, through which the CD transmits. */
  void attached(NodeHandle h) {
    this.handle = h;
  }

  /** The CD starts its join at {@code atMillis} (a CD with credentials only). */
  synchronized void joinAt(long atMillis) {
    if (!cd.joins()) {
      throw new IllegalStateException(cd + " has no credentials");
    }
    startAt = atMillis;
    publish(clockMillis.getAsLong());
  }

  @Override
  public long extendedAddress() {
    return cd.extendedAddress();
  }

  @Override
  public int shortAddress() {
    return cd.shortAddress();
  }

  @Override
  public List<byte[]> onFrame(byte[] psdu) {
    synchronized (this) {
      long now = clockMillis.getAsLong();
      long cpu = CpuTime.now();
      List<byte[]> replies = cd.onFrame(psdu, now);
      cpuNanos += CpuTime.now() - cpu;
      publish(now);
      NodeHandle h = handle;
      if (h == null) {
        return replies; // attached a moment ago: the medium queues them itself
      }
      replies.forEach(h::transmit);
      return List.of();
    }
  }

  /** Starts the join or fires the CD's timers if due at {@code now}; cheap when nothing is. */
  void tick(long now) {
    if (now < due) {
      return;
    }
    synchronized (this) {
      long cpu = CpuTime.now();
      if (startAt <= now) {
        startAt = NEVER;
        transmit(cd.start(now));
      }
      if (cd.nextDeadline().orElse(NEVER) <= now) {
        transmit(cd.onTimer(now));
      }
      cpuNanos += CpuTime.now() - cpu;
      publish(now);
    }
  }

  /**
   * Runs {@code action} on the CD under this node's lock, with the medium's time, and transmits
   * the PSDUs it returns (a host making the CD act: start its own IKE SA, say).
   */
  synchronized void act(java.util.function.BiFunction<SimulatedCd, Long, List<byte[]>> action) {
    long now = clockMillis.getAsLong();
    long cpu = CpuTime.now();
    List<byte[]> psdus = action.apply(cd, now);
    cpuNanos += CpuTime.now() - cpu;
    transmit(psdus);
    publish(now);
  }

  /** What {@code query} reads from the CD, under this node's lock. */
  synchronized <T> T read(java.util.function.Function<SimulatedCd, T> query) {
    return query.apply(cd);
  }

  /** CPU time spent in the CD's own calls so far; safe from any thread. */
  long cpuNanos() {
    return publishedCpuNanos;
  }

  private void transmit(List<byte[]> psdus) {
    NodeHandle h = handle;
    if (h != null) {
      psdus.forEach(h::transmit);
    }
  }

  /** Guarded by this: a CD whose session ended (not rejected) starts again after a backoff. */
  private void publish(long now) {
    JoinStatus s = cd.joinStatus();
    if (s.state() == JoinState.NOT_JOINED && s.lastEnd().isPresent() && startAt == NEVER
        && random != null) {
      startAt = now + 1_000 + (rejoinWindowMillis > 0 ? random.nextLong(rejoinWindowMillis) : 0);
    }
    stats = cd.stats();
    publishedCpuNanos = cpuNanos;
    status = s;
    due = Math.min(startAt, cd.nextDeadline().orElse(NEVER));
  }

  /**
   * Runs {@code action} on the CD under its lock with the time, as a frame or tick would, and
   * puts the frames it returns on the air (a host asking the CD to do something of its own).
   */
  synchronized void drive(java.util.function.BiFunction<SimulatedCd, Long, List<byte[]>> action) {
    long now = clockMillis.getAsLong();
    transmit(action.apply(cd, now));
    publish(now);
  }

  /** A value read from the CD under its lock. */
  synchronized <T> T inspect(java.util.function.Function<SimulatedCd, T> query) {
    return query.apply(cd);
  }

  /** Zeroes the CD's keys; it is not to be used afterwards. */
  synchronized void destroy() {
    startAt = NEVER;
    cd.destroy();
    publish(clockMillis.getAsLong());
  }

  /** The CD's counters after the last frame or tick it handled; safe from any thread. */
  CdStats stats() {
    return stats;
  }

  /** The CD's join status after the last frame or tick it handled; safe from any thread. */
  JoinStatus joinStatus() {
    return status;
  }

  SimulatedCd cd() {
    return cd;
  }

  /** The CD's current link key as hex, under the CD's lock; empty while not admitted. */
  synchronized java.util.Optional<String> linkKeyHex() {
    return cd.linkKeyForDebug().map(k -> {
      String hex = java.util.HexFormat.of().formatHex(k);
      java.util.Arrays.fill(k, (byte) 0);
      return hex;
    });
  }
}

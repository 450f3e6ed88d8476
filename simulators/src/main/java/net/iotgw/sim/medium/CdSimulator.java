package net.iotgw.sim.medium;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;
import net.iotgw.radio.emulator.MediumSettings;
import net.iotgw.radio.emulator.MediumStats;
import net.iotgw.radio.emulator.RadioMedium;
import net.iotgw.sim.cd.CdPopulation;
import net.iotgw.sim.cd.CdStats;
import net.iotgw.sim.cd.JoinStatus;
import net.iotgw.sim.cd.SimulatedCd;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A population of simulated CDs on a running radio medium: what {@code cd-sim} serves behind its
 * emulated dongle ({@link net.iotgw.radio.emulator.DongleEmulator}, attached by the caller).
 *
 * <p>CDs with credentials enter the network: each starts its PANA join at a random moment within
 * the join window, as real devices powering up together back off at random, and one Pekko
 * scheduler tick drives every CD's timers (retransmissions, lifetime, rejoin); the simulator has
 * no threads of its own.
 */
public final class CdSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CdSimulator.class);

  /** How often the CDs' deadlines are checked: timers fire at most this late. */
  static final Duration TICK = Duration.ofMillis(20);

  /**
   * When CDs with credentials join.
   *
   * @param delay the window opens this long after the start, or after the signal of {@link
   *     #startWhen} (time for the gateway to come up: a PCI that goes unanswered is retransmitted
   *     ever more slowly, RFC 5191 §9)
   * @param window each CD starts at a uniformly random offset within it (and a CD whose session
   *     ended restarts within 1 s plus it)
   * @param seed of the offsets and backoffs
   */
  public record JoinSchedule(Duration delay, Duration window, long seed) {
    public static final JoinSchedule DEFAULT =
        new JoinSchedule(Duration.ZERO, Duration.ofSeconds(5), 1);
  }

  /** Where the population stands in network entry; times are from the simulator's start. */
  public record JoinProgress(int admitted, int rejected, int joining, int notJoined,
      OptionalLong firstAdmittedMillis, OptionalLong lastAdmittedMillis) {}

  private static final long NO_JOIN = Long.MIN_VALUE;

  private final RadioMedium medium;
  private final List<SimulatedCdNode> nodes;
  /** Per CD, when it joins after the window opens; {@link #NO_JOIN} for CDs that do not. */
  private final long[] joinOffsets;
  private final LongSupplier clockMillis;
  private final long startedAtMillis;
  private final Cancellable ticker;
  /** Guarded by this. */
  private long joinWindowOpenedAt = NO_JOIN;
  /** Guarded by this. */
  private boolean closed;

  private CdSimulator(RadioMedium medium, List<SimulatedCdNode> nodes, long[] joinOffsets,
      LongSupplier clockMillis, long startedAtMillis, Cancellable ticker) {
    this.medium = medium;
    this.nodes = List.copyOf(nodes);
    this.joinOffsets = joinOffsets;
    this.clockMillis = clockMillis;
    this.startedAtMillis = startedAtMillis;
    this.ticker = ticker;
  }

  public static CdSimulator start(
      CdPopulation population, MediumSettings settings, ClassicActorSystemProvider system) {
    return start(population, settings, system, JoinSchedule.DEFAULT);
  }

  public static CdSimulator start(CdPopulation population, MediumSettings settings,
      ClassicActorSystemProvider system, JoinSchedule schedule) {
    CdSimulator sim = create(population, settings, system, schedule);
    sim.openJoinWindow(sim.startedAtMillis);
    return sim;
  }

  /**
   * As {@link #start(CdPopulation, MediumSettings, ClassicActorSystemProvider, JoinSchedule)},
   * but the join window opens ({@code schedule.delay()} later) only when {@code opens} completes
   * for the running medium: typically {@code medium -> medium.listening(gatewayEui64)}, so that
   * the CDs power up once the gateway hears the channel, however long its radio took, instead of
   * after a guessed delay. If it fails, or never completes, nobody joins.
   */
  public static CdSimulator startWhen(CdPopulation population, MediumSettings settings,
      ClassicActorSystemProvider system, JoinSchedule schedule,
      Function<RadioMedium, CompletionStage<?>> opens) {
    CdSimulator sim = create(population, settings, system, schedule);
    opens.apply(sim.medium).whenComplete((ok, failure) -> {
      if (failure == null) {
        sim.openJoinWindow(sim.clockMillis.getAsLong());
      } else {
        LOG.warn("the CDs' join window never opened", failure);
      }
    });
    return sim;
  }

  private static CdSimulator create(CdPopulation population, MediumSettings settings,
      ClassicActorSystemProvider system, JoinSchedule schedule) {
    RadioMedium medium = RadioMedium.start(settings, system);
    // Monotonic: the CDs' reassembly, CoAP deduplication and PANA timers must not see clock steps.
    LongSupplier clockMillis = () -> System.nanoTime() / 1_000_000;
    long start = clockMillis.getAsLong();
    SplittableRandom random = new SplittableRandom(schedule.seed());
    long window = schedule.window().toMillis();
    List<SimulatedCdNode> nodes = new ArrayList<>();
    long[] offsets = new long[population.devices().size()];
    boolean anyJoins = false;
    for (SimulatedCd cd : population.devices()) {
      SimulatedCdNode node = new SimulatedCdNode(cd, clockMillis, random.split(), window);
      node.attached(medium.attach(node));
      offsets[nodes.size()] = NO_JOIN;
      if (cd.joins()) {
        offsets[nodes.size()] = schedule.delay().toMillis()
            + (window > 0 ? random.nextLong(window) : 0);
        anyJoins = true;
      }
      nodes.add(node);
    }
    Cancellable ticker = null;
    if (anyJoins) {
      ActorSystem classic = system.classicSystem();
      ticker = classic.scheduler().scheduleWithFixedDelay(TICK, TICK,
          () -> tick(nodes, clockMillis.getAsLong()), classic.dispatcher());
    }
    return new CdSimulator(medium, nodes, offsets, clockMillis, start, ticker);
  }

  /** Each CD with credentials starts its join at its offset from {@code atMillis}; once only. */
  private synchronized void openJoinWindow(long atMillis) {
    if (closed || joinWindowOpenedAt != NO_JOIN) {
      return;
    }
    joinWindowOpenedAt = atMillis;
    for (int i = 0; i < nodes.size(); i++) {
      if (joinOffsets[i] != NO_JOIN) {
        nodes.get(i).joinAt(atMillis + joinOffsets[i]);
      }
    }
  }

  /**
   * When the join window opened (before its {@link JoinSchedule#delay()}), on the clock of {@link
   * JoinStatus#joinStartedAt()}: {@code System.nanoTime()} in milliseconds. Empty while it has
   * not.
   */
  public synchronized OptionalLong joinWindowOpenedAtMillis() {
    return joinWindowOpenedAt == NO_JOIN ? OptionalLong.empty()
        : OptionalLong.of(joinWindowOpenedAt);
  }

  /** One tick for all CDs; a failing CD must not stop the schedule (Pekko would cancel it). */
  private static void tick(List<SimulatedCdNode> nodes, long now) {
    for (SimulatedCdNode n : nodes) {
      try {
        n.tick(now);
      } catch (RuntimeException e) {
        LOG.warn("simulated CD {} failed on its timer", n.cd(), e);
      }
    }
  }

  public RadioMedium medium() {
    return medium;
  }

  /**
   * Makes CD {@code index} (population order) act on its own thread's terms: {@code action} runs
   * under the CD's lock with the medium's time, and the PSDUs it returns go on the air in order.
   */
  public void act(int index, BiFunction<SimulatedCd, Long, List<byte[]>> action) {
    nodes.get(index).act(action);
  }

  /** What {@code query} reads from CD {@code index}, under its lock. */
  public <T> T read(int index, Function<SimulatedCd, T> query) {
    return nodes.get(index).read(query);
  }

  /**
   * CPU time CD {@code index} has spent in its own code (frames, timers, {@link #act}), measured
   * per call on the thread that ran it: 0 where the JVM cannot measure thread CPU time.
   */
  public long cpuNanos(int index) {
    return nodes.get(index).cpuNanos();
  }

  /** The sum of every CD's counters, as of the last frame each handled. */
  public CdStats totals() {
    CdStats sum = CdStats.ZERO;
    for (SimulatedCdNode n : nodes) {
      sum = sum.plus(n.stats());
    }
    return sum;
  }

  /** How many CDs are where in network entry, and when the first and last were admitted. */
  public JoinProgress joinProgress() {
    int admitted = 0;
    int rejected = 0;
    int joining = 0;
    int notJoined = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (SimulatedCdNode n : nodes) {
      if (!n.cd().joins()) {
        continue;
      }
      JoinStatus s = n.joinStatus();
      switch (s.state()) {
        case ADMITTED -> admitted++;
        case REJECTED -> rejected++;
        case JOINING -> joining++;
        case NOT_JOINED -> notJoined++;
      }
      if (s.admittedAt().isPresent()) {
        first = Math.min(first, s.admittedAt().getAsLong() - startedAtMillis);
        last = Math.max(last, s.admittedAt().getAsLong() - startedAtMillis);
      }
    }
    return new JoinProgress(admitted, rejected, joining, notJoined,
        first == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(first),
        last == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(last));
  }

  /** Every CD's network-entry status, in population order. */
  public List<JoinStatus> joinStatuses() {
    List<JoinStatus> out = new ArrayList<>(nodes.size());
    for (SimulatedCdNode n : nodes) {
      out.add(n.joinStatus());
    }
    return out;
  }

  /**
   * The admitted CDs' link keys, one {@code EUI-64 key} line each (hex): a key log for Wireshark
   * in test runs ({@code cd-sim --key-log}). These are the simulated devices' secrets.
   */
  public List<String> keyLog() {
    List<String> lines = new ArrayList<>();
    for (SimulatedCdNode n : nodes) {
      n.linkKeyHex().ifPresent(k -> lines.add(
          String.format("%016x %s", n.cd().extendedAddress(), k)));
    }
    return lines;
  }

  /**
   * Runs {@code action} on CD {@code index} (population order) under its lock with the time, and
   * transmits the frames it returns: how a host makes a CD act on its own (ask for an SA, ping
   * through it) without racing the medium's thread.
   */
  public void drive(int index, BiFunction<SimulatedCd, Long, List<byte[]>> action) {
    nodes.get(index).drive(action);
  }

  /** A value read from CD {@code index} under its lock (its SA requests, say). */
  public <T> T inspect(int index, Function<SimulatedCd, T> query) {
    return nodes.get(index).inspect(query);
  }

  /** The index of {@code cd} in the population, or -1. */
  public int indexOf(SimulatedCd cd) {
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).cd() == cd) {
        return i;
      }
    }
    return -1;
  }

  /** One line of what the medium carried and the CDs did. */
  public String statsLine() {
    MediumStats m = medium.stats();
    CdStats cds = totals();
    String line = String.format(
        "cd-sim: medium %d frames (%d kbit), %d delivered, %d lost, %d queue drops;"
            + " CDs %d pings, %d CoAP, %d frames in, %d out, %d dropped;"
            + " ESP %d in, %d out, %d without an SA",
        m.framesCarried(),
        m.bitsCarried() / 1000,
        m.deliveries(),
        m.lostDeliveries(),
        m.queueDrops(),
        cds.pingsAnswered(),
        cds.coapRequestsServed(),
        cds.framesReceived(),
        cds.framesSent(),
        cds.totalDrops(),
        cds.espReceived(),
        cds.espSent(),
        cds.espNoSa());
    if (ticker == null) {
      return line;
    }
    JoinProgress j = joinProgress();
    return line + String.format("; joined %d, rejected %d, joining %d, not joined %d%s",
        j.admitted(), j.rejected(), j.joining(), j.notJoined(),
        j.firstAdmittedMillis().isEmpty() ? "" : String.format(
            " (first at %.1f s, last at %.1f s)", j.firstAdmittedMillis().getAsLong() / 1000.0,
            j.lastAdmittedMillis().getAsLong() / 1000.0));
  }

  /** Stops the ticks and the medium, and zeroes the CDs' session keys (their PSKs stay). */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    if (ticker != null) {
      ticker.cancel();
    }
    medium.close();
    for (SimulatedCdNode n : nodes) {
      n.destroy();
    }
  }
}

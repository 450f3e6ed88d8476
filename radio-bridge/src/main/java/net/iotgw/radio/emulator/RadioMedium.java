package net.iotgw.radio.emulator;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.Done;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual 802.15.4 channel shared by every attached radio: the gateway's emulated dongle(s) and
 * any number of simulated devices ({@link RadioNode}). Single-hop: every station hears every other;
 * a frame reaches the stations whose address filter accepts it (the destination the protocols'
 * MAC frame decoder reads: their extended or short address, or broadcast), except its sender; a
 * frame that decoder refuses reaches nobody. One channel: channel numbers are reported, not
 * simulated; PAN IDs are not filtered.
 *
 * <p>The channel carries one frame at a time at {@link MediumSettings#bitRate()} ({@link
 * MediumStage}), accounts for every frame in its {@link AirtimeLedger}, loses receptions with
 * {@link MediumSettings#lossProbability()}, and bounds every queue: each station may have {@link
 * MediumSettings#queueCapacity()} frames waiting; more are dropped and counted.
 *
 * <p>Runs as one Pekko stream: {@link #start} materializes it, {@link #close} stops it.
 */
public final class RadioMedium implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RadioMedium.class);

  /** Accounting windows kept: one minute of 100 ms windows. */
  private static final int LEDGER_HISTORY = 600;

  private final MediumSettings settings;
  private final long origin = System.nanoTime();
  private final Stations stations = new Stations();
  private final AirtimeLedger ledger;
  private final Delivery delivery;
  private final LongAdder queueDrops = new LongAdder();
  private final LongAdder nodeErrors = new LongAdder();
  /** Who waits for a radio to hear the channel, by the address it must have; guarded by this. */
  private final ConcurrentHashMap<Long, CompletableFuture<Done>> listeners =
      new ConcurrentHashMap<>();
  private volatile MediumStage.Ingress ingress;
  private volatile UniqueKillSwitch killSwitch;
  private volatile boolean closed;

  private RadioMedium(MediumSettings settings) {
    this.settings = settings;
    this.ledger = new AirtimeLedger(settings.accountingWindow().toNanos(), LEDGER_HISTORY);
    this.delivery = new Delivery(stations, settings);
  }

  public static RadioMedium start(MediumSettings settings, ClassicActorSystemProvider system) {
    RadioMedium medium = new RadioMedium(settings);
    Pair<MediumStage.Ingress, UniqueKillSwitch> running =
        Source.fromGraph(new MediumStage(settings, medium.ledger, medium::nowNanos))
            .viaMat(KillSwitches.single(), Keep.both())
            // Nodes' onFrame runs here, off the stage that keeps the channel's time.
            .async()
            .to(Sink.foreach(medium::deliver))
            .run(system);
    medium.ingress = running.first();
    medium.killSwitch = running.second();
    return medium;
  }

  /**
   * Attaches a simulated device. Its addresses are read now; frames for it go to {@link
   * RadioNode#onFrame}, and the frames that returns are queued for transmission.
   */
  public NodeHandle attach(RadioNode node) {
    NodeReceiver receiver = new NodeReceiver(node);
    Station s = newStation(node.extendedAddress(), node.shortAddress(), receiver);
    receiver.station = s; // before the first frame can reach it
    stations.add(s);
    receiving(s, true); // a simulated device's radio is on from the start
    return s;
  }

  /** A station with a receiver of its own (an emulated dongle). */
  Station attach(long extendedAddress, int shortAddress, Station.Receiver receiver) {
    Station s = newStation(extendedAddress, shortAddress, receiver);
    stations.add(s);
    return s;
  }

  private Station newStation(long extendedAddress, int shortAddress, Station.Receiver receiver) {
    if (closed) {
      throw new IllegalStateException("the medium is closed");
    }
    return new Station(this, receiver, extendedAddress, shortAddress, settings.queueCapacity());
  }

  /** For a station whose radio changes address (the host configured its dongle). */
  void rebind(Station s, long extendedAddress, int shortAddress) {
    synchronized (this) {
      stations.rebind(s, extendedAddress, shortAddress);
    }
    receiving(s, s.receiving());
  }

  /**
   * Completes once a radio with this extended address hears the channel: a simulated device as
   * soon as it is attached, an emulated dongle once its host has set that address and turned its
   * radio and raw stream on, the last steps of an RCP's bring-up (a frame sent to it before then
   * is lost, as on a real channel). This is the medium's own view of "the gateway listens", so a
   * host need not guess how long its radio takes to come up. Stays complete once completed.
   */
  public CompletionStage<Done> listening(long extendedAddress) {
    synchronized (this) {
      CompletableFuture<Done> f =
          listeners.computeIfAbsent(extendedAddress, a -> new CompletableFuture<>());
      Station s = stations.byExtended(extendedAddress);
      if (s != null && s.receiving()) {
        f.complete(Done.done());
      }
      return f.minimalCompletionStage();
    }
  }

  /** A station's radio was turned on or off (an emulated dongle's host configuring it). */
  void receiving(Station s, boolean on) {
    CompletableFuture<Done> waiting;
    synchronized (this) {
      s.setReceiving(on);
      waiting = on && stations.byExtended(s.extendedAddress()) == s
          ? listeners.get(s.extendedAddress()) : null;
    }
    if (waiting != null) {
      waiting.complete(Done.done()); // outside the lock: callbacks may run here
    }
  }

  void detach(Station s) {
    stations.remove(s);
  }

  boolean submit(Station s, byte[] psdu, Runnable onAir) {
    if (closed) {
      return false;
    }
    ingress.submit(new MediumStage.Submission(s, psdu, onAir));
    return true;
  }

  void countQueueDrop() {
    queueDrops.increment();
  }

  private void deliver(MediumStage.AirFrame frame) {
    delivery.deliver(frame);
  }

  /** The medium's clock: nanoseconds since it started; the ledger's time base. */
  public long nowNanos() {
    return System.nanoTime() - origin;
  }

  public MediumSettings settings() {
    return settings;
  }

  public AirtimeLedger ledger() {
    return ledger;
  }

  public MediumStats stats() {
    return new MediumStats(
        ledger.frames(),
        ledger.totalBits(),
        delivery.deliveries.sum(),
        delivery.lost.sum(),
        queueDrops.sum(),
        delivery.malformed.sum(),
        nodeErrors.sum(),
        stations.size());
  }

  @Override
  public void close() {
    closed = true;
    killSwitch.shutdown();
  }

  private final class NodeReceiver implements Station.Receiver {
    private final RadioNode node;
    private Station station;

    NodeReceiver(RadioNode node) {
      this.node = node;
    }

    @Override
    public void receive(byte[] psdu, int rssi, int lqi) {
      try {
        List<byte[]> replies = node.onFrame(psdu);
        if (replies != null) {
          replies.forEach(station::transmit);
        }
      } catch (RuntimeException e) {
        nodeErrors.increment();
        LOG.warn(
            "simulated node {} failed on a frame", Long.toHexString(node.extendedAddress()), e);
      }
    }
  }
}

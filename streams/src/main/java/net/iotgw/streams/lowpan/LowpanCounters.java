package net.iotgw.streams.lowpan;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The adaptation's counters: written by its stages, read from anywhere with {@link #snapshot()}.
 * One instance per adaptation blueprint: every materialization of a blueprint adds to the counters
 * it was built with, so build one blueprint per radio (the gateway) or per node (the CD simulator).
 */
public final class LowpanCounters {
  private final LongAdder framesReceived = new LongAdder();
  private final LongAdder framesSent = new LongAdder();
  private final LongAdder packetsReceived = new LongAdder();
  private final LongAdder packetsSent = new LongAdder();
  private final Map<LowpanDrop, LongAdder> drops = new EnumMap<>(LowpanDrop.class);

  public LowpanCounters() {
    for (LowpanDrop d : LowpanDrop.values()) {
      drops.put(d, new LongAdder());
    }
  }

  public LowpanMetrics snapshot() {
    Map<LowpanDrop, Long> d = new EnumMap<>(LowpanDrop.class);
    drops.forEach((reason, n) -> d.put(reason, n.sum()));
    return new LowpanMetrics(
        framesReceived.sum(), framesSent.sum(), packetsReceived.sum(), packetsSent.sum(), d);
  }

  void frameReceived() {
    framesReceived.increment();
  }

  void frameSent() {
    framesSent.increment();
  }

  void packetReceived() {
    packetsReceived.increment();
  }

  void packetSent() {
    packetsSent.increment();
  }

  void drop(LowpanDrop reason) {
    drops.get(reason).increment();
  }

  void drop(LowpanDrop reason, long n) {
    drops.get(reason).add(n);
  }

  @Override
  public String toString() {
    return "LowpanCounters" + snapshot();
  }
}

package net.iotgw.gateway.device;

import java.util.concurrent.atomic.LongAdder;

/**
 * What network entry has done so far, for logs, the load generator and tests: read from any
 * thread while the actors count.
 */
public final class NetworkEntryCounters {
  private final LongAdder joinsStarted = new LongAdder();
  private final LongAdder admitted = new LongAdder();
  private final LongAdder reauthenticated = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder closed = new LongAdder();
  private final LongAdder waited = new LongAdder();
  private final LongAdder shed = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder aaaRoundTrips = new LongAdder();
  private final LongAdder aaaNanos = new LongAdder();

  void joinStarted() {
    joinsStarted.increment();
  }

  void admitted() {
    admitted.increment();
  }

  void reauthenticated() {
    reauthenticated.increment();
  }

  void rejected() {
    rejected.increment();
  }

  void closed() {
    closed.increment();
  }

  /** A PCI put in line because max-joining joins were in progress. */
  void waited() {
    waited.increment();
  }

  /** A PCI ignored because the line was full too; the CD retransmits it. */
  void shed() {
    shed.increment();
  }

  /** A PANA packet that reached no session (malformed envelope, unknown session, device limit). */
  void dropped() {
    dropped.increment();
  }

  void aaaRoundTrip(long nanos) {
    aaaRoundTrips.increment();
    aaaNanos.add(nanos);
  }

  public Snapshot snapshot() {
    return new Snapshot(joinsStarted.sum(), admitted.sum(), reauthenticated.sum(), rejected.sum(), closed.sum(),
        waited.sum(), shed.sum(), dropped.sum(), aaaRoundTrips.sum(), aaaNanos.sum());
  }

  /**
   * @param closed sessions that ended after being open (terminated, expired, replaced)
   * @param waited PCIs that waited in line for a free join
   * @param aaaNanos total time between relaying an EAP response to the AAA and its answer
   */
  public record Snapshot(
      long joinsStarted,
      long admitted,
      long reauthenticated,
      long rejected,
      long closed,
      long waited,
      long shed,
      long dropped,
      long aaaRoundTrips,
      long aaaNanos) {

    /** Mean AAA round trip in microseconds, 0 before the first. */
    public double meanAaaMicros() {
      return aaaRoundTrips == 0 ? 0 : aaaNanos / 1000.0 / aaaRoundTrips;
    }
  }
}

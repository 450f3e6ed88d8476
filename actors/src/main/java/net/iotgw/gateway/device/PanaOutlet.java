package net.iotgw.gateway.device;

import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;

/**
 * Where the control plane puts the IPv6 packets it sends to CDs (PANA now, IKE key deliveries
 * later): the bounded queue at the head of the data plane's radio-bound path. The data plane
 * attaches a fresh queue each time it (re)starts; until then, and whenever the queue is full,
 * packets are dropped and counted: PANA retransmits (RFC 5191 §9), so a drop under overload costs
 * time, not correctness, and no actor ever blocks on the radio.
 *
 * <p>Thread-safe: offered from any actor, attached by the data plane.
 */
public final class PanaOutlet {
  private volatile BoundedSourceQueue<byte[]> queue;
  private final LongAdder sent = new LongAdder();
  private final LongAdder dropped = new LongAdder();

  public void attach(BoundedSourceQueue<byte[]> queue) {
    this.queue = queue;
  }

  /** Queues {@code ipv6} for the radio; false (counted) if there is no room or no data plane. */
  public boolean offer(byte[] ipv6) {
    BoundedSourceQueue<byte[]> q = queue;
    if (q != null && q.offer(ipv6) == QueueOfferResult.enqueued()) {
      sent.increment();
      return true;
    }
    dropped.increment();
    return false;
  }

  public long sent() {
    return sent.sum();
  }

  public long dropped() {
    return dropped.sum();
  }
}

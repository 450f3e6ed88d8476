package net.iotgw.gateway.control;

import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;

/**
 * Where the control plane's actors put what they send into the data plane (PANA packets towards
 * CDs, IKE datagrams towards UDs): the bounded queue at the head of that path, attached afresh each
 * time the data plane (re)starts. Until then, and whenever the queue is full, an offer is dropped
 * and counted: PANA and IKE both retransmit (RFC 5191 §9, RFC 7296 §2.1), so a drop under overload
 * costs time, not correctness, and no actor ever blocks on the radio or the UCN.
 *
 * <p>Thread-safe: offered from any actor, attached by the data plane.
 */
public final class ControlOutlet<T> {
  private volatile BoundedSourceQueue<T> queue;
  private final LongAdder sent = new LongAdder();
  private final LongAdder dropped = new LongAdder();

  public void attach(BoundedSourceQueue<T> queue) {
    this.queue = queue;
  }

  /** Queues {@code element}; false (counted) if there is no room or no data plane. */
  public boolean offer(T element) {
    BoundedSourceQueue<T> q = queue;
    if (q != null && q.offer(element) == QueueOfferResult.enqueued()) {
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

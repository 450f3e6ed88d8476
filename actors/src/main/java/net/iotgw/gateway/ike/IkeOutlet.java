package net.iotgw.gateway.ike;

import java.util.concurrent.atomic.LongAdder;
import net.iotgw.protocols.ike.engine.Datagram;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;

/**
 * Where IKE SA actors put the datagrams they send to UDs: the bounded queue at the head of the
 * data plane's UCN-bound IKE path, attached afresh each time the data plane starts. A full queue
 * drops (counted): IKE retransmits, and a responder's dropped answer is re-sent from its cache
 * when the initiator retransmits (RFC 7296 §2.1), so overload costs time, never state.
 */
public final class IkeOutlet {
  private volatile BoundedSourceQueue<Datagram> queue;
  private final LongAdder sent = new LongAdder();
  private final LongAdder dropped = new LongAdder();

  public void attach(BoundedSourceQueue<Datagram> queue) {
    this.queue = queue;
  }

  /** Queues {@code datagram} for the UCN; false (counted) if there is no room or data plane. */
  public boolean offer(Datagram datagram) {
    BoundedSourceQueue<Datagram> q = queue;
    if (q != null && q.offer(datagram) == QueueOfferResult.enqueued()) {
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

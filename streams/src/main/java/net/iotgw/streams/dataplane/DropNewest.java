package net.iotgw.streams.dataplane;

import java.util.ArrayDeque;
import java.util.function.LongConsumer;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Flow;

/**
 * The hand-off in front of a control plane port ({@link ControlPort}, {@link IpsecJunction}):
 * passes elements on as fast as downstream takes them, holds up to {@code capacity} while it does
 * not, and drops (and counts) the newest beyond. It never backpressures upstream, so a slow or
 * stuck control plane never holds up the data traffic it was split from; the protocols behind
 * those ports (PANA, IKE) retransmit what is dropped.
 */
final class DropNewest {
  private DropNewest() {}

  static <T> Flow<T, T, NotUsed> beyond(int capacity, LongConsumer dropped) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity " + capacity);
    }
    return Flow.<T>create()
        .conflateWithSeed(
            first -> {
              ArrayDeque<T> q = new ArrayDeque<>();
              q.add(first);
              return q;
            },
            (q, next) -> {
              if (q.size() < capacity) {
                q.add(next);
              } else {
                dropped.accept(1);
              }
              return q;
            })
        .mapConcat(q -> q);
  }
}

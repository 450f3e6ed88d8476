package net.iotgw.gateway.node;

import java.util.ArrayList;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Flow;

/**
 * A bounded hand-off that sheds at random: it passes elements on as fast as downstream takes them,
 * holds up to {@code capacity} while it does not, and beyond that keeps each element of a burst
 * with the same chance (reservoir sampling: the newcomer takes the place of a random one, itself
 * included). It never backpressures upstream.
 *
 * <p>Why not drop the newest (issue 6): IKE initiators that start together retransmit together
 * on the same schedule (RFC 7296 §2.1 names no jitter; strongSwan's retransmit_jitter is 0 by
 * default), so their datagrams reach the gateway in bursts in the same order each time. Dropping the newest of
 * every burst then drops the same initiators every time, first send and every retransmission, and
 * they give up (RETRANSMISSIONS_EXHAUSTED) while the others get in. Shed at random, each attempt
 * loses each round independently, and one that retransmits gets in.
 */
final class FairShed {
  private FairShed() {}

  static <T> Flow<T, T, NotUsed> beyond(int capacity, SplittableRandom random,
      LongConsumer shed) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity " + capacity);
    }
    return Flow.<T>create()
        .conflateWithSeed(
            first -> {
              Reservoir<T> r = new Reservoir<>(capacity, random.split());
              r.offer(first);
              return r;
            },
            (r, next) -> {
              if (!r.offer(next)) {
                shed.accept(1);
              }
              return r;
            })
        .mapConcat(r -> r.held);
  }

  /** One burst's survivors, in arrival order but for replaced places; one stream's, no locks. */
  private static final class Reservoir<T> {
    private final int capacity;
    private final SplittableRandom random;
    private final ArrayList<T> held = new ArrayList<>();
    private long seen;

    Reservoir(int capacity, SplittableRandom random) {
      this.capacity = capacity;
      this.random = random;
    }

    /** Takes {@code next}; false if one element (it or a held one) was shed. */
    boolean offer(T next) {
      seen++;
      if (held.size() < capacity) {
        held.add(next);
        return true;
      }
      long place = random.nextLong(seen);
      if (place < capacity) {
        held.set((int) place, next);
      }
      return false;
    }
  }
}

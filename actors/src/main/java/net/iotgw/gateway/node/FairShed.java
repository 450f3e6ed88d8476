package net.iotgw.gateway.node;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Flow;

/**
 * A bounded hand-off that sheds at random: it passes elements on as fast as downstream takes them,
 * holds up to {@code capacity} while it does not, and beyond that sheds {@code newWork} first
 * (IKE_SA_INIT requests: an SA not begun costs nothing to lose, an IKE_AUTH lost wastes the
 * handshake's half done, as strongSwan's IKE_SA_INIT-only load limits also reason), each element of
 * a class with the same chance (reservoir sampling: the newcomer takes the place of a random one
 * of its class, itself included). It never backpressures upstream.
 *
 * <p>Why not drop the newest (issue 6): IKE initiators that start together retransmit together
 * on the same schedule (RFC 7296 §2.1 names no jitter; strongSwan's retransmit_jitter is 0 by
 * default), so their datagrams reach the gateway in bursts in the same order each time. Dropping
 * the newest of every burst then drops the same initiators every time, first send and every
 * retransmission, and they give up (RETRANSMISSIONS_EXHAUSTED) while the others get in. Shed at
 * random, each attempt loses each round independently, and one that retransmits gets in.
 */
final class FairShed {
  private FairShed() {}

  static <T> Flow<T, T, NotUsed> beyond(int capacity, Predicate<T> newWork,
      SplittableRandom random, LongConsumer shed) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity " + capacity);
    }
    return Flow.<T>create()
        .conflateWithSeed(
            first -> {
              Reservoir<T> r = new Reservoir<>(capacity, newWork, random.split());
              r.offer(first);
              return r;
            },
            (r, next) -> {
              if (!r.offer(next)) {
                shed.accept(1);
              }
              return r;
            })
        .mapConcat(Reservoir::held);
  }

  /**
   * One burst's survivors: requests for SAs under way first, then new work, each in arrival order
   * but for replaced places. One stream's, no locks.
   */
  private static final class Reservoir<T> {
    private final int capacity;
    private final Predicate<T> newWork;
    private final SplittableRandom random;
    private final ArrayList<T> others = new ArrayList<>();
    private final ArrayList<T> news = new ArrayList<>();
    private long newSeen;
    private long otherSeen;

    Reservoir(int capacity, Predicate<T> newWork, SplittableRandom random) {
      this.capacity = capacity;
      this.newWork = newWork;
      this.random = random;
    }

    List<T> held() {
      List<T> all = new ArrayList<>(others.size() + news.size());
      all.addAll(others);
      all.addAll(news);
      return all;
    }

    /** Takes {@code next}; false if one element (it or a held one) was shed. */
    boolean offer(T next) {
      boolean isNew = newWork.test(next);
      ArrayList<T> mine = isNew ? news : others;
      long seen = isNew ? ++newSeen : ++otherSeen;
      if (others.size() + news.size() < capacity) {
        mine.add(next);
        return true;
      }
      if (!isNew && !news.isEmpty()) {
        // A random new one makes room: swap it with the last, drop the last (order matters less
        // than staying O(1) per element in a burst of thousands).
        int i = random.nextInt(news.size());
        news.set(i, news.get(news.size() - 1));
        news.remove(news.size() - 1);
        others.add(next);
        return false;
      }
      long place = random.nextLong(seen);
      if (place < mine.size()) {
        mine.set((int) place, next);
      }
      return false;
    }
  }
}

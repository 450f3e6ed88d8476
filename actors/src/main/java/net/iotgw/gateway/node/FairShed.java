package net.iotgw.gateway.node;

import java.util.ArrayList;
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
        .mapConcat(r -> r.held);
  }

  /** One burst's survivors, in arrival order but for replaced places; one stream's, no locks. */
  private static final class Reservoir<T> {
    private final int capacity;
    private final Predicate<T> newWork;
    private final SplittableRandom random;
    private final ArrayList<T> held = new ArrayList<>();
    private int newHeld;
    private long newSeen;
    private long otherSeen;

    Reservoir(int capacity, Predicate<T> newWork, SplittableRandom random) {
      this.capacity = capacity;
      this.newWork = newWork;
      this.random = random;
    }

    /** Takes {@code next}; false if one element (it or a held one) was shed. */
    boolean offer(T next) {
      boolean isNew = newWork.test(next);
      long seen = isNew ? ++newSeen : ++otherSeen;
      if (held.size() < capacity) {
        held.add(next);
        newHeld += isNew ? 1 : 0;
        return true;
      }
      if (!isNew && newHeld > 0) {
        replaceNew((int) random.nextLong(newHeld), next);
        newHeld--;
        return false;
      }
      int ofClass = isNew ? newHeld : capacity - newHeld;
      long place = random.nextLong(seen);
      if (place < ofClass) {
        if (isNew) {
          replaceNew((int) place, next);
        } else {
          replaceOther((int) place, next);
        }
      }
      return false;
    }

    private void replaceNew(int nth, T next) {
      replace(nth, true, next);
    }

    private void replaceOther(int nth, T next) {
      replace(nth, false, next);
    }

    /** Puts {@code next} in the place of the {@code nth} held element of the given class. */
    private void replace(int nth, boolean ofNew, T next) {
      for (int i = 0; i < held.size(); i++) {
        if (newWork.test(held.get(i)) == ofNew && nth-- == 0) {
          held.set(i, next);
          return;
        }
      }
    }
  }
}

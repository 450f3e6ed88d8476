package net.iotgw.radio.spinel;

import java.util.Optional;

/**
 * The host's transaction ids in flight, as an immutable value: TIDs 1 to 15 (0 is reserved for
 * frames without a correlated reply, spinel.h "Header Format"), handed out round-robin in the order
 * of spinel.h's {@code SPINEL_GET_NEXT_TID} (15 wraps to 1), skipping ids still awaiting their
 * reply, as OpenThread's {@code RadioSpinel::GetNextTid} does.
 *
 * <p>Fifteen outstanding requests at most: when all are in flight {@link #allocate()} is empty, and
 * the caller must wait for a reply (this is the transmit path's natural backpressure).
 *
 * @param next the TID to try first
 * @param inFlight bit {@code t} set while TID {@code t} awaits its reply (bit 0 always clear)
 */
public record TidPool(int next, int inFlight) {

  private static final int ALL = 0xFFFE;

  public TidPool {
    if (next < 1 || next > SpinelHeader.MAX_TID) {
      throw new IllegalArgumentException("next TID out of range: " + next);
    }
    if ((inFlight & ~ALL) != 0) {
      throw new IllegalArgumentException("in-flight mask outside TIDs 1..15: " + inFlight);
    }
  }

  public static TidPool empty() {
    return new TidPool(1, 0);
  }

  /** A TID and the pool that records it as in flight. */
  public record Allocation(int tid, TidPool pool) {}

  /** spinel.h {@code SPINEL_GET_NEXT_TID}. */
  public static int nextTid(int tid) {
    return tid >= SpinelHeader.MAX_TID ? 1 : tid + 1;
  }

  public Optional<Allocation> allocate() {
    int tid = next;
    for (int tries = 0; tries < SpinelHeader.MAX_TID; tries++) {
      if (!isInFlight(tid)) {
        return Optional.of(new Allocation(tid, new TidPool(nextTid(tid), inFlight | (1 << tid))));
      }
      tid = nextTid(tid);
    }
    return Optional.empty();
  }

  /** The pool after the reply for {@code tid} arrived (or the request was given up). */
  public TidPool release(int tid) {
    if (tid < 1 || tid > SpinelHeader.MAX_TID) {
      throw new IllegalArgumentException("TID out of range: " + tid);
    }
    return new TidPool(next, inFlight & ~(1 << tid));
  }

  public boolean isInFlight(int tid) {
    return tid >= 1 && tid <= SpinelHeader.MAX_TID && (inFlight & (1 << tid)) != 0;
  }

  public int inFlightCount() {
    return Integer.bitCount(inFlight);
  }
}

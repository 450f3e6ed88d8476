package net.iotgw.radio.spinel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TidPoolTest {

  /** spinel.h SPINEL_GET_NEXT_TID: 1..15 cycling, never 0. */
  @Test
  void nextTidWrapsFrom15To1() {
    assertEquals(2, TidPool.nextTid(1));
    assertEquals(1, TidPool.nextTid(15));
    assertEquals(1, TidPool.nextTid(0));
  }

  @Test
  void allocatesOneToFifteenThenRunsOut() {
    TidPool pool = TidPool.empty();
    for (int expected = 1; expected <= 15; expected++) {
      TidPool.Allocation a = pool.allocate().orElseThrow();
      assertEquals(expected, a.tid());
      pool = a.pool();
    }
    assertEquals(15, pool.inFlightCount());
    assertEquals(Optional.empty(), pool.allocate());
  }

  @Test
  void releasedTidIsReusedWhenItsTurnComes() {
    TidPool pool = TidPool.empty();
    for (int i = 0; i < 15; i++) {
      pool = pool.allocate().orElseThrow().pool();
    }
    pool = pool.release(5);
    assertFalse(pool.isInFlight(5));
    TidPool.Allocation a = pool.allocate().orElseThrow();
    assertEquals(5, a.tid());
    assertTrue(a.pool().isInFlight(5));
  }

  @Test
  void skipsTidsStillInFlight() {
    TidPool pool = TidPool.empty();
    TidPool.Allocation one = pool.allocate().orElseThrow();
    TidPool.Allocation two = one.pool().allocate().orElseThrow();
    TidPool afterOne = two.pool().release(1);
    // next is 3; 3..15 are free, so 3 comes before the released 1
    assertEquals(3, afterOne.allocate().orElseThrow().tid());
  }

  @Test
  void tidZeroIsNeverInFlight() {
    assertFalse(TidPool.empty().allocate().orElseThrow().pool().isInFlight(0));
  }
}

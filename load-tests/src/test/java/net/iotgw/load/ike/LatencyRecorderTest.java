package net.iotgw.load.ike;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

  @Test
  void percentilesAreNearestRankOverAllValues() {
    LatencyRecorder r = new LatencyRecorder();
    // 1..100 in a scrambled order: p50 = 50, p90 = 90, p99 = 99 by nearest rank.
    for (int i = 0; i < 100; i++) {
      r.record((i * 37) % 100 + 1);
    }
    LatencyRecorder.Summary s = r.summary();
    assertEquals(new LatencyRecorder.Summary(100, 50, 90, 99, 100), s);
  }

  @Test
  void nearestRankRoundsUpOnSmallSamples() {
    LatencyRecorder r = new LatencyRecorder();
    for (long v : new long[] {400, 100, 300, 200}) {
      r.record(v);
    }
    // n = 4: p50 rank 2, p90 rank ceil(3.6) = 4, p99 rank 4.
    assertEquals(new LatencyRecorder.Summary(4, 200, 400, 400, 400), r.summary());
    assertArrayEquals(new long[] {100, 200, 300, 400}, r.sorted());
  }

  @Test
  void growsPastItsFirstArrayAndKeepsEveryValue() {
    LatencyRecorder r = new LatencyRecorder();
    for (int i = 0; i < 5000; i++) {
      r.record(5000 - i);
    }
    assertEquals(5000, r.count());
    assertEquals(new LatencyRecorder.Summary(5000, 2500, 4500, 4950, 5000), r.summary());
  }

  @Test
  void anEmptyRecorderSummarisesToZeros() {
    assertEquals(new LatencyRecorder.Summary(0, 0, 0, 0, 0), new LatencyRecorder().summary());
  }
}

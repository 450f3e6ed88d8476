package net.iotgw.load.ike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The open-loop schedule against a fake clock (nanoseconds handed in). */
class RatePacerTest {
  private static final long START = 1_000_000_000L;
  private static final long MS = 1_000_000L;

  @Test
  void startsFollowTheScheduleWhateverTheTickSpacing() {
    RatePacer p = new RatePacer(100, START, 1000); // one every 10 ms
    assertEquals(0, p.due(START));
    assertEquals(0, p.due(START + 9 * MS));
    assertEquals(1, p.due(START + 10 * MS));
    assertEquals(0, p.due(START + 15 * MS));
    assertEquals(4, p.due(START + 50 * MS));
    assertEquals(95, p.due(START + 1000 * MS));
    assertEquals(0, p.skipped());
  }

  @Test
  void fractionalRatesAccumulateInsteadOfRoundingAway() {
    RatePacer p = new RatePacer(0.5, START, 10); // one every 2 s
    int total = 0;
    for (int ms = 0; ms <= 10_000; ms += 10) {
      total += p.due(START + ms * MS);
    }
    assertEquals(5, total);
  }

  @Test
  void aStalledCallerGetsAtMostTheBurstAndTheRestIsCountedAsSkipped() {
    RatePacer p = new RatePacer(1000, START, 50);
    assertEquals(50, p.due(START + 200 * MS)); // 200 due
    assertEquals(150, p.skipped());
    assertEquals(10, p.due(START + 210 * MS)); // back on schedule, no catch-up of the skipped
  }

  @Test
  void aClockBeforeTheStartOwesNothing() {
    RatePacer p = new RatePacer(1000, START, 50);
    assertEquals(0, p.due(START - 500 * MS));
    assertEquals(1, p.due(START + MS));
  }

  @Test
  void refusesANonPositiveRate() {
    assertThrows(IllegalArgumentException.class, () -> new RatePacer(0, START, 10));
    assertThrows(IllegalArgumentException.class, () -> new RatePacer(Double.NaN, START, 10));
  }
}

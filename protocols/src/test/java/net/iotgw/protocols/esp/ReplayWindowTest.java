package net.iotgw.protocols.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplayWindowTest {

  /** The full receive step: check, (pretend to) verify, record. */
  private static boolean receive(ReplayWindow w, long seq) {
    if (w.shouldDiscard(seq)) {
      return false;
    }
    w.markAuthenticated(seq);
    return true;
  }

  @Test
  void defaultIs64AndSizeIsBounded() {
    assertEquals(64, new ReplayWindow().size());
    assertEquals(4096, new ReplayWindow(4096).size());
    assertEquals(32, new ReplayWindow(32).size());
    assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(31));
    assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(4097));
  }

  @Test
  void sequenceNumberZeroIsNeverAcceptedRfc4303Section3_3_3() {
    ReplayWindow w = new ReplayWindow();
    assertTrue(w.shouldDiscard(0));
    w.markAuthenticated(0);
    assertEquals(0, w.highestAuthenticated());
    assertTrue(receive(w, 1));
    assertTrue(w.shouldDiscard(0));
  }

  @Test
  void acceptsInOrderAndRejectsEachDuplicate() {
    ReplayWindow w = new ReplayWindow();
    for (long s = 1; s <= 1000; s++) {
      assertTrue(receive(w, s), "seq " + s);
      assertTrue(w.shouldDiscard(s), "duplicate " + s);
    }
    assertEquals(1000, w.highestAuthenticated());
  }

  @Test
  void acceptsOutOfOrderWithinWindowOnce() {
    ReplayWindow w = new ReplayWindow(64);
    assertTrue(receive(w, 100));
    for (long s = 99; s >= 37; s--) {
      assertTrue(receive(w, s), "seq " + s);
    }
    for (long s = 37; s <= 100; s++) {
      assertTrue(w.shouldDiscard(s), "second copy of " + s);
    }
    assertEquals(100, w.highestAuthenticated());
  }

  /** §3.4.3: the window covers T - W + 1 .. T; anything lower is too old. */
  @ParameterizedTest
  @ValueSource(ints = {32, 64, 100, 128, 1024, 4096})
  void windowEdgesAreExactlyTMinusWPlusOneAndT(int size) {
    ReplayWindow w = new ReplayWindow(size);
    long top = 10_000;
    assertTrue(receive(w, top));
    assertFalse(w.shouldDiscard(top - size + 1), "bottom edge is inside");
    assertTrue(w.shouldDiscard(top - size), "one below the bottom edge is too old");
    assertTrue(receive(w, top - size + 1));
    assertFalse(w.shouldDiscard(top + 1));
  }

  @Test
  void markingTooOldNumberChangesNothing() {
    ReplayWindow w = new ReplayWindow(64);
    assertTrue(receive(w, 200));
    w.markAuthenticated(100); // fell out of the window while its ICV was being checked
    assertEquals(200, w.highestAuthenticated());
    assertTrue(w.shouldDiscard(100));
    assertFalse(w.shouldDiscard(199));
  }

  @Test
  void hugeJumpForgetsEverythingBelowTheNewWindow() {
    ReplayWindow w = new ReplayWindow(64);
    for (long s = 1; s <= 64; s++) {
      receive(w, s);
    }
    assertTrue(receive(w, 1_000_000_000L));
    assertTrue(w.shouldDiscard(64));
    for (long s = 1_000_000_000L - 63; s < 1_000_000_000L; s++) {
      assertFalse(w.shouldDiscard(s), "fresh slot " + s);
    }
  }

  /** A jump of less than a ring's length must clear the reused words but keep the live ones. */
  @Test
  void jumpsOfEveryDistanceKeepExactlyTheLiveBits() {
    for (int jump = 1; jump <= 200; jump++) {
      ReplayWindow w = new ReplayWindow(64);
      for (long s = 1; s <= 130; s += 2) {
        receive(w, s); // odd numbers seen
      }
      long top = 129 + jump;
      assertTrue(receive(w, top));
      for (long s = top - 63; s < top; s++) {
        boolean seen = s <= 129 && s % 2 == 1;
        assertEquals(seen, w.shouldDiscard(s), "jump " + jump + ", seq " + s);
      }
    }
  }

  /** Model check against a plain set, with a seeded mix of duplicates, reorders and jumps. */
  @ParameterizedTest
  @ValueSource(ints = {32, 64, 96, 1024})
  void agreesWithASetBasedModelOnRandomTraffic(int size) {
    Random random = new Random(size);
    ReplayWindow w = new ReplayWindow(size);
    TreeSet<Long> seen = new TreeSet<>();
    long top = 0;
    long next = 1;
    for (int i = 0; i < 200_000; i++) {
      long seq;
      int pick = random.nextInt(10);
      if (pick < 6) {
        seq = next++;
      } else if (pick < 9) {
        seq = Math.max(1, next - 1 - random.nextInt(size + 10));
      } else {
        next += random.nextInt(3 * size);
        seq = next++;
      }
      boolean expectDiscard = seq <= top - size || seen.contains(seq);
      assertEquals(expectDiscard, w.shouldDiscard(seq), "step " + i + " seq " + seq);
      if (!expectDiscard) {
        w.markAuthenticated(seq);
        seen.add(seq);
        top = Math.max(top, seq);
        seen.headSet(top - 2L * size).clear();
      }
    }
  }

  @Test
  void worksAcrossTheLow32BitBoundaryWithEsnRfc4303AppendixA2() {
    ReplayWindow w = new ReplayWindow(64);
    long base = 0xffff_fff0L;
    for (long s = base; s <= base + 0x20; s++) {
      assertTrue(receive(w, s), Long.toHexString(s));
    }
    assertEquals(0x1_0000_0010L, w.highestAuthenticated());
    assertTrue(w.shouldDiscard(0xffff_fff5L));
    assertTrue(w.shouldDiscard(0x1_0000_0001L));
  }

  @Test
  void handlesTheTopOfTheUnsigned64BitRange() {
    ReplayWindow w = new ReplayWindow(64);
    assertTrue(receive(w, -2L)); // 2^64 - 2
    assertTrue(receive(w, -1L)); // 2^64 - 1
    assertTrue(w.shouldDiscard(-1L));
    assertFalse(w.shouldDiscard(-3L));
    assertTrue(w.shouldDiscard(-65L)); // 2^64 - 65 = T - W
    assertTrue(w.shouldDiscard(5));
  }

  // RFC 4303 Appendix A2.2: inferring the high 32 bits from the transmitted low 32.

  @Test
  void infersHighBitsZeroForAFreshSa() {
    ReplayWindow w = new ReplayWindow(64);
    assertEquals(1, w.inferSequenceNumber(1));
    assertEquals(0xffff_ff00L, w.inferSequenceNumber(0xffff_ff00L));
    // Case B below 0: would be 2^32 - 10 in the subspace before the first one.
    assertEquals(0, w.inferSequenceNumber(0xffff_fff6L));
  }

  @Test
  void caseAInfersSameOrNextSubspace() {
    ReplayWindow w = new ReplayWindow(64);
    w.markAuthenticated(0x5_8000_0000L); // Tl well inside the subspace
    assertEquals(0x5_8000_0000L - 63, w.inferSequenceNumber(0x8000_0000L - 63)); // Bl: Th
    assertEquals(0x5_9000_0000L, w.inferSequenceNumber(0x9000_0000L)); // ahead: Th
    assertEquals(0x6_7fff_ffc0L, w.inferSequenceNumber(0x7fff_ffc0L)); // below Bl: Th + 1
    assertEquals(0x6_0000_0002L, w.inferSequenceNumber(2)); // the low half wrapped
  }

  @Test
  void caseBInfersPreviousSubspaceForTheOldPartOfTheWindow() {
    ReplayWindow w = new ReplayWindow(64);
    w.markAuthenticated(0x7_0000_0010L); // Tl = 16 < W - 1: the window straddles 2^32 * 7
    assertEquals(0x6_ffff_fff0L, w.inferSequenceNumber(0xffff_fff0L)); // Seql >= Bl: Th - 1
    assertEquals(0x7_0000_0005L, w.inferSequenceNumber(5)); // Th
    assertEquals(0x7_0000_1000L, w.inferSequenceNumber(0x1000)); // ahead: Th
  }

  @Test
  void inferenceNeverOverflowsPast2To64() {
    ReplayWindow w = new ReplayWindow(64);
    w.markAuthenticated(0xffff_ffff_8000_0000L);
    assertEquals(0, w.inferSequenceNumber(5)); // would need Th + 1 = 2^32
  }

  @Test
  void windowFollowsEsnPacketsAcrossTheWrapOfTheLowHalf() {
    ReplayWindow w = new ReplayWindow(64);
    w.markAuthenticated(0x2_ffff_ffe0L);
    for (long s = 0x2_ffff_ffe1L; s <= 0x3_0000_0020L; s++) {
      long inferred = w.inferSequenceNumber(s & 0xffff_ffffL);
      assertEquals(s, inferred, Long.toHexString(s));
      assertTrue(receive(w, inferred));
    }
    // A late duplicate from before the wrap is recognised as such, not as 2^32 ahead.
    long late = w.inferSequenceNumber(0xffff_fff0L);
    assertEquals(0x2_ffff_fff0L, late);
    assertTrue(w.shouldDiscard(late));
  }
}

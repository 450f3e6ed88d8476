package net.iotgw.protocols.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.iotgw.protocols.crypto.PacketProtection;
import org.junit.jupiter.api.Test;

class SequenceCounterTest {

  @Test
  void firstPacketCarriesOneRfc4303Section3_3_3() throws SequenceExhausted {
    SequenceCounter counter = new SequenceCounter(false);
    assertEquals(0, counter.lastSent());
    assertEquals(1, counter.next());
    assertEquals(2, counter.next());
    assertEquals(2, counter.lastSent());
  }

  @Test
  void thirtyTwoBitCounterRefusesToWrap() throws SequenceExhausted {
    SequenceCounter counter = SequenceCounter.resumingAfter(0xffff_fffeL, false);
    assertEquals(0xffff_ffffL, counter.next());
    SequenceExhausted e = assertThrows(SequenceExhausted.class, counter::next);
    assertEquals(0xffff_ffffL, e.lastSent());
    assertThrows(SequenceExhausted.class, counter::next);
    assertEquals(0xffff_ffffL, counter.lastSent());
  }

  @Test
  void esnCounterCrosses2To32AndStopsAt2To64Minus1() throws SequenceExhausted {
    SequenceCounter crossing = SequenceCounter.resumingAfter(0xffff_ffffL, true);
    assertEquals(0x1_0000_0000L, crossing.next());
    SequenceCounter end = SequenceCounter.resumingAfter(-2L, true);
    assertEquals(-1L, end.next()); // 2^64 - 1
    assertThrows(SequenceExhausted.class, end::next);
  }

  @Test
  void cannotResumeBeyondItsRange() {
    assertThrows(IllegalArgumentException.class,
        () -> SequenceCounter.resumingAfter(0x1_0000_0000L, false));
  }

  @Test
  void forSaFollowsTheNegotiatedEsn() throws SequenceExhausted {
    EspSa esn = EspPacketTest.sa(PacketProtection.AES_GCM_16_128, true);
    SequenceCounter counter = SequenceCounter.forSa(esn);
    assertEquals(1, counter.next());
    assertEquals("SequenceCounter[last=1, ESN]", counter.toString());
  }

  @Test
  void concurrentSendersNeverShareANumber() throws Exception {
    SequenceCounter counter = new SequenceCounter(false);
    int threads = 4;
    int each = 25_000;
    long[][] seen = new long[threads][each];
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int id = t;
      workers[t] = new Thread(() -> {
        try {
          for (int i = 0; i < each; i++) {
            seen[id][i] = counter.next();
          }
        } catch (SequenceExhausted e) {
          throw new AssertionError(e);
        }
      });
      workers[t].start();
    }
    for (Thread w : workers) {
      w.join();
    }
    java.util.BitSet used = new java.util.BitSet();
    for (long[] row : seen) {
      for (long s : row) {
        assertEquals(false, used.get((int) s), "duplicate " + s);
        used.set((int) s);
      }
    }
    assertEquals(threads * each, used.cardinality());
    assertEquals(threads * each, counter.lastSent());
  }
}

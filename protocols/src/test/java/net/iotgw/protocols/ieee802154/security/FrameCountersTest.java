package net.iotgw.protocols.ieee802154.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FrameCountersTest {

  @Test
  void outgoingCounterAdvancesByOne() {
    OutgoingFrameCounter c = OutgoingFrameCounter.initial();
    assertEquals(0, c.value());
    assertEquals(1, c.next().value());
  }

  @Test
  void outgoingCounterNeverReaches0xffffffffOnTheAir() {
    OutgoingFrameCounter last = new OutgoingFrameCounter(0xFFFF_FFFEL);
    assertFalse(last.exhausted());
    OutgoingFrameCounter after = last.next();
    assertTrue(after.exhausted());
    assertThrows(IllegalStateException.class, after::next);
  }

  @Test
  void outgoingCounterIsFourOctets() {
    assertThrows(IllegalArgumentException.class, () -> new OutgoingFrameCounter(1L << 32));
    assertThrows(IllegalArgumentException.class, () -> new OutgoingFrameCounter(-1));
  }

  @Test
  void replayStateAcceptsOnlyStrictlyGreaterCounters() {
    ReplayState s = ReplayState.fresh();
    assertTrue(s.isFresh(0));
    s = s.accept(5);
    assertEquals(new ReplayState(OptionalLong.of(5)), s);
    assertFalse(s.isFresh(5));
    assertFalse(s.isFresh(4));
    assertTrue(s.isFresh(6));
    assertTrue(s.isFresh(1000));
    ReplayState at5 = s;
    assertThrows(IllegalArgumentException.class, () -> at5.accept(5));
  }
}

package net.iotgw.protocols.radius;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentifierPoolTest {

  static final byte[] SECRET = "radiussecret".getBytes(StandardCharsets.US_ASCII);

  @Test
  void rfc2865_3_atMost256InFlightPerSocketAndAllSlotsDistinct() {
    IdentifierPool pool = new IdentifierPool(3);
    Set<IdentifierPool.Slot> seen = new HashSet<>();
    for (int i = 0; i < 3 * 256; i++) {
      assertTrue(seen.add(pool.allocate().orElseThrow()));
    }
    assertEquals(Optional.empty(), pool.allocate());
    assertEquals(768, pool.inFlight());
    for (int s = 0; s < 3; s++) {
      int socket = s;
      assertEquals(256, seen.stream().filter(x -> x.socket() == socket).count());
    }
  }

  @Test
  void allocationSpreadsOverSockets() {
    IdentifierPool pool = new IdentifierPool(4);
    Set<Integer> sockets = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      sockets.add(pool.allocate().orElseThrow().socket());
    }
    assertEquals(Set.of(0, 1, 2, 3), sockets);
  }

  @Test
  void releasedSlotIsReusableButNotImmediately() {
    IdentifierPool pool = new IdentifierPool(1);
    IdentifierPool.Slot first = pool.allocate().orElseThrow();
    assertTrue(pool.release(first));
    assertFalse(pool.release(first));
    assertNotEquals(first, pool.allocate().orElseThrow());
    for (int i = 0; i < 254; i++) {
      pool.allocate().orElseThrow();
    }
    assertEquals(first, pool.allocate().orElseThrow());
    assertEquals(Optional.empty(), pool.allocate());
  }

  static byte[] answer(IdentifierPool.Slot slot, byte[] reqAuth, byte[] secret) {
    RadiusPacket challenge =
        new RadiusPacket(
            RadiusCode.ACCESS_CHALLENGE,
            slot.identifier(),
            new byte[16],
            List.of(Attributes.state(new byte[] {7})));
    return RadiusAuth.signResponse(challenge, reqAuth, secret);
  }

  @Test
  void answerMatchesItsRequestBySocketIdentifierAndAuthenticatorThenFreesTheSlot() {
    IdentifierPool pool = new IdentifierPool(2);
    PendingRequests<String> pending = new PendingRequests<>(pool, SECRET);
    IdentifierPool.Slot a = pool.allocate().orElseThrow();
    IdentifierPool.Slot b = pool.allocate().orElseThrow();
    byte[] authA = new byte[16];
    byte[] authB = new byte[16];
    authA[0] = 1;
    authB[0] = 2;
    pending.sent(a, authA, "session-a");
    pending.sent(b, authB, "session-b");

    // Each socket has its own identifier space: both requests use Identifier 0, so b's answer
    // arriving on a's socket meets a's request and fails a's authenticator.
    assertEquals(List.of(0, 1, 0, 0), List.of(a.socket(), b.socket(), a.identifier(), b.identifier()));
    var crossed =
        assertInstanceOf(
            PendingRequests.Match.Refused.class,
            pending.received(a.socket(), answer(b, authB, SECRET)));
    assertEquals(RadiusAuth.Refusal.BAD_RESPONSE_AUTHENTICATOR, crossed.reason());
    assertTrue(pool.isInFlight(a));

    PendingRequests.Match<String> m = pending.received(b.socket(), answer(b, authB, SECRET));
    var answered = assertInstanceOf(PendingRequests.Match.Answered.class, m);
    assertEquals("session-b", answered.context());
    assertEquals(b, answered.slot());
    assertArrayEquals(authB, answered.requestAuthenticator());
    assertFalse(pool.isInFlight(b));
    assertEquals(1, pending.size());
    // A duplicate of the same answer is now unsolicited.
    assertInstanceOf(
        PendingRequests.Match.Unsolicited.class,
        pending.received(b.socket(), answer(b, authB, SECRET)));
  }

  @Test
  void forgedAnswerIsRefusedAndTheGenuineOneStillMatches() {
    IdentifierPool pool = new IdentifierPool(1);
    PendingRequests<String> pending = new PendingRequests<>(pool, SECRET);
    IdentifierPool.Slot s = pool.allocate().orElseThrow();
    byte[] auth = new byte[16];
    pending.sent(s, auth, "x");
    byte[] forged = answer(s, auth, "guess".getBytes(StandardCharsets.US_ASCII));
    var refused =
        assertInstanceOf(PendingRequests.Match.Refused.class, pending.received(0, forged));
    assertEquals(RadiusAuth.Refusal.BAD_RESPONSE_AUTHENTICATOR, refused.reason());
    assertTrue(pool.isInFlight(s));
    assertInstanceOf(
        PendingRequests.Match.Answered.class, pending.received(0, answer(s, auth, SECRET)));
  }

  @Test
  void timeoutReleasesTheSlotAndForgetsTheRequest() {
    IdentifierPool pool = new IdentifierPool(1);
    PendingRequests<String> pending = new PendingRequests<>(pool, SECRET);
    IdentifierPool.Slot s = pool.allocate().orElseThrow();
    pending.sent(s, new byte[16], "ctx");
    assertEquals(Optional.of("ctx"), pending.timedOut(s));
    assertEquals(0, pool.inFlight());
    assertEquals(Optional.empty(), pending.timedOut(s));
    assertInstanceOf(
        PendingRequests.Match.Unsolicited.class,
        pending.received(0, answer(s, new byte[16], SECRET)));
  }

  @Test
  void sendingOnAnUnallocatedOrBusySlotIsAProgrammingError() {
    IdentifierPool pool = new IdentifierPool(1);
    PendingRequests<String> pending = new PendingRequests<>(pool, SECRET);
    assertThrows(
        IllegalStateException.class,
        () -> pending.sent(new IdentifierPool.Slot(0, 5), new byte[16], "x"));
    IdentifierPool.Slot s = pool.allocate().orElseThrow();
    pending.sent(s, new byte[16], "x");
    assertThrows(IllegalStateException.class, () -> pending.sent(s, new byte[16], "y"));
  }

  @Test
  void shortDatagramIsUnsolicitedNotAnError() {
    PendingRequests<String> pending = new PendingRequests<>(new IdentifierPool(1), SECRET);
    assertInstanceOf(PendingRequests.Match.Unsolicited.class, pending.received(0, new byte[3]));
  }
}

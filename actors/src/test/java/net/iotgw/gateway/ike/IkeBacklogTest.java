package net.iotgw.gateway.ike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The bound on IKE datagrams queued towards the IKE SAs' engines, new work giving way first. */
class IkeBacklogTest {
  /** IKE header (RFC 7296 §3.1): SPIi 1, SPIr 0, next payload SA (33), 2.0, IKE_SA_INIT, I. */
  private static final byte[] NEW_INIT = HexFormat.of().parseHex(
      "0000000000000001" + "0000000000000000" + "21" + "20" + "22" + "08" + "00000000"
          + "0000001c");

  /** The same with a COOKIE notify first (§2.6): next payload N (41), type 16390 (0x4006). */
  private static final byte[] INIT_WITH_COOKIE = HexFormat.of().parseHex(
      "0000000000000001" + "0000000000000000" + "29" + "20" + "22" + "08" + "00000000"
          + "00000030" + "21" + "00" + "0014" + "00" + "00" + "4006"
          + "0102030405060708090a0b0c");

  /** IKE_AUTH request (exchange 35), SPIr set, message ID 1. */
  private static final byte[] AUTH = HexFormat.of().parseHex(
      "0000000000000001" + "00000000000000aa" + "2e" + "20" + "23" + "08" + "00000001"
          + "0000001c");

  /** IKE_SA_INIT response (R flag, 0x20). */
  private static final byte[] INIT_RESPONSE = HexFormat.of().parseHex(
      "0000000000000001" + "0000000000000000" + "21" + "20" + "22" + "20" + "00000000"
          + "0000001c");

  @Test
  void onlyAnIkeSaInitWithoutCookieIsNewWorkRfc7296Sections3_1And2_6() {
    assertTrue(IkeBacklog.isNewWork(NEW_INIT));
    assertFalse(IkeBacklog.isNewWork(INIT_WITH_COOKIE), "the initiator answered our COOKIE");
    assertFalse(IkeBacklog.isNewWork(AUTH));
    assertFalse(IkeBacklog.isNewWork(INIT_RESPONSE));
    assertFalse(IkeBacklog.isNewWork(new byte[27]), "shorter than a header");
  }

  @Test
  void beyondTheBoundADatagramGetsNoTicketAndIsCountedAsBacklog() {
    IkeDrops drops = new IkeDrops();
    IkeBacklog backlog = new IkeBacklog(3, 3, drops);
    for (int i = 0; i < 3; i++) {
      assertNotNull(backlog.take(AUTH));
    }
    assertNull(backlog.take(AUTH));
    assertEquals(3, backlog.queued());
    assertEquals(1, drops.count(IkeDrops.Routing.BACKLOG));
  }

  @Test
  void newIkeSaInitsStopAtTheirShareWhileHandshakesUnderWayStillGetIn() {
    IkeDrops drops = new IkeDrops();
    IkeBacklog backlog = new IkeBacklog(4, 2, drops);
    assertNotNull(backlog.take(NEW_INIT));
    assertNotNull(backlog.take(NEW_INIT));
    assertNull(backlog.take(NEW_INIT), "new work has its share");
    assertNotNull(backlog.take(INIT_WITH_COOKIE), "a COOKIE answer is work under way");
    assertNotNull(backlog.take(AUTH));
    assertNull(backlog.take(AUTH), "the whole bound");
    assertEquals(1, drops.count(IkeDrops.Routing.BACKLOG_NEW_SA));
    assertEquals(1, drops.count(IkeDrops.Routing.BACKLOG));
    assertEquals(4, backlog.queued());
  }

  @Test
  void aTicketFreesItsPlaceOnceHoweverOftenItIsReleased() {
    IkeBacklog backlog = new IkeBacklog(1, 1, new IkeDrops());
    IkeBacklog.Ticket t = backlog.take(AUTH);
    t.release();
    t.release();
    assertEquals(0, backlog.queued());
    assertNotNull(backlog.take(AUTH));
    assertNull(backlog.take(AUTH), "the second release gave no extra place");
  }

  @Test
  void perCoreItHoldsUnderASecondOfWorkAndNewWorkHalfOfIt() {
    IkeBacklog b = IkeBacklog.forCores(2, new IkeDrops());
    assertEquals(1024, b.bound());
    assertEquals(512, b.newWorkBound());
  }
}

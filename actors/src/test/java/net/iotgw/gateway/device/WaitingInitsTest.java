package net.iotgw.gateway.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import net.iotgw.gateway.ike.IkeBacklog;
import net.iotgw.gateway.ike.IkeDrops;
import net.iotgw.protocols.ike.engine.Datagram;
import org.junit.jupiter.api.Test;

/** The line of IKE_SA_INITs waiting for a CD's SA slot: bounded, FIFO, one per initiator. */
class WaitingInitsTest {
  private final IkeBacklog backlog = new IkeBacklog(10, 10, new IkeDrops());

  @Test
  void aRetransmissionReplacesItsEntryInPlaceAndGivesBackTheOlderPlace() throws Exception {
    WaitingInits<String> line = new WaitingInits<>(2);
    Datagram first = datagram(1);
    Datagram withCookie = datagram(2);
    assertTrue(line.offer("a", first, backlog.take(new byte[28])));
    assertTrue(line.offer("b", datagram(3), backlog.take(new byte[28])));
    assertTrue(line.offer("a", withCookie, backlog.take(new byte[28])), "in place, not full");
    assertEquals(2, backlog.queued(), "the replaced copy's place given back");
    WaitingInits.Entry<String> head = line.poll();
    assertEquals("a", head.key(), "still first in line");
    assertSame(withCookie, head.datagram(), "the newest copy");
  }

  @Test
  void aFullLineTakesNoNewInitiatorAndClearGivesEveryPlaceBack() throws Exception {
    WaitingInits<String> line = new WaitingInits<>(1);
    assertTrue(line.offer("a", datagram(1), backlog.take(new byte[28])));
    assertFalse(line.offer("b", datagram(2), IkeBacklog.Ticket.NONE));
    line.clear();
    assertTrue(line.isEmpty());
    assertNull(line.poll());
    assertEquals(0, backlog.queued());
  }

  private static Datagram datagram(int n) throws Exception {
    InetSocketAddress a = new InetSocketAddress(InetAddress.getByName("2001:db8::" + n), 500);
    return new Datagram(a, a, new byte[28]);
  }
}

package net.iotgw.streams.esp;

import static net.iotgw.streams.esp.EspFixtures.CD_IN;
import static net.iotgw.streams.esp.EspFixtures.CD_OUT;
import static net.iotgw.streams.esp.EspFixtures.UD_PORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import net.iotgw.protocols.ipv6.Ipv6Address;
import org.junit.jupiter.api.Test;

class EspForwardingTableTest {
  static final Ipv6Address CD = Ipv6Address.of("2001:db8:cd::1");
  static final Ipv6Address CD2 = Ipv6Address.of("2001:db8:cd::2");
  static final Ipv6Address UD = Ipv6Address.of("2001:db8:1::a");
  static final Ipv6Address UD2 = Ipv6Address.of("2001:db8:1::b");

  private final EspForwardingTable table = new EspForwardingTable();

  @Test
  void aRouteIsFoundByItsInboundSpiAndByCdUdAndOutboundSpi() {
    EspRoute r = EspRoute.udpEncapsulated(CD, CD_IN, CD_OUT, UD, UD_PORT);
    assertEquals(List.of(), table.install(r));
    assertEquals(r, table.forDownlink(CD_IN).orElseThrow().route());
    assertEquals(r, table.forUplink(CD, UD, CD_OUT).orElseThrow().route());
    assertSame(
        table.forDownlink(CD_IN).orElseThrow().counters(),
        table.forUplink(CD, UD, CD_OUT).orElseThrow().counters(),
        "one set of counters per route, both directions");
    // Each SPI only in its own direction, and the uplink only for its CD and UD.
    assertTrue(table.forDownlink(CD_OUT).isEmpty());
    assertTrue(table.forUplink(CD, UD, CD_IN).isEmpty());
    assertTrue(table.forUplink(CD2, UD, CD_OUT).isEmpty());
    assertTrue(table.forUplink(CD, UD2, CD_OUT).isEmpty());
    assertEquals(1, table.size());
  }

  @Test
  void removingByTheInboundSpiRemovesBothDirections() {
    EspRoute r = EspRoute.raw(CD, CD_IN, CD_OUT, UD);
    table.install(r);
    assertEquals(Optional.of(r), table.remove(CD_IN));
    assertTrue(table.forDownlink(CD_IN).isEmpty());
    assertTrue(table.forUplink(CD, UD, CD_OUT).isEmpty());
    assertEquals(Optional.empty(), table.remove(CD_IN));
    assertEquals(0, table.size());
  }

  @Test
  void theSameRouteInstalledAgainKeepsItsCounters() {
    EspRoute r = EspRoute.udpEncapsulated(CD, CD_IN, CD_OUT, UD, UD_PORT);
    table.install(r);
    EspRouteCounters counters = table.forDownlink(CD_IN).orElseThrow().counters();
    counters.downlink(100);
    EspRoute again = EspRoute.udpEncapsulated(CD, CD_IN, CD_OUT, UD, UD_PORT);
    assertEquals(List.of(), table.install(again));
    assertSame(counters, table.forDownlink(CD_IN).orElseThrow().counters());
    assertEquals(100, table.forDownlink(CD_IN).orElseThrow().counters().downlinkOctets());
  }

  @Test
  void aRouteWithTheSameInboundSpiReplacesTheOldOneBothDirections() {
    EspRoute old = EspRoute.udpEncapsulated(CD, CD_IN, CD_OUT, UD, UD_PORT);
    EspRoute moved = EspRoute.udpEncapsulated(CD, CD_IN, CD_OUT + 1, UD, 4500);
    table.install(old);
    assertEquals(List.of(old), table.install(moved));
    assertTrue(table.forUplink(CD, UD, CD_OUT).isEmpty(), "the old uplink key is gone");
    assertEquals(moved, table.forUplink(CD, UD, CD_OUT + 1).orElseThrow().route());
    assertEquals(moved, table.forDownlink(CD_IN).orElseThrow().route());
    assertEquals(0, table.forDownlink(CD_IN).orElseThrow().counters().downlinkPackets());
    assertEquals(1, table.size());
  }

  @Test
  void aUdReusingAnOutboundSpiDisplacesItsOldRouteTheNewestSaWins() {
    EspRoute before = EspRoute.udpEncapsulated(CD, CD_IN, CD_OUT, UD, UD_PORT);
    EspRoute after = EspRoute.udpEncapsulated(CD, CD_IN + 1, CD_OUT, UD, UD_PORT);
    table.install(before);
    assertEquals(List.of(before), table.install(after));
    assertTrue(table.forDownlink(CD_IN).isEmpty());
    assertEquals(after, table.forUplink(CD, UD, CD_OUT).orElseThrow().route());
    // Another UD may pick the same SPI towards the same CD: a different route.
    EspRoute other = EspRoute.udpEncapsulated(CD, CD_IN + 2, CD_OUT, UD2, 4500);
    assertEquals(List.of(), table.install(other));
    assertEquals(other, table.forUplink(CD, UD2, CD_OUT).orElseThrow().route());
    assertEquals(after, table.forUplink(CD, UD, CD_OUT).orElseThrow().route());
    assertEquals(2, table.size());
  }

  @Test
  void reservedSpisAndPortsAreRefused_rfc4303Section2_1() {
    assertThrows(IllegalArgumentException.class, () -> EspRoute.raw(CD, 0, CD_OUT, UD));
    assertThrows(IllegalArgumentException.class, () -> EspRoute.raw(CD, 255, CD_OUT, UD));
    assertThrows(IllegalArgumentException.class, () -> EspRoute.raw(CD, CD_IN, 1, UD));
    assertEquals(256, EspRoute.raw(CD, 256, 0xffff_ffff, UD).cdInboundSpi());
    assertThrows(
        IllegalArgumentException.class,
        () -> EspRoute.udpEncapsulated(CD, CD_IN, CD_OUT, UD, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> EspRoute.udpEncapsulated(CD, CD_IN, CD_OUT, UD, 65536));
    assertEquals(4500, EspRoute.udpEncapsulated(CD, CD_IN, CD_OUT, UD, UD_PORT).gatewayPort());
  }

  @Test
  void actorsOnManyThreadsInstallAndRemoveWithoutLosingADirection() throws Exception {
    int threads = 8;
    int each = 1000;
    CountDownLatch go = new CountDownLatch(1);
    Thread[] writers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int base = 0x1000_0000 * (t + 1);
      writers[t] =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < each; i++) {
                  table.install(EspRoute.raw(CD, base + i, base + i, UD));
                  table.install(EspRoute.raw(CD2, base + each + i, base + i, UD));
                  table.remove(base + each + i);
                }
              });
      writers[t].start();
    }
    go.countDown();
    for (Thread w : writers) {
      w.join();
    }
    assertEquals(threads * each, table.size());
    for (int t = 0; t < threads; t++) {
      int base = 0x1000_0000 * (t + 1);
      for (int i = 0; i < each; i++) {
        EspForwardingTable.Entry down = table.forDownlink(base + i).orElseThrow();
        assertSame(down, table.forUplink(CD, UD, base + i).orElseThrow());
        assertTrue(table.forUplink(CD2, UD, base + i).isEmpty());
      }
    }
  }
}

package net.iotgw.sim.cd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.Reference;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.junit.jupiter.api.Test;

class CdPopulationTest {
  private static final long NOW = 1_700_000_000_000L;

  /** Generous: a CD's own state is a few hundred bytes; 5 KB would still fit 200,000 in 1 GB. */
  private static final long BOUND_BYTES_PER_CD = 5 * 1024;

  @Test
  void euiSixtyFoursCountUpFromTheBaseAndLookUpByExtendedAddress() {
    CdPopulation p = CdPopulation.of(GatewaySide.NETWORK, 3);

    assertEquals(3, p.size());
    assertEquals(List.of(0x0200_0000_0000_0001L, 0x0200_0000_0000_0002L, 0x0200_0000_0000_0003L),
        p.devices().stream().map(SimulatedCd::extendedAddress).toList());
    assertEquals(Ipv6Address.of("2001:db8:cd::3"), p.get(0x0200_0000_0000_0003L).orElseThrow()
        .address());
    assertSame(p.devices().get(1), p.get(0x0200_0000_0000_0002L).orElseThrow());
    assertEquals(Optional.empty(), p.get(0x0200_0000_0000_0004L));
    assertEquals(Optional.empty(), p.get(0x0200_0000_0000_0000L));
    assertEquals(Optional.empty(), p.get(GatewaySide.GATEWAY_EUI64));
  }

  @Test
  void rangeThatWouldHoldTheGatewayIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> CdPopulation.of(GatewaySide.NETWORK, GatewaySide.GATEWAY_EUI64 - 2, 3));
    assertThrows(IllegalArgumentException.class,
        () -> CdPopulation.of(GatewaySide.NETWORK, -2L, 3));
  }

  @Test
  void totalsSumEveryCdsCounters() {
    CdPopulation p = CdPopulation.of(GatewaySide.NETWORK, 4);
    GatewaySide gateway = new GatewaySide();
    for (SimulatedCd cd : p.devices().subList(0, 3)) {
      byte[] f = gateway.framesTo(cd, Ipv6Packets.icmpEchoRequest(
          GatewaySide.UD, cd.address(), 1, 1, new byte[4], 64)).get(0);
      cd.onFrame(f, NOW);
    }
    byte[] bad = gateway.framesTo(p.devices().get(3), Ipv6Packets.icmpEchoRequest(
        GatewaySide.UD, p.devices().get(3).address(), 1, 1, new byte[4], 64)).get(0);
    bad[bad.length - 1] ^= 1;
    p.devices().get(3).onFrame(bad, NOW);

    CdStats totals = p.totals();

    assertEquals(4, totals.framesReceived());
    assertEquals(3, totals.framesSent());
    assertEquals(3, totals.pingsAnswered());
    assertEquals(1, totals.drops(DropReason.BAD_FCS));
    assertEquals(p.devices().get(0).stats().octetsSent() * 3, totals.octetsSent());
  }

  @Test
  void joiningPopulationTakesStoreEntriesInOrderWithTheirEui64OrTheBasesNext() {
    List<CdCredentials> store = DeviceStoreFile.parse("""
        devices = [
          { identity = "a", psk = "000102030405060708090a0b0c0d0e0f" }
          { identity = "b", psk = "000102030405060708090a0b0c0d0e0f",
            eui64 = "02:00:00:00:00:00:09:09" }
          { identity = "c", psk = "000102030405060708090a0b0c0d0e0f" }
        ]
        """);

    CdPopulation p = CdPopulation.joining(GatewaySide.NETWORK, store,
        CdPopulation.DEFAULT_BASE_EUI64, JoinSettings.DEFAULTS, new java.util.Random(1));

    assertEquals(List.of(0x0200_0000_0000_0001L, 0x0200_0000_0000_0909L, 0x0200_0000_0000_0003L),
        p.devices().stream().map(SimulatedCd::extendedAddress).toList());
    assertSame(p.devices().get(1), p.get(0x0200_0000_0000_0909L).orElseThrow());
    assertEquals(Optional.empty(), p.get(0x0200_0000_0000_0002L));
    assertTrue(p.devices().stream().allMatch(SimulatedCd::joins));
    SimulatedCd third = p.devices().get(2);
    assertEquals(1, third.start(NOW).size());
    assertEquals(JoinState.JOINING, third.joinStatus().state());
  }

  @Test
  void joiningPopulationRefusesTwoCdsWithOneEui64() {
    List<CdCredentials> store = DeviceStoreFile.parse("""
        devices = [
          { identity = "a", psk = "000102030405060708090a0b0c0d0e0f" }
          { identity = "b", psk = "000102030405060708090a0b0c0d0e0f",
            eui64 = "02:00:00:00:00:00:00:01" }
        ]
        """);

    assertThrows(IllegalArgumentException.class, () -> CdPopulation.joining(GatewaySide.NETWORK,
        store, CdPopulation.DEFAULT_BASE_EUI64, JoinSettings.DEFAULTS, new java.util.Random(1)));
  }

  @Test
  void tenThousandCdsStayUnderFiveKilobytesEach() throws InterruptedException {
    warmUp();
    long before = usedHeapAfterGc();
    CdPopulation p = CdPopulation.of(GatewaySide.NETWORK, 10_000);
    long constructed = usedHeapAfterGc();

    // Each answers one confirmable GET, which gives it its CoAP deduplication cache.
    GatewaySide gateway = new GatewaySide();
    for (SimulatedCd cd : p.devices()) {
      cd.onFrame(gateway.framesTo(cd, coapGet(cd.address())).get(0), NOW);
    }
    long afterCoap = usedHeapAfterGc();
    Reference.reachabilityFence(p);

    assertEquals(10_000, p.totals().coapRequestsServed());
    long perCd = (constructed - before) / p.size();
    long perCdAfterCoap = (afterCoap - before) / p.size();
    System.out.printf("simulated CD retained heap: %d B each constructed, %d B each after a "
        + "CoAP exchange (10,000 CDs)%n", perCd, perCdAfterCoap);
    assertTrue(perCd < BOUND_BYTES_PER_CD, perCd + " B per CD");
    assertTrue(perCdAfterCoap < BOUND_BYTES_PER_CD, perCdAfterCoap + " B per CD");
  }

  @Test
  void tenThousandJoiningCdsStayUnderFiveKilobytesEach() throws InterruptedException {
    warmUp();
    List<CdCredentials> store = new java.util.ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      store.add(new CdCredentials("cd" + i, new byte[16], java.util.OptionalLong.empty()));
    }
    CdPopulation warm = CdPopulation.joining(GatewaySide.NETWORK, store.subList(0, 2),
        CdPopulation.DEFAULT_BASE_EUI64, JoinSettings.DEFAULTS, new java.util.Random(1));
    warm.devices().get(0).start(NOW);
    long before = usedHeapAfterGc();

    CdPopulation p = CdPopulation.joining(GatewaySide.NETWORK, store,
        CdPopulation.DEFAULT_BASE_EUI64, JoinSettings.DEFAULTS, new java.util.Random(1));
    for (SimulatedCd cd : p.devices()) {
      cd.start(NOW);
    }
    long joining = usedHeapAfterGc();
    Reference.reachabilityFence(p);

    long perCd = (joining - before) / p.size();
    System.out.printf("joining simulated CD retained heap: %d B each after its PCI, credentials"
        + " included (10,000 CDs)%n", perCd);
    assertTrue(perCd < BOUND_BYTES_PER_CD, perCd + " B per CD");
  }

  private static Ipv6Packet coapGet(Ipv6Address cd) {
    Request get = Request.newGet();
    get.getOptions().setUriPath("sensors/temperature");
    get.setMID(1);
    get.setToken(new byte[] {1, 2});
    byte[] coap = new UdpDataSerializer().getByteArray(get);
    return Ipv6Packets.udp(GatewaySide.UD, cd, 40000, 5683, coap, 64);
  }

  /** Loads and initializes every class on the path, so the measurement sees CDs only. */
  private static void warmUp() {
    CdPopulation p = CdPopulation.of(GatewaySide.NETWORK, 2);
    GatewaySide gateway = new GatewaySide();
    SimulatedCd cd = p.devices().get(0);
    cd.onFrame(gateway.framesTo(cd, coapGet(cd.address())).get(0), NOW);
    p.totals();
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}

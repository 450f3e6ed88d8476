package net.iotgw.streams.esp;

import static net.iotgw.streams.esp.EspFixtures.CD_IN;
import static net.iotgw.streams.esp.EspFixtures.CD_OUT;
import static net.iotgw.streams.esp.EspFixtures.UD_PORT;
import static net.iotgw.streams.esp.EspFixtures.esp;
import static net.iotgw.streams.esp.EspFixtures.espInUdp;
import static net.iotgw.streams.esp.EspFixtures.rawEsp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Prefix;
import net.iotgw.streams.esp.EspForwarder.ToCd;
import net.iotgw.streams.esp.EspForwarder.ToIke;
import net.iotgw.streams.esp.EspForwarder.ToUcn;
import org.junit.jupiter.api.Test;

/**
 * IKE and ESP of a CD the gateway does not answer for (no IKE profile): the CD runs IKEv2 and ESP
 * itself, so the forwarder routes its traffic like any other, both ways, octet for octet.
 */
class IkeOffloadForwardingTest {
  static final Ipv6Prefix PREFIX = Ipv6Prefix.of("2001:db8:cd::/64");
  static final Ipv6Address CD = Ipv6Address.of("2001:db8:cd::212:4b00:a0b:c0d");
  static final Ipv6Address UD = Ipv6Address.of("2001:db8:1::a");

  private final EspForwardingTable table = new EspForwardingTable();
  private final EspCounters counters = new EspCounters();
  private final EspForwarder forwarder = new EspForwarder(table, PREFIX, counters);

  private final byte[] ikeOn500 = espInUdp(UD, 500, CD, 500, EspFixtures.ikeMessage(1), 64);
  private final byte[] ikeOn4500 =
      espInUdp(UD, UD_PORT, CD, 4500, EspFixtures.marked(EspFixtures.ikeMessage(2)), 64);
  private final byte[] espInUdp =
      espInUdp(UD, UD_PORT, CD, 4500, esp(CD_IN, 1, EspFixtures.transport(1)), 64);
  private final byte[] rawDown = rawEsp(UD, CD, 64, esp(CD_IN, 2, EspFixtures.transport(2)));
  private final byte[] rawUp = rawEsp(CD, UD, 64, esp(CD_OUT, 1, EspFixtures.transport(1)));

  @Test
  void ikeAndEspToACdWithoutAnIkeProfileGoToTheRadioUnchanged_rfc7296Section2() {
    for (byte[] p : new byte[][] {ikeOn500, ikeOn4500, espInUdp, rawDown}) {
      assertSame(p, assertInstanceOf(ToCd.class, forwarder.fromUcn(p)).packet());
    }
    assertEquals(4, counters.passedToCds());
    assertEquals(0, counters.forwardedToCds());
    for (EspDrop d : EspDrop.values()) {
      assertEquals(0, counters.dropped(d), d.name());
    }
  }

  @Test
  void espFromACdWithoutAnIkeProfileGoesToTheUcnUnchangedWithoutARoute() {
    assertSame(rawUp, assertInstanceOf(ToUcn.class, forwarder.fromRadio(rawUp)).packet());
    byte[] tooShort = rawEsp(CD, UD, 64, new byte[] {1, 2, 3});
    assertSame(tooShort, assertInstanceOf(ToUcn.class, forwarder.fromRadio(tooShort)).packet());
    assertEquals(2, counters.passedToUds());
    assertEquals(0, counters.espNoRoute() + counters.dropped(EspDrop.MALFORMED));
  }

  @Test
  void aCdsIkeIsTheGatewaysFromItsOffloadUntilItsRelease() {
    table.ikeOffload().offload(CD);
    assertTrue(table.ikeOffload().isOffloaded(CD));
    assertInstanceOf(ToIke.class, forwarder.fromUcn(ikeOn500));
    assertInstanceOf(ToIke.class, forwarder.fromUcn(ikeOn4500));
    assertEquals(EspDrop.NO_ROUTE_FROM_UD,
        assertInstanceOf(EspForwarder.Dropped.class, forwarder.fromUcn(rawDown)).reason());
    assertEquals(EspDrop.NO_ROUTE_FROM_CD,
        assertInstanceOf(EspForwarder.Dropped.class, forwarder.fromRadio(rawUp)).reason());

    table.ikeOffload().release(CD);
    assertFalse(table.ikeOffload().isOffloaded(CD));
    assertSame(ikeOn500, assertInstanceOf(ToCd.class, forwarder.fromUcn(ikeOn500)).packet());
    assertSame(rawUp, assertInstanceOf(ToUcn.class, forwarder.fromRadio(rawUp)).packet());
    assertEquals(0, table.ikeOffload().size());
  }

  @Test
  void otherTrafficToAnyCdIsNotCountedAsPassedIpsec() {
    byte[] coap = espInUdp(UD, 5683, CD, 5683, new byte[12], 64);
    assertSame(coap, assertInstanceOf(ToCd.class, forwarder.fromUcn(coap)).packet());
    assertEquals(0, counters.passedToCds());
  }
}

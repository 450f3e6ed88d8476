package net.iotgw.streams.lowpan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ieee802154.AuxSecurityHeader;
import net.iotgw.protocols.ieee802154.FrameVersion;
import net.iotgw.protocols.ieee802154.MacFrame;
import net.iotgw.protocols.ieee802154.MacHeader;
import net.iotgw.protocols.ieee802154.security.FrameProtection;
import org.junit.jupiter.api.Test;

/** The link-security layer alone; the enforcement point as a whole is EnforcementPointTest's. */
class LinkSecurityTest {
  static final Address.Extended GW = new Address.Extended(Nodes.GW_EUI64);
  static final Address.Extended CD = new Address.Extended(Nodes.CD_EUI64);

  private final LinkKeyTable keys = new LinkKeyTable();
  private final LowpanCounters counters = new LowpanCounters();
  private final LinkSecurity enforcing = new LinkSecurity(Nodes.GATEWAY, keys, counters);
  private final LinkSecurity open = new LinkSecurity(Nodes.GATEWAY_OPEN, keys, counters);

  static MacFrame frame(Address dst, Address src) {
    return new MacFrame(
        MacHeader.data(FrameVersion.IEEE_2006, 5, Nodes.PAN, dst, src, true),
        new byte[] {0x7a, 0x33, 0x3a});
  }

  @Test
  void aFrameToSecureForACdRemovedOnTheWayIsDroppedNotSentInClear() {
    // AdmissionRule let the datagram through; the key was removed before its frame got here.
    assertEquals(Optional.empty(), enforcing.seal(new LinkFrame(frame(CD, GW), true)));
    LinkFrame broadcast = new LinkFrame(frame(Address.Short.BROADCAST, GW), true);
    assertEquals(Optional.empty(), enforcing.seal(broadcast));
    assertEquals(2, counters.snapshot().dropped(LowpanDrop.NOT_ADMITTED));
  }

  @Test
  void framesNotToSecurePassUnchanged() {
    MacFrame f = frame(CD, GW);
    assertSame(f, enforcing.seal(new LinkFrame(f, false)).orElseThrow());
  }

  @Test
  void aVerifiedFrameGoesUpInPlaintextWithSecurityEnabledCleared() {
    keys.install(CD.value(), SecuringCd.key(5));
    MacFrame clear = frame(GW, CD);
    MacFrame secured =
        FrameProtection.secure(
            clear,
            CD,
            SecuringCd.key(5),
            AuxSecurityHeader.implicitKey(Nodes.GATEWAY.securityLevel(), 0));
    LinkFrame up = enforcing.open(secured).orElseThrow();
    assertTrue(up.secured());
    assertEquals(clear, up.frame());
    assertFalse(up.frame().header().frameControl().securityEnabled());
  }

  @Test
  void unsecuredFramesGoUpMarkedUnsecured() {
    MacFrame f = frame(GW, CD);
    assertEquals(Optional.of(new LinkFrame(f, false)), enforcing.open(f));
  }

  @Test
  void openModeHandsSecuredFramesUpUntouchedForMacFramingToDrop() {
    keys.install(CD.value(), SecuringCd.key(5));
    MacFrame secured =
        FrameProtection.secure(
            frame(GW, CD),
            CD,
            SecuringCd.key(5),
            AuxSecurityHeader.implicitKey(Nodes.GATEWAY.securityLevel(), 0));
    LinkFrame up = open.open(secured).orElseThrow();
    assertFalse(up.secured());
    assertSame(secured, up.frame());
    MacFramingLayer framing = new MacFramingLayer(Nodes.GATEWAY_OPEN, counters);
    assertEquals(Optional.empty(), framing.payloadOf(up));
    assertEquals(1, counters.snapshot().dropped(LowpanDrop.SECURED_FRAME));
    assertEquals(1, counters.snapshot().droppedTotal());
  }
}

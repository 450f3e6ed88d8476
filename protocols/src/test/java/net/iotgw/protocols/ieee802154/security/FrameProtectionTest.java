package net.iotgw.protocols.ieee802154.security;

import static net.iotgw.protocols.ieee802154.security.AnnexCVectorsTest.SENDER;
import static net.iotgw.protocols.ieee802154.security.AnnexCVectorsTest.annexKey;
import static net.iotgw.protocols.ieee802154.security.AnnexCVectorsTest.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ieee802154.AuxSecurityHeader;
import net.iotgw.protocols.ieee802154.FrameVersion;
import net.iotgw.protocols.ieee802154.MacFrame;
import net.iotgw.protocols.ieee802154.MacFrameCodec;
import net.iotgw.protocols.ieee802154.MacHeader;
import net.iotgw.protocols.ieee802154.SecurityLevel;
import net.iotgw.protocols.ieee802154.security.Unprotected.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FrameProtectionTest {
  static final byte[] DATA = hex("41600000000000000000000000000001 02030405");

  static MacFrame dataFrame(FrameVersion version) {
    MacHeader h =
        MacHeader.data(version, 7, 0xabcd, new Address.Short(0), new Address.Short(0x0102), true);
    return new MacFrame(h, DATA);
  }

  static PeerLookup known(ReplayState replay) {
    return h -> Optional.of(new PeerKey(SENDER, annexKey(), replay));
  }

  static byte[] secured(SecurityLevel level, long counter) {
    return FrameProtection.protect(
            dataFrame(FrameVersion.IEEE_2006),
            SENDER,
            annexKey(),
            new OutgoingFrameCounter(counter),
            level)
        .psdu();
  }

  static Unprotected check(byte[] psdu, SecurityLevel required, ReplayState replay) {
    return FrameProtection.unprotect(psdu, true, required, known(replay));
  }

  @ParameterizedTest
  @EnumSource(
      value = SecurityLevel.class,
      names = {"MIC_32", "MIC_64", "MIC_128", "ENC_MIC_32", "ENC_MIC_64", "ENC_MIC_128"})
  void roundTripsAtEveryAuthenticatingLevel(SecurityLevel level) {
    for (FrameVersion version : List.of(FrameVersion.IEEE_2006, FrameVersion.IEEE_2015)) {
      FrameProtection.Protected p =
          FrameProtection.protect(
              dataFrame(version), SENDER, annexKey(), new OutgoingFrameCounter(41), level);
      assertEquals(42, p.counter().value());
      MacFrame onAir = MacFrameCodec.decode(p.psdu(), true).orThrow();
      assertEquals(DATA.length + level.micLength(), onAir.payload().length);
      byte[] body = Arrays.copyOf(onAir.payload(), DATA.length);
      if (level.encrypts()) {
        assertNotEquals(hex(DATA), hex(body));
      } else {
        assertArrayEquals(DATA, body);
      }
      Unprotected.Accepted a =
          assertInstanceOf(Unprotected.Accepted.class, check(p.psdu(), level, ReplayState.fresh()));
      assertArrayEquals(DATA, a.payload());
      assertEquals(41, a.frameCounter());
      assertEquals(new ReplayState(OptionalLong.of(41)), a.replay());
      assertEquals(onAir.header(), a.header());
    }
  }

  @Test
  void emptyPayloadIsAuthenticatedToo() {
    MacHeader h = dataFrame(FrameVersion.IEEE_2006).header();
    byte[] psdu =
        FrameProtection.protect(
                new MacFrame(h, new byte[0]),
                SENDER,
                annexKey(),
                OutgoingFrameCounter.initial(),
                SecurityLevel.ENC_MIC_32)
            .psdu();
    Unprotected.Accepted a =
        assertInstanceOf(
            Unprotected.Accepted.class,
            check(psdu, SecurityLevel.ENC_MIC_32, ReplayState.fresh()));
    assertEquals(0, a.payload().length);
  }

  @ParameterizedTest
  @EnumSource(
      value = SecurityLevel.class,
      names = {"MIC_64", "ENC_MIC_32", "ENC_MIC_64"})
  void anyChangedBitInTheMpduIsRejected(SecurityLevel level) {
    byte[] psdu = secured(level, 9);
    int mpdu = psdu.length - 2;
    int headerLength = MacFrameCodec.decode(psdu, true).orThrow().header().length();
    for (int i = 0; i < mpdu; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] t = Arrays.copyOf(psdu, mpdu);
        t[i] ^= (byte) (1 << bit);
        Unprotected u = FrameProtection.unprotect(t, false, level, known(ReplayState.fresh()));
        Unprotected.Rejected r = assertInstanceOf(Unprotected.Rejected.class, u, "byte " + i);
        if (i >= headerLength) {
          assertEquals(Reason.BAD_MIC, r.reason(), "payload or MIC byte " + i);
        }
      }
    }
  }

  @Test
  void aChangedFrameCounterBreaksTheMic_7_6_3_2() {
    byte[] psdu = secured(SecurityLevel.ENC_MIC_64, 9);
    byte[] t = Arrays.copyOf(psdu, psdu.length - 2);
    int counterOffset = 2 + 1 + 2 + 2 + 2 + 1; // FCF, seq, PAN, dst, src, security control
    assertEquals(9, t[counterOffset]);
    t[counterOffset] = 10;
    Unprotected.Rejected r =
        assertInstanceOf(
            Unprotected.Rejected.class,
            FrameProtection.unprotect(
                t, false, SecurityLevel.ENC_MIC_64, known(ReplayState.fresh())));
    assertEquals(Reason.BAD_MIC, r.reason());
  }

  @Test
  void aWrongKeyFailsTheMic() {
    byte[] psdu = secured(SecurityLevel.ENC_MIC_32, 1);
    LinkKey other = LinkKey.of(hex("c0c1c2c3c4c5c6c7c8c9cacbcccdcece"));
    Unprotected u =
        FrameProtection.unprotect(
            psdu,
            true,
            SecurityLevel.ENC_MIC_32,
            h -> Optional.of(new PeerKey(SENDER, other, ReplayState.fresh())));
    assertEquals(Reason.BAD_MIC, assertInstanceOf(Unprotected.Rejected.class, u).reason());
  }

  @Test
  void aSenderClaimingAnotherExtendedAddressFailsTheMic() {
    byte[] psdu = secured(SecurityLevel.ENC_MIC_32, 1);
    Address.Extended other = new Address.Extended(0xacde480000000003L);
    Unprotected u =
        FrameProtection.unprotect(
            psdu,
            true,
            SecurityLevel.ENC_MIC_32,
            h -> Optional.of(new PeerKey(other, annexKey(), ReplayState.fresh())));
    assertEquals(Reason.BAD_MIC, assertInstanceOf(Unprotected.Rejected.class, u).reason());
  }

  @Test
  void aReplayedOrOlderCounterIsRejected_7_5_8_2_3() {
    byte[] five = secured(SecurityLevel.ENC_MIC_32, 5);
    byte[] four = secured(SecurityLevel.ENC_MIC_32, 4);
    Unprotected.Accepted first =
        assertInstanceOf(
            Unprotected.Accepted.class, check(five, SecurityLevel.ENC_MIC_32, ReplayState.fresh()));
    ReplayState after = first.replay();
    assertEquals(
        Reason.REPLAYED,
        assertInstanceOf(Unprotected.Rejected.class, check(five, SecurityLevel.ENC_MIC_32, after))
            .reason());
    assertEquals(
        Reason.REPLAYED,
        assertInstanceOf(Unprotected.Rejected.class, check(four, SecurityLevel.ENC_MIC_32, after))
            .reason());
    assertInstanceOf(
        Unprotected.Accepted.class,
        check(secured(SecurityLevel.ENC_MIC_32, 6), SecurityLevel.ENC_MIC_32, after));
  }

  @Test
  void aLevelOtherThanTheRequiredOneIsRejected() {
    byte[] psdu = secured(SecurityLevel.MIC_64, 1);
    Unprotected u = check(psdu, SecurityLevel.ENC_MIC_64, ReplayState.fresh());
    assertEquals(
        Reason.IMPROPER_SECURITY_LEVEL, assertInstanceOf(Unprotected.Rejected.class, u).reason());
  }

  @Test
  void anUnknownSenderIsRejected() {
    byte[] psdu = secured(SecurityLevel.ENC_MIC_32, 1);
    Unprotected u =
        FrameProtection.unprotect(psdu, true, SecurityLevel.ENC_MIC_32, h -> Optional.empty());
    assertEquals(Reason.UNKNOWN_DEVICE, assertInstanceOf(Unprotected.Rejected.class, u).reason());
  }

  @Test
  void anUnsecuredFrameIsRejected() {
    byte[] psdu = MacFrameCodec.encode(dataFrame(FrameVersion.IEEE_2006));
    Unprotected u = check(psdu, SecurityLevel.ENC_MIC_32, ReplayState.fresh());
    assertEquals(Reason.UNSECURED, assertInstanceOf(Unprotected.Rejected.class, u).reason());
  }

  @Test
  void encWithoutMicIsRefusedBothWays_annexC22() {
    byte[] annexData = hex("69dc842143020000000048deac010000000048deac0405000000d43e022b");
    Unprotected u =
        FrameProtection.unprotect(annexData, false, SecurityLevel.ENC, known(ReplayState.fresh()));
    assertEquals(Reason.UNSUPPORTED, assertInstanceOf(Unprotected.Rejected.class, u).reason());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            FrameProtection.protect(
                dataFrame(FrameVersion.IEEE_2006),
                SENDER,
                annexKey(),
                OutgoingFrameCounter.initial(),
                SecurityLevel.ENC));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            FrameProtection.protect(
                dataFrame(FrameVersion.IEEE_2006),
                SENDER,
                annexKey(),
                OutgoingFrameCounter.initial(),
                SecurityLevel.NONE));
  }

  @Test
  void aReceivedCounterOf0xffffffffIsACounterError() {
    MacHeader h =
        dataFrame(FrameVersion.IEEE_2006)
            .header()
            .withSecurity(AuxSecurityHeader.implicitKey(SecurityLevel.ENC_MIC_32, 0xFFFF_FFFFL));
    byte[] psdu = MacFrameCodec.encode(new MacFrame(h, hex("0102030405060708")));
    Unprotected u = check(psdu, SecurityLevel.ENC_MIC_32, ReplayState.fresh());
    assertEquals(Reason.COUNTER_ERROR, assertInstanceOf(Unprotected.Rejected.class, u).reason());
  }

  @Test
  void anExhaustedCounterRefusesToProtect() {
    OutgoingFrameCounter last = new OutgoingFrameCounter(0xFFFF_FFFEL);
    FrameProtection.Protected p =
        FrameProtection.protect(
            dataFrame(FrameVersion.IEEE_2006), SENDER, annexKey(), last, SecurityLevel.ENC_MIC_32);
    assertTrue(p.counter().exhausted());
    assertThrows(
        IllegalStateException.class,
        () ->
            FrameProtection.protect(
                dataFrame(FrameVersion.IEEE_2006),
                SENDER,
                annexKey(),
                p.counter(),
                SecurityLevel.ENC_MIC_32));
  }

  @Test
  void aFrameThatWouldExceed127OctetsIsRefused() {
    MacHeader h = dataFrame(FrameVersion.IEEE_2006).header();
    MacFrame big = new MacFrame(h, new byte[MacFrameCodec.maxPayload(h)]);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            FrameProtection.protect(
                big, SENDER, annexKey(), OutgoingFrameCounter.initial(), SecurityLevel.ENC_MIC_64));
  }

  @Test
  void truncatedAndMutatedFramesAreRejectedWithoutThrowing() {
    byte[] psdu = secured(SecurityLevel.ENC_MIC_64, 3);
    for (int n = 0; n < psdu.length; n++) {
      byte[] cut = Arrays.copyOf(psdu, n);
      assertInstanceOf(
          Unprotected.Rejected.class, check(cut, SecurityLevel.ENC_MIC_64, ReplayState.fresh()));
      // Without its FCS, the cut at psdu.length - 2 is exactly the MPDU and is authentic.
      Class<? extends Unprotected> expected =
          n == psdu.length - 2 ? Unprotected.Accepted.class : Unprotected.Rejected.class;
      assertInstanceOf(
          expected,
          FrameProtection.unprotect(
              cut, false, SecurityLevel.ENC_MIC_64, known(ReplayState.fresh())));
    }
    // Read without FCS, the two FCS octets join the payload and must break the MIC.
    Random random = new Random(802154);
    for (int i = 0; i < 5000; i++) {
      byte[] t = Arrays.copyOf(psdu, 1 + random.nextInt(psdu.length + 8));
      for (int k = 0; k < 1 + random.nextInt(4); k++) {
        t[random.nextInt(t.length)] = (byte) random.nextInt(256);
      }
      Unprotected u =
          FrameProtection.unprotect(t, false, SecurityLevel.ENC_MIC_64, known(ReplayState.fresh()));
      assertInstanceOf(Unprotected.Rejected.class, u);
    }
  }
}

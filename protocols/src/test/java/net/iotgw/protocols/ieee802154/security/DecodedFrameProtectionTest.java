package net.iotgw.protocols.ieee802154.security;

import static net.iotgw.protocols.ieee802154.security.AnnexCVectorsTest.SENDER;
import static net.iotgw.protocols.ieee802154.security.AnnexCVectorsTest.annexKey;
import static net.iotgw.protocols.ieee802154.security.AnnexCVectorsTest.hex;
import static net.iotgw.protocols.ieee802154.security.AnnexCVectorsTest.unsecuredCommand;
import static net.iotgw.protocols.ieee802154.security.FrameProtectionTest.DATA;
import static net.iotgw.protocols.ieee802154.security.FrameProtectionTest.dataFrame;
import static net.iotgw.protocols.ieee802154.security.FrameProtectionTest.known;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.OptionalLong;
import net.iotgw.protocols.ieee802154.AuxSecurityHeader;
import net.iotgw.protocols.ieee802154.FrameVersion;
import net.iotgw.protocols.ieee802154.MacFrame;
import net.iotgw.protocols.ieee802154.MacFrameCodec;
import net.iotgw.protocols.ieee802154.MacHeader;
import net.iotgw.protocols.ieee802154.SecurityLevel;
import net.iotgw.protocols.ieee802154.security.Unprotected.Reason;
import org.junit.jupiter.api.Test;

/**
 * Frame protection on frames a stream has already decoded ({@link FrameProtection#secure} and
 * {@link FrameProtection#unprotect(MacFrame, SecurityLevel, PeerLookup)}): the same bytes and the
 * same verdicts as the PSDU forms.
 */
class DecodedFrameProtectionTest {
  static final SecurityLevel LEVEL = SecurityLevel.ENC_MIC_64;

  static MacFrame securedFrame(long counter) {
    return FrameProtection.secure(
        dataFrame(FrameVersion.IEEE_2006),
        SENDER,
        annexKey(),
        AuxSecurityHeader.implicitKey(LEVEL, counter));
  }

  @Test
  void secureIsTheFrameThatProtectPutsOnTheAir() {
    FrameProtection.Protected p =
        FrameProtection.protect(
            dataFrame(FrameVersion.IEEE_2006),
            SENDER,
            annexKey(),
            new OutgoingFrameCounter(9),
            LEVEL);
    assertArrayEquals(p.psdu(), MacFrameCodec.encode(securedFrame(9)));
    // Annex C.2.3 through the frame form: the command identifier stays open (7.6.3.4.2).
    MacFrame command =
        FrameProtection.secure(
            unsecuredCommand(), SENDER, annexKey(), AuxSecurityHeader.implicitKey(LEVEL, 5));
    assertEquals(0x01, command.payload()[0]);
  }

  @Test
  void aDecodedFrameGetsTheVerdictOfItsPsdu() {
    MacFrame onAir = securedFrame(41);
    Unprotected.Accepted fromFrame =
        assertInstanceOf(
            Unprotected.Accepted.class,
            FrameProtection.unprotect(onAir, LEVEL, known(ReplayState.fresh())));
    Unprotected.Accepted fromPsdu =
        assertInstanceOf(
            Unprotected.Accepted.class,
            FrameProtection.unprotect(
                MacFrameCodec.encode(onAir), true, LEVEL, known(ReplayState.fresh())));
    assertArrayEquals(DATA, fromFrame.payload());
    assertArrayEquals(fromPsdu.payload(), fromFrame.payload());
    assertEquals(onAir.header(), fromFrame.header());
    assertEquals(41, fromFrame.frameCounter());
    assertEquals(new ReplayState(OptionalLong.of(41)), fromFrame.replay());
    assertEquals(SENDER, fromFrame.sender());
  }

  @Test
  void withoutSecurityGivesBackTheHeaderThatWasSecured() {
    MacFrame onAir = securedFrame(3);
    MacHeader cleared = onAir.header().withoutSecurity();
    assertEquals(dataFrame(FrameVersion.IEEE_2006).header(), cleared);
    assertEquals(
        hex(MacFrameCodec.encodeHeader(dataFrame(FrameVersion.IEEE_2006).header())),
        hex(MacFrameCodec.encodeHeader(cleared)));
  }

  @Test
  void everyFlippedPayloadBitOrChangedHeaderFieldFailsTheMic() {
    MacFrame onAir = securedFrame(7);
    for (int i = 0; i < onAir.payload().length * 8; i++) {
      byte[] t = onAir.payload().clone();
      t[i / 8] ^= (byte) (1 << (i % 8));
      Unprotected u =
          FrameProtection.unprotect(
              new MacFrame(onAir.header(), t), LEVEL, known(ReplayState.fresh()));
      assertEquals(Reason.BAD_MIC, assertInstanceOf(Unprotected.Rejected.class, u).reason());
    }
    MacHeader h = onAir.header();
    MacHeader otherSequence =
        MacHeader.data(
                FrameVersion.IEEE_2006,
                h.sequenceNumber().getAsInt() + 1,
                0xabcd,
                h.destination(),
                h.source(),
                true)
            .withSecurity(h.security().orElseThrow());
    Unprotected u =
        FrameProtection.unprotect(
            new MacFrame(otherSequence, onAir.payload()), LEVEL, known(ReplayState.fresh()));
    assertEquals(Reason.BAD_MIC, assertInstanceOf(Unprotected.Rejected.class, u).reason());
  }

  @Test
  void unsecuredStaleUnknownAndWrongLevelFramesAreRejected_7_5_8_2_3() {
    Unprotected clear =
        FrameProtection.unprotect(
            dataFrame(FrameVersion.IEEE_2006), LEVEL, known(ReplayState.fresh()));
    assertEquals(Reason.UNSECURED, assertInstanceOf(Unprotected.Rejected.class, clear).reason());

    Unprotected stale =
        FrameProtection.unprotect(
            securedFrame(5), LEVEL, known(new ReplayState(OptionalLong.of(5))));
    assertEquals(Reason.REPLAYED, assertInstanceOf(Unprotected.Rejected.class, stale).reason());

    Unprotected unknown = FrameProtection.unprotect(securedFrame(5), LEVEL, h -> Optional.empty());
    assertEquals(
        Reason.UNKNOWN_DEVICE, assertInstanceOf(Unprotected.Rejected.class, unknown).reason());

    Unprotected level =
        FrameProtection.unprotect(
            securedFrame(5), SecurityLevel.ENC_MIC_32, known(ReplayState.fresh()));
    assertEquals(
        Reason.IMPROPER_SECURITY_LEVEL,
        assertInstanceOf(Unprotected.Rejected.class, level).reason());
  }

  @Test
  void aFrameThatWouldNotFit127OctetsOnceSecuredIsRefused() {
    MacHeader h = dataFrame(FrameVersion.IEEE_2006).header();
    AuxSecurityHeader aux = AuxSecurityHeader.implicitKey(LEVEL, 1);
    int room = MacFrameCodec.maxPayload(h.withSecurity(aux));
    MacFrame fits = new MacFrame(h, new byte[room]);
    assertEquals(
        MacFrameCodec.MAX_PHY_PACKET_SIZE,
        MacFrameCodec.encode(FrameProtection.secure(fits, SENDER, annexKey(), aux)).length);
    MacFrame tooBig = new MacFrame(h, new byte[room + 1]);
    assertThrows(
        IllegalArgumentException.class,
        () -> FrameProtection.secure(tooBig, SENDER, annexKey(), aux));
  }
}

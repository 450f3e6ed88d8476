package net.iotgw.protocols.ieee802154.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ieee802154.FrameType;
import net.iotgw.protocols.ieee802154.FrameVersion;
import net.iotgw.protocols.ieee802154.MacFrame;
import net.iotgw.protocols.ieee802154.MacFrameCodec;
import net.iotgw.protocols.ieee802154.MacHeader;
import net.iotgw.protocols.ieee802154.SecurityLevel;
import org.junit.jupiter.api.Test;

/** IEEE 802.15.4-2006 Annex C.2: key C0..CF, sender ac:de:48:00:00:00:00:01, frame counter 5. */
class AnnexCVectorsTest {
  static final Address.Extended SENDER = new Address.Extended(0xacde480000000001L);
  static final Address.Extended RECEIVER = new Address.Extended(0xacde480000000002L);

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  static LinkKey annexKey() {
    return LinkKey.of(hex("c0c1c2c3c4c5c6c7c8c9cacbcccdcecf"));
  }

  static String mpdu(byte[] psdu) {
    return hex(java.util.Arrays.copyOf(psdu, psdu.length - 2));
  }

  /** C.2.1: beacon, MIC-64, superframe spec 0xcf55, no GTS, no pending, payload 51 52 53 54. */
  static MacFrame unsecuredBeacon() {
    MacHeader h =
        MacHeader.builder(FrameType.BEACON, FrameVersion.IEEE_2006)
            .sequenceNumber(0x84)
            .source(0x4321, SENDER)
            .build();
    return new MacFrame(h, hex("55cf0000 51525354"));
  }

  /** C.2.3: association request from SENDER to the coordinator, capability information 0xce. */
  static MacFrame unsecuredCommand() {
    MacHeader h =
        MacHeader.builder(FrameType.COMMAND, FrameVersion.IEEE_2006)
            .sequenceNumber(0x84)
            .destination(0x4321, RECEIVER)
            .source(0xffff, SENDER)
            .ackRequest(true)
            .build();
    return new MacFrame(h, hex("01 ce"));
  }

  @Test
  void nonceIsSourceEui64CounterBigEndianAndLevel_annexC21() {
    assertEquals(
        "acde48000000000100000005" + "02",
        hex(FrameProtection.nonce(SENDER, 5, SecurityLevel.MIC_64)));
  }

  @Test
  void beaconAtMic64MatchesAnnexC21() {
    byte[] psdu =
        FrameProtection.protect(
                unsecuredBeacon(),
                SENDER,
                annexKey(),
                new OutgoingFrameCounter(5),
                SecurityLevel.MIC_64)
            .psdu();
    assertEquals(
        "08d0842143010000000048deac020500000055cf000051525354223bc1ec841ab553", mpdu(psdu));
  }

  @Test
  void commandAtEncMic64MatchesAnnexC23() {
    byte[] psdu =
        FrameProtection.protect(
                unsecuredCommand(),
                SENDER,
                annexKey(),
                new OutgoingFrameCounter(5),
                SecurityLevel.ENC_MIC_64)
            .psdu();
    assertEquals(
        "2bdc842143020000000048deacffff010000000048deac060500000001d84fde529061f9c6f1",
        mpdu(psdu));
  }

  @Test
  void annexC23CommandUnprotectsToTheCapabilityOctet() {
    byte[] mpdu =
        hex("2bdc842143020000000048deacffff010000000048deac060500000001d84fde529061f9c6f1");
    Unprotected u =
        FrameProtection.unprotect(
            mpdu,
            false,
            SecurityLevel.ENC_MIC_64,
            h -> Optional.of(new PeerKey(SENDER, annexKey(), ReplayState.fresh())));
    Unprotected.Accepted a = assertInstanceOf(Unprotected.Accepted.class, u);
    assertEquals("01ce", hex(a.payload()));
    assertEquals(SENDER, a.sender());
    assertEquals(5, a.frameCounter());
    assertEquals(new ReplayState(OptionalLong.of(5)), a.replay());
  }

  @Test
  void annexC21BeaconUnprotectsAtMic64() {
    byte[] mpdu = hex("08d0842143010000000048deac020500000055cf000051525354223bc1ec841ab553");
    Unprotected.Accepted a =
        assertInstanceOf(
            Unprotected.Accepted.class,
            FrameProtection.unprotect(
                mpdu,
                false,
                SecurityLevel.MIC_64,
                h -> Optional.of(new PeerKey(SENDER, annexKey(), ReplayState.fresh()))));
    assertArrayEquals(hex("55cf000051525354"), a.payload());
    assertEquals(MacFrameCodec.decode(mpdu, false).orThrow().header(), a.header());
  }
}

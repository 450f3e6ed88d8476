package net.iotgw.protocols.ieee802154;

import static net.iotgw.protocols.ieee802154.Frames.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Known frames, decoded field by field and re-encoded to the same octets. */
class MacFrameVectorsTest {

  private static MacFrame decodeWithoutFcs(String hex) {
    return MacFrameCodec.decode(hex(hex), false).orThrow();
  }

  /** The MPDU of {@code frame} re-encoded, without the FCS the encoder appends. */
  private static String reencodedMpdu(MacFrame frame) {
    byte[] psdu = MacFrameCodec.encode(frame);
    return hex(Arrays.copyOf(psdu, psdu.length - 2));
  }

  @Test
  void capturedContiki2003FrameWithExtendedAddressesAndPanIdCompression() {
    byte[] psdu = hex(Frames.CONTIKI_2003_EXT);
    MacFrame f = MacFrameCodec.decode(psdu, true).orThrow();
    MacHeader h = f.header();
    FrameControl fc = h.frameControl();
    assertEquals(0xcc41, fc.bits());
    assertEquals(FrameType.DATA, fc.frameType());
    assertEquals(FrameVersion.IEEE_2003, fc.version());
    assertTrue(fc.panIdCompression());
    assertFalse(fc.ackRequest());
    assertEquals(OptionalInt.of(0xb5), h.sequenceNumber());
    assertEquals(OptionalInt.of(0xabcd), h.destinationPanId());
    assertEquals(OptionalInt.empty(), h.sourcePanId());
    assertEquals(OptionalInt.of(0xabcd), h.effectiveSourcePanId());
    // On the air 16 15 14 fe ff 13 12 02: the EUI-64 02:12:13:ff:fe:14:15:16, reversed.
    assertEquals(new Address.Extended(0x021213fffe141516L), h.destination());
    assertEquals("02:11:22:ff:fe:33:44:55", h.source().toString());
    assertEquals(21, h.length());
    assertEquals("78f6", hex(Arrays.copyOf(f.payload(), 2)));
    assertArrayEquals(psdu, MacFrameCodec.encode(f));
  }

  @Test
  void annexC2_1SecuredBeaconHasOnlyASourceWithItsPan() {
    MacFrame f = decodeWithoutFcs(Frames.ANNEX_C_BEACON);
    MacHeader h = f.header();
    assertEquals(FrameType.BEACON, h.frameControl().frameType());
    assertEquals(FrameVersion.IEEE_2006, h.frameControl().version());
    assertEquals(Address.NONE, h.destination());
    assertEquals(OptionalInt.empty(), h.destinationPanId());
    assertEquals(OptionalInt.of(0x4321), h.sourcePanId());
    assertEquals(new Address.Extended(0xacde480000000001L), h.source());
    assertEquals(Optional.of(AuxSecurityHeader.implicitKey(SecurityLevel.MIC_64, 5)), h.security());
    assertEquals(8, h.micLength());
    assertEquals("55cf000051525354223bc1ec841ab553", hex(f.payload()));
    assertEquals(Frames.ANNEX_C_BEACON.replace(" ", ""), reencodedMpdu(f));
  }

  @Test
  void annexC2_2SecuredDataFrameHeaderIsTheCcmAuthenticatedData() {
    MacFrame f = decodeWithoutFcs(Frames.ANNEX_C_DATA);
    MacHeader h = f.header();
    assertEquals(0xdc69, h.frameControl().bits());
    assertEquals(new Address.Extended(0xacde480000000002L), h.destination());
    assertEquals(new Address.Extended(0xacde480000000001L), h.source());
    assertEquals(SecurityLevel.ENC, h.security().orElseThrow().level());
    assertEquals(OptionalLong.of(5), h.security().orElseThrow().frameCounter());
    assertEquals(0, h.micLength());
    // Annex C.2.2.2 lists these 26 octets as the a-data of CCM*.
    assertEquals(
        "69dc842143020000000048deac010000000048deac0405000000", hex(MacFrameCodec.encodeHeader(h)));
    assertEquals("d43e022b", hex(f.payload()));
    // The CCM* nonce (§9.3.2.2) holds the source in EUI-64 order: ac de 48 00 00 00 00 01.
    assertEquals("acde480000000001", hex(((Address.Extended) h.source()).eui64()));
  }

  @Test
  void annexC2_3SecuredCommandFrameKeepsBothPanIds() {
    MacFrame f = decodeWithoutFcs(Frames.ANNEX_C_COMMAND);
    MacHeader h = f.header();
    assertEquals(FrameType.COMMAND, h.frameControl().frameType());
    assertFalse(h.frameControl().panIdCompression());
    assertEquals(OptionalInt.of(0x4321), h.destinationPanId());
    assertEquals(OptionalInt.of(0xffff), h.sourcePanId());
    assertEquals(SecurityLevel.ENC_MIC_64, h.security().orElseThrow().level());
    assertEquals("01d84fde529061f9c6f1", hex(f.payload()));
    assertEquals(Frames.ANNEX_C_COMMAND.replace(" ", ""), reencodedMpdu(f));
  }

  @Test
  void intraPanDataFrameWithShortAddresses2006() {
    MacHeader h =
        MacHeader.data(
            FrameVersion.IEEE_2006, 0x2a, 0xabcd, new Address.Short(1), new Address.Short(2), true);
    byte[] psdu = MacFrameCodec.encode(new MacFrame(h, hex("68656c6c6f")));
    // FCF 0x9861: data, AR, PAN ID compression, short/short, 2006. tshark: FCS 0x7038 (Correct).
    assertEquals("6198 2a cdab 0100 0200 68656c6c6f 3870".replace(" ", ""), hex(psdu));
    assertEquals(new MacFrame(h, hex("68656c6c6f")), MacFrameCodec.decode(psdu, true).orThrow());
  }

  @Test
  void extendedAddressesGoOnTheAirReversed2006() {
    MacHeader h =
        MacHeader.data(
            FrameVersion.IEEE_2006,
            0x85,
            0x1234,
            new Address.Extended(0x00124b0001020304L),
            new Address.Extended(0xacde480000000001L),
            true);
    byte[] psdu = MacFrameCodec.encode(new MacFrame(h, hex("0102")));
    // tshark: Destination 00:12:4b:00:01:02:03:04, Extended Source ac:de:48:00:00:00:00:01.
    assertEquals(
        "61dc 85 3412 04030201004b1200 010000000048deac 0102 aef8".replace(" ", ""), hex(psdu));
    assertEquals(h, MacFrameCodec.decode(psdu, true).orThrow().header());
  }

  @Test
  void frameVersion2015WithHeaderIeAndTerminationTable7_2Row7() {
    MacHeader h =
        MacHeader.builder(FrameType.DATA, FrameVersion.IEEE_2015)
            .sequenceNumber(7)
            .destination(0x1234, new Address.Extended(0x00124b0001020304L))
            .source(new Address.Extended(0xacde480000000001L))
            .headerIes(List.of(new HeaderIe(0x1a, hex("10002000")), HeaderIe.termination2()))
            .build();
    assertFalse(h.frameControl().panIdCompression(), "ext/ext with a destination PAN: row 7");
    byte[] psdu = MacFrameCodec.encode(new MacFrame(h, hex("cafe")));
    // tshark: CSL IE (phase 16, period 32), Header Termination 2, FCS 0x4c81 (Correct).
    assertEquals(
        "01ee 07 3412 04030201004b1200 010000000048deac 040d 10002000 803f cafe 814c"
            .replace(" ", ""),
        hex(psdu));
    assertEquals(new MacFrame(h, hex("cafe")), MacFrameCodec.decode(psdu, true).orThrow());
  }

  @Test
  void frameVersion2015WithoutSequenceNumberTable7_2Row14() {
    MacHeader h =
        MacHeader.builder(FrameType.DATA, FrameVersion.IEEE_2015)
            .intraPan(0xabcd, new Address.Short(1), new Address.Short(2))
            .build();
    assertTrue(h.frameControl().sequenceNumberSuppression());
    byte[] psdu = MacFrameCodec.encode(new MacFrame(h, hex("beef")));
    // tshark: FCF 0xa941, Sequence Number Suppression, FCS 0x798d (Correct).
    assertEquals("41a9 cdab 0100 0200 beef 8d79".replace(" ", ""), hex(psdu));
    MacFrame back = MacFrameCodec.decode(psdu, true).orThrow();
    assertEquals(OptionalInt.empty(), back.header().sequenceNumber());
    assertEquals(new MacFrame(h, hex("beef")), back);
  }

  @Test
  void auxiliarySecurityHeaderLevel5KeyIdMode1Section9_4() {
    AuxSecurityHeader aux =
        AuxSecurityHeader.withKeyIndex(SecurityLevel.ENC_MIC_32, 0x01020304L, 1);
    MacHeader h =
        MacHeader.data(
                FrameVersion.IEEE_2006,
                0x10,
                0xabcd,
                new Address.Short(1),
                new Address.Short(2),
                true)
            .withSecurity(aux);
    byte[] payload = hex("a1a2a3a4a5 b1b2b3b4");
    byte[] psdu = MacFrameCodec.encode(new MacFrame(h, payload));
    // Security control 0x0d = level 5 | key id mode 1 << 3; frame counter little-endian; key
    // index 1. tshark: "Encryption with 32-bit MIC", MIC b1b2b3b4, FCS 0x0203 (Correct).
    assertEquals(
        "6998 10 cdab 0100 0200 0d 04030201 01 a1a2a3a4a5 b1b2b3b4 0302".replace(" ", ""),
        hex(psdu));
    assertEquals(6, aux.length());
    assertEquals(4, aux.micLength());
    MacFrame back = MacFrameCodec.decode(psdu, true).orThrow();
    assertEquals(Optional.of(aux), back.header().security());
    assertEquals(new MacFrame(h, payload), back);
  }

  @Test
  void keySourcesAreLittleEndianLikeEveryField() {
    AuxSecurityHeader four =
        new AuxSecurityHeader(
            SecurityLevel.MIC_32, KeyIdMode.SOURCE_4_INDEX, OptionalLong.of(1), 0x11223344L, 7);
    AuxSecurityHeader eight =
        new AuxSecurityHeader(
            SecurityLevel.ENC_MIC_128,
            KeyIdMode.SOURCE_8_INDEX,
            OptionalLong.of(0xfffffffeL),
            0xacde480000000001L,
            0xff);
    MacHeader base =
        MacHeader.data(
            FrameVersion.IEEE_2006, 0, 0xabcd, new Address.Short(1), new Address.Short(2), false);
    assertEquals(
        "11 01000000 44332211 07".replace(" ", ""),
        hex(Arrays.copyOfRange(MacFrameCodec.encodeHeader(base.withSecurity(four)), 9, 19)));
    assertEquals(
        "1f feffffff 010000000048deac ff".replace(" ", ""),
        hex(Arrays.copyOfRange(MacFrameCodec.encodeHeader(base.withSecurity(eight)), 9, 23)));
  }
}

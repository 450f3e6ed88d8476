package net.iotgw.radio.spinel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.radio.Hex;
import net.iotgw.radio.spinel.PropertyValue.Caps;
import net.iotgw.radio.spinel.PropertyValue.HardwareAddress;
import net.iotgw.radio.spinel.PropertyValue.InterfaceType;
import net.iotgw.radio.spinel.PropertyValue.LastStatus;
import net.iotgw.radio.spinel.PropertyValue.NcpVersion;
import net.iotgw.radio.spinel.PropertyValue.PhyChannel;
import net.iotgw.radio.spinel.PropertyValue.ProtocolVersion;
import net.iotgw.radio.spinel.PropertyValue.RawReceive;
import net.iotgw.radio.spinel.PropertyValue.RcpApiVersion;
import org.junit.jupiter.api.Test;

/**
 * What an OpenThread RCP sends, hand-assembled from spinel.h formats and the packing order of
 * {@code NcpBase::PackRadioFrame} / {@code LinkRawTransmitDone}.
 */
class RcpRepliesTest {

  /** 802.15.4 data frame, short addresses, PAN ID compression, plus 2 FCS bytes (11 bytes). */
  private static final String PSDU = "41 88 2A CE FA FF FF 01 00 12 34";

  private static final String RX_FRAME =
      "80 06 71" // FLAG, TID 0 (unsolicited); PROP_VALUE_IS; PROP_STREAM_RAW
          + " 0B 00 " + PSDU // d: frame
          + " C4" // c: RSSI -60 dBm
          + " 80" // c: noise floor -128
          + " 10 00" // S: flags SPINEL_MD_FLAG_ACKED_FP
          + " 0A 00 0F C8 05 04 03 02 01 00 00 00" // t(C C X): channel 15, LQI 200, t 0x0102030405
          + " 01 00 00" // t(i): receive error none
          + " 05 00 00 00 00 00 00"; // t(C L): ACK key id 0, frame counter 0

  private static SpinelFrame ok(String hex) {
    Decoded<SpinelFrame> d = SpinelCodec.decode(Hex.bytes(hex));
    return d.orThrow();
  }

  private static DecodeError failed(String hex) {
    return failed(Hex.bytes(hex));
  }

  private static DecodeError failed(byte[] bytes) {
    Decoded<SpinelFrame> d = SpinelCodec.decode(bytes);
    assertFalse(d.isOk(), "expected failure, got " + d);
    return ((Decoded.Failed<SpinelFrame>) d).error();
  }

  private static PropertyValue valueIs(String hex) {
    return ok(hex).valueIs().orElseThrow();
  }

  @Test
  void decodesStreamRawReceiveWithRssiLqiAndTimestamp() {
    SpinelFrame f = ok(RX_FRAME);
    assertTrue(f.header().isUnsolicited());
    ReceivedFrame rx = ((RawReceive) f.valueIs().orElseThrow()).frame();
    assertArrayEquals(Hex.bytes(PSDU), rx.psdu());
    assertEquals(-60, rx.rssi());
    assertEquals(-128, rx.noiseFloor());
    assertTrue(rx.hasFlag(ReceivedFrame.FLAG_ACKED_FP));
    assertEquals(15, rx.channel());
    assertEquals(200, rx.lqi());
    assertEquals(0x0102030405L, rx.timestampMicros());
    assertEquals(0, rx.receiveError());
  }

  @Test
  void receivedFrameEncodesBackToTheSameBytes() {
    assertEquals(
        Hex.of(Hex.bytes(RX_FRAME)), Hex.of(SpinelCodec.encode(ok(RX_FRAME))));
  }

  /** spinel.h STREAM_RAW: "Partially specified metadata MUST be accepted." */
  @Test
  void streamRawWithoutMetadataTakesSpinelDefaults() {
    ReceivedFrame rx = ((RawReceive) valueIs("80 06 71 02 00 AA BB")).frame();
    assertEquals(ReceivedFrame.of(Hex.bytes("AA BB"), 0, -128, 0), rx);
  }

  @Test
  void streamRawMetadataMayStopInsideAStruct() {
    ReceivedFrame rx = ((RawReceive) valueIs("80 06 71 02 00 AA BB C4 80 00 00 01 00 0F")).frame();
    assertEquals(-60, rx.rssi());
    assertEquals(15, rx.channel());
    assertEquals(0, rx.lqi());
  }

  /** spinel.h "Structured Data": fields appended to a struct or after it are skipped. */
  @Test
  void streamRawIgnoresFieldsAppendedByNewerFirmware() {
    String longerPhy = "80 06 71 02 00 AA BB C4 80 00 00 0B 00 0F C8 00 00 00 00 00 00 00 00 EE";
    String rest = " 01 00 00 05 00 00 00 00 00 00 99 99";
    ReceivedFrame rx = ((RawReceive) valueIs(longerPhy + rest)).frame();
    assertEquals(200, rx.lqi());
  }

  @Test
  void metadataFieldCutInHalfIsTruncated() {
    assertEquals(DecodeError.Kind.TRUNCATED, failed("80 06 71 02 00 AA BB C4 80 00").kind());
  }

  @Test
  void psduLongerThan127IsBadLengthBeforeAnyCopy() {
    assertEquals(DecodeError.Kind.BAD_LENGTH, failed("80 06 71 80 00 00").kind());
  }

  @Test
  void psduLengthBeyondInputIsTruncated() {
    assertEquals(DecodeError.Kind.TRUNCATED, failed("80 06 71 0A 00 01 02 03").kind());
  }

  /** After CMD_RESET the RCP reports its reset reason unsolicited: STATUS_RESET_SOFTWARE. */
  @Test
  void decodesUnsolicitedResetStatus() {
    SpinelFrame f = ok("80 06 00 72");
    assertTrue(f.header().isUnsolicited());
    LastStatus s = (LastStatus) f.valueIs().orElseThrow();
    assertEquals(Optional.of(SpinelStatus.RESET_SOFTWARE), s.status());
    assertTrue(SpinelStatus.isResetReason(s.code()));
    assertEquals(Optional.empty(), s.transmit());
  }

  /** NcpBase::LinkRawTransmitDone: status, frame pending, header updated, then the ACK frame. */
  @Test
  void decodesTransmitDoneWithAck() {
    SpinelFrame f =
        ok("88 06 00 00 01 00"
            + " 05 00 02 10 2A 5D 7B CE 80 00 00"
            + " 0A 00 0F 9B 00 00 00 00 00 00 00 00 01 00 00 05 00 00 00 00 00 00");
    assertEquals(8, f.tid());
    LastStatus s = (LastStatus) f.valueIs().orElseThrow();
    assertTrue(s.isOk());
    TransmitDetails d = s.transmit().orElseThrow();
    assertTrue(d.framePending());
    assertFalse(d.headerUpdated());
    ReceivedFrame ack = d.ack().orElseThrow();
    assertArrayEquals(Hex.bytes("02 10 2A 5D 7B"), ack.psdu());
    assertEquals(-50, ack.rssi());
    assertEquals(155, ack.lqi());
  }

  @Test
  void decodesTransmitFailureNoAck() {
    LastStatus s = (LastStatus) valueIs("88 06 00 11 00 00");
    assertEquals(Optional.of(SpinelStatus.NO_ACK), s.status());
    assertEquals(Optional.of(new TransmitDetails(false, false, Optional.empty())), s.transmit());
  }

  /** A transmit the RCP refuses at once gets a bare LAST_STATUS with the transmit's TID. */
  @Test
  void decodesTransmitRejectedInvalidState() {
    SpinelFrame f = ok("88 06 00 04");
    assertEquals(8, f.tid());
    assertEquals(new LastStatus(SpinelStatus.INVALID_STATE), f.valueIs().orElseThrow());
  }

  @Test
  void keepsStatusCodesOutsideTheEnum() {
    LastStatus s = (LastStatus) valueIs("80 06 00 80 78"); // 15360, SPINEL_STATUS_VENDOR__BEGIN
    assertEquals(15360, s.code());
    assertEquals(Optional.empty(), s.status());
  }

  @Test
  void decodesVersionInterfaceAndApiReplies() {
    assertEquals(new ProtocolVersion(4, 3), valueIs("82 06 01 04 03"));
    assertEquals(new InterfaceType(InterfaceType.THREAD), valueIs("86 06 03 03"));
    assertEquals(new RcpApiVersion(11), valueIs("87 06 B0 01 0B"));
  }

  @Test
  void decodesNcpVersionString() {
    String v = "OPENTHREAD/1.4.0; EFR32; RCP";
    StringBuilder hex = new StringBuilder("83 06 02");
    for (byte b : v.getBytes(java.nio.charset.StandardCharsets.US_ASCII)) {
      hex.append(String.format(" %02X", b));
    }
    assertEquals(new NcpVersion(v), valueIs(hex + " 00"));
  }

  @Test
  void ncpVersionWithoutTerminatorIsTruncatedAndBadUtf8IsInvalid() {
    assertEquals(DecodeError.Kind.TRUNCATED, failed("83 06 02 4F 54").kind());
    assertEquals(DecodeError.Kind.INVALID_SYNTAX, failed("83 06 02 C3 28 00").kind());
  }

  /** CAPS: 8, 16, 17, 34 (CONFIG_RADIO), 64, 65 and 513 (MAC_RAW, packed 81 04). */
  @Test
  void decodesCapsListWithMultiBytePackedEntries() {
    Caps caps = (Caps) valueIs("84 06 05 08 10 11 22 40 41 81 04");
    assertEquals(List.of(8, 16, 17, 34, 64, 65, 513), caps.capabilities());
    assertTrue(caps.has(SpinelCapability.CONFIG_RADIO));
    assertTrue(caps.has(SpinelCapability.MAC_RAW));
    assertFalse(caps.has(SpinelCapability.CONFIG_FTD));
  }

  @Test
  void decodesHardwareAddressBigEndian() {
    assertEquals(
        new HardwareAddress(0x18B4_3000_0000_0001L), valueIs("85 06 08 18 B4 30 00 00 00 00 01"));
  }

  /** A successful SET is answered by PROP_VALUE_IS of the property with the TID of the SET. */
  @Test
  void decodesSetConfirmation() {
    SpinelFrame f = ok("81 06 21 0B");
    assertEquals(1, f.tid());
    assertEquals(new PhyChannel(11), f.valueIs().orElseThrow());
  }

  @Test
  void headerWithFlagBitsOtherThan10IsNotSpinel() {
    assertEquals(DecodeError.Kind.INVALID_SYNTAX, failed("00 06 00 00").kind());
    assertEquals(DecodeError.Kind.INVALID_SYNTAX, failed("C1 06 00 00").kind());
    assertEquals(DecodeError.Kind.INVALID_SYNTAX, failed("41 06 00 00").kind());
  }

  @Test
  void headerCarriesIidAndTid() {
    SpinelFrame f = ok("B7 06 21 0B");
    assertEquals(new SpinelHeader(3, 7), f.header());
  }

  @Test
  void emptyFrameIsTruncated() {
    assertEquals(DecodeError.Kind.TRUNCATED, failed("").kind());
    assertEquals(DecodeError.Kind.TRUNCATED, failed("81").kind());
    assertEquals(DecodeError.Kind.TRUNCATED, failed("81 06").kind());
  }

  /** spinel.h "b": "All other values are illegal." */
  @Test
  void booleanOtherThanZeroOrOneIsInvalid() {
    assertEquals(DecodeError.Kind.INVALID_SYNTAX, failed("81 06 20 02").kind());
  }

  @Test
  void frameLongerThanSpinelMaximumIsBadLength() {
    byte[] big = new byte[SpinelCodec.MAX_FRAME_SIZE + 1];
    big[0] = (byte) 0x80;
    assertEquals(DecodeError.Kind.BAD_LENGTH, failed(big).kind());
  }

  @Test
  void keepsUnknownCommandsAndPropertiesAsBytes() {
    assertEquals(
        new SpinelMessage.Unknown(9, Hex.bytes("01 02")), ok("81 09 01 02").message());
    SpinelMessage debug = ok("80 06 70 48 69 00").message(); // PROP_STREAM_DEBUG
    assertEquals(
        new SpinelMessage.PropValue(
            SpinelCommand.PROP_VALUE_IS, new PropertyValue.Opaque(0x70, Hex.bytes("48 69 00"))),
        debug);
    SpinelMessage gpio = ok("80 06 80 20 01").message(); // PROP_GPIO_CONFIG = 0x1000
    assertEquals(0x1000, ((SpinelMessage.PropValue) gpio).value().propertyId());
  }

  /** List commands on a known property are not typed: the value is a list item, not the list. */
  @Test
  void insertedOnKnownPropertyStaysOpaque() {
    SpinelMessage m = ok("80 07 05 22").message();
    assertEquals(
        new SpinelMessage.PropValue(
            SpinelCommand.PROP_VALUE_INSERTED, new PropertyValue.Opaque(5, Hex.bytes("22"))),
        m);
  }

  @Test
  void replyMatchesRequestByIidAndTid() {
    SpinelFrame request = HostRequests.setChannel(1, 11);
    assertTrue(ok("81 06 21 0B").answers(request));
    assertTrue(ok("81 06 00 03").answers(request)); // LAST_STATUS INVALID_ARGUMENT
    assertFalse(ok("82 06 21 0B").answers(request)); // other TID
    assertFalse(ok("91 06 21 0B").answers(request)); // other IID
    assertFalse(ok("81 03 21 0B").answers(request)); // a SET is no reply
  }

  @Test
  void nothingAnswersAResetSentWithTidZero() {
    assertFalse(ok("80 06 00 72").answers(HostRequests.reset(ResetType.STACK)));
  }
}

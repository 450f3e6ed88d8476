package net.iotgw.radio.spinel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.iotgw.radio.Hex;
import net.iotgw.radio.hdlc.HdlcEncoder;
import org.junit.jupiter.api.Test;

/**
 * Exact bytes of the host's requests, derived by hand from spinel.h: header 0b10 IID TID, command
 * (SPINEL_CMD_*), property (SPINEL_PROP_*), value per the property's format, little-endian for
 * {@code S}, big-endian for {@code E}.
 */
class HostRequestsTest {

  private static String bytes(SpinelFrame f) {
    return Hex.of(SpinelCodec.encode(f));
  }

  /** SpinelDriver::SendReset: FLAG|IID 0, TID 0; CMD_RESET = 1; SPINEL_RESET_STACK = 2. */
  @Test
  void resetIsHeader80Command01StackReset02() {
    assertEquals("80 01 02", bytes(HostRequests.reset(ResetType.STACK)));
  }

  @Test
  void resetFramedInHdlcLite() {
    assertArrayEquals(
        Hex.bytes("7E 80 01 02 EA F0 7E"),
        HdlcEncoder.encode(SpinelCodec.encode(HostRequests.reset(ResetType.STACK))));
  }

  @Test
  void noopWithTid1() {
    assertEquals("81 00", bytes(HostRequests.noop(1)));
  }

  /** CMD_PROP_VALUE_GET = 2, PROP_PROTOCOL_VERSION = 1. */
  @Test
  void getProtocolVersionWithTid2() {
    assertEquals("82 02 01", bytes(HostRequests.get(2, SpinelProperty.PROTOCOL_VERSION)));
  }

  @Test
  void getNcpVersionCapsAndHardwareAddress() {
    assertEquals("83 02 02", bytes(HostRequests.get(3, SpinelProperty.NCP_VERSION)));
    assertEquals("84 02 05", bytes(HostRequests.get(4, SpinelProperty.CAPS)));
    assertEquals("85 02 08", bytes(HostRequests.get(5, SpinelProperty.HWADDR)));
  }

  /** PROP_RCP_API_VERSION = 0xB0 = 176 needs two packed bytes: B0 01. */
  @Test
  void getRcpApiVersionPacksPropertyInTwoBytes() {
    assertEquals("8A 02 B0 01", bytes(HostRequests.get(10, SpinelProperty.RCP_API_VERSION)));
  }

  /** CMD_PROP_VALUE_SET = 3, PROP_PHY_CHAN = 0x21, format C. */
  @Test
  void setPhyChannel11WithTid1() {
    assertEquals("81 03 21 0B", bytes(HostRequests.setChannel(1, 11)));
  }

  @Test
  void setPhyChannel11FramedInHdlcLite() {
    assertArrayEquals(
        Hex.bytes("7E 81 03 21 0B 57 A6 7E"),
        HdlcEncoder.encode(SpinelCodec.encode(HostRequests.setChannel(1, 11))));
  }

  /** PROP_MAC_15_4_PANID = 0x36, format S: little-endian. */
  @Test
  void setPanIdIsLittleEndian() {
    assertEquals("83 03 36 CE FA", bytes(HostRequests.setPanId(3, 0xFACE)));
  }

  /** PROP_MAC_15_4_LADDR = 0x34, format E: big-endian, the EUI-64 in canonical order. */
  @Test
  void setLongAddressIsBigEndian() {
    assertEquals(
        "84 03 34 00 11 22 33 44 55 66 77",
        bytes(HostRequests.setLongAddress(4, 0x0011_2233_4455_6677L)));
  }

  /** PROP_MAC_15_4_SADDR = 0x35, format S. */
  @Test
  void setShortAddressIsLittleEndian() {
    assertEquals("85 03 35 34 12", bytes(HostRequests.setShortAddress(5, 0x1234)));
  }

  /** PROP_MAC_RAW_STREAM_ENABLED = 0x37, PROP_PHY_ENABLED = 0x20, format b. */
  @Test
  void enableRawStreamAndPhy() {
    assertEquals("86 03 37 01", bytes(HostRequests.setRawStreamEnabled(6, true)));
    assertEquals("87 03 20 01", bytes(HostRequests.setPhyEnabled(7, true)));
    assertEquals("87 03 20 00", bytes(HostRequests.setPhyEnabled(7, false)));
  }

  /** PROP_PHY_TX_POWER = 0x25, format c; PROP_MAC_PROMISCUOUS_MODE = 0x38, format C. */
  @Test
  void setTxPowerAndPromiscuousMode() {
    assertEquals("88 03 25 F8", bytes(HostRequests.setTxPower(8, -8)));
    assertEquals("89 03 38 02", bytes(HostRequests.setPromiscuousMode(9, 2)));
  }

  /**
   * PROP_STREAM_RAW = 0x71, value {@code d C C C b}: length 5 LE, PSDU, channel 11, 4 backoffs,
   * 3 retries, CSMA-CA on.
   */
  @Test
  void transmitStreamRawWithTid8() {
    byte[] psdu = Hex.bytes("41 88 01 FF FF");
    assertEquals(
        "88 03 71 05 00 41 88 01 FF FF 0B 04 03 01",
        bytes(HostRequests.transmit(8, TransmitRequest.of(psdu, 11))));
  }

  @Test
  void transmitOfMaximumPsduFits() {
    byte[] psdu = new byte[127];
    byte[] encoded = SpinelCodec.encode(HostRequests.transmit(15, TransmitRequest.of(psdu, 26)));
    assertEquals(3 + 2 + 127 + 4, encoded.length);
    assertEquals((byte) 0x8F, encoded[0]);
  }

  @Test
  void requestsRefuseTidZeroAndAbove15() {
    assertThrows(IllegalArgumentException.class, () -> HostRequests.setChannel(0, 11));
    assertThrows(IllegalArgumentException.class, () -> HostRequests.setChannel(16, 11));
    assertThrows(
        IllegalArgumentException.class,
        () -> HostRequests.transmit(0, TransmitRequest.of(new byte[5], 11)));
  }

  @Test
  void transmitRefusesPsduOver127() {
    assertThrows(IllegalArgumentException.class, () -> TransmitRequest.of(new byte[128], 11));
  }
}

package net.iotgw.streams.pcap;

import java.io.ByteArrayOutputStream;

/**
 * Hand-made IEEE 802.15.4 frames (IEEE 802.15.4-2006 §7.2.1, §7.2.2.2) with the FCS computed
 * here, so the pcap tests do not depend on protocols/ieee802154.
 */
final class TestFrames {
  private TestFrames() {}

  /**
   * A 2006 data frame, ack requested, PAN ID compressed, short destination and extended source,
   * carrying {@code payload}, followed by its FCS.
   */
  static byte[] dataFrame(
      int sequence, int panId, int destinationShort, byte[] sourceEui64, byte[] payload) {
    ByteArrayOutputStream mac = new ByteArrayOutputStream();
    int frameControl = 0b001 // data
        | 1 << 5 // ack request
        | 1 << 6 // PAN ID compression
        | 0b10 << 10 // destination: short address
        | 0b01 << 12 // frame version: 2006
        | 0b11 << 14; // source: extended address
    littleEndian16(mac, frameControl);
    mac.write(sequence);
    littleEndian16(mac, panId);
    littleEndian16(mac, destinationShort);
    for (int i = 7; i >= 0; i--) {
      mac.write(sourceEui64[i]); // addresses go least significant octet first
    }
    mac.writeBytes(payload);
    littleEndian16(mac, crc16Kermit(mac.toByteArray()));
    return mac.toByteArray();
  }

  /**
   * IEEE 802.15.4-2006 §7.2.1.9: the ITU-T CRC-16 (x^16 + x^12 + x^5 + 1), bits taken least
   * significant first, register starting at zero: CRC-16/KERMIT, sent least significant octet
   * first.
   */
  static int crc16Kermit(byte[] data) {
    int crc = 0;
    for (byte b : data) {
      crc ^= b & 0xff;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
      }
    }
    return crc;
  }

  private static void littleEndian16(ByteArrayOutputStream out, int value) {
    out.write(value & 0xff);
    out.write((value >> 8) & 0xff);
  }
}

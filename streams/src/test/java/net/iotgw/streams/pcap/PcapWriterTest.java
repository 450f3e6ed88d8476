package net.iotgw.streams.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PcapWriterTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-01-01T00:00:00.123456789Z"), ZoneOffset.UTC);

  @Test
  void fileHeaderIsMagicVersion24SnaplenAndLinkType() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PcapWriter.to(out, LinkType.IEEE802_15_4_WITHFCS, 256, CLOCK);

    assertEquals(
        "a1b2c3d4" + "0002" + "0004" + "00000000" + "00000000" + "00000100" + "000000c3",
        HEX.formatHex(out.toByteArray()));
  }

  @Test
  void recordIsStampedByTheClockInMicroseconds() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PcapWriter writer = PcapWriter.to(out, LinkType.IPV6, 65535, CLOCK);

    writer.write("abc".getBytes(StandardCharsets.US_ASCII));

    // 2024-01-01T00:00:00Z is 1704067200 = 0x65920080 s; .123456789 s is 123456 us = 0x1e240
    assertEquals(
        "65920080" + "0001e240" + "00000003" + "00000003" + "616263",
        HEX.formatHex(out.toByteArray(), PcapWriter.FILE_HEADER_LENGTH, out.size()));
    assertEquals(1, writer.records());
  }

  @Test
  void packetLongerThanSnaplenIsCutButKeepsItsOriginalLength() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PcapWriter writer = PcapWriter.to(out, LinkType.RAW, 4, CLOCK);

    writer.write(Instant.ofEpochSecond(1, 999_999_999), HEX.parseHex("0102030405060708"));

    assertArrayEquals(
        HEX.parseHex("00000001" + "000f423f" + "00000004" + "00000008" + "01020304"),
        java.util.Arrays.copyOfRange(out.toByteArray(), PcapWriter.FILE_HEADER_LENGTH, out.size()));
  }

  @Test
  void linkTypesCarryTheirRegistryNumbers() {
    assertEquals(101, LinkType.RAW.id());
    assertEquals(195, LinkType.IEEE802_15_4_WITHFCS.id());
    assertEquals(229, LinkType.IPV6.id());
    assertEquals(230, LinkType.IEEE802_15_4_NOFCS.id());
  }

  @Test
  void crc16KermitMatchesTheCatalogueCheckValue() {
    // reveng.sourceforge.io CRC catalogue, CRC-16/KERMIT: check("123456789") = 0x2189
    assertEquals(0x2189, TestFrames.crc16Kermit("123456789".getBytes(StandardCharsets.US_ASCII)));
  }
}

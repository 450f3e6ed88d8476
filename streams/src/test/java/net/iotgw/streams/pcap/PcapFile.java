package net.iotgw.streams.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads back what {@link PcapWriter} wrote (big-endian, microseconds), for assertions. */
record PcapFile(int linkType, List<Record> records) {
  record Record(Instant at, int originalLength, byte[] data) {}

  static PcapFile parse(byte[] file) {
    ByteBuffer b = ByteBuffer.wrap(file);
    assertEquals(0xa1b2c3d4, b.getInt(), "magic");
    assertEquals(2, b.getShort());
    assertEquals(4, b.getShort());
    b.getInt();
    b.getInt();
    b.getInt(); // snaplen
    int linkType = b.getInt();
    List<Record> records = new ArrayList<>();
    while (b.hasRemaining()) {
      long seconds = Integer.toUnsignedLong(b.getInt());
      int micros = b.getInt();
      byte[] data = new byte[b.getInt()];
      int original = b.getInt();
      b.get(data);
      records.add(new Record(Instant.ofEpochSecond(seconds, micros * 1000L), original, data));
    }
    return new PcapFile(linkType, records);
  }
}

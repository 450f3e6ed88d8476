package net.iotgw.streams.lowpan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A minimal classic pcap file of link type 195 (LINKTYPE_IEEE802_15_4_WITHFCS): PSDUs with their
 * FCS, for tshark to dissect what the adaptation put on the air. Test-only, so that these tests do
 * not depend on the streams pcap tap.
 */
final class Dlt195Pcap {
  static final int LINKTYPE_IEEE802_15_4_WITHFCS = 195;

  private Dlt195Pcap() {}

  static void write(Path file, List<byte[]> psdus) throws IOException {
    int size = 24 + psdus.stream().mapToInt(p -> 16 + p.length).sum();
    ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
    b.putInt(65535).putInt(LINKTYPE_IEEE802_15_4_WITHFCS);
    int i = 0;
    for (byte[] p : psdus) {
      b.putInt(1_700_000_000).putInt(i++ * 1000).putInt(p.length).putInt(p.length).put(p);
    }
    Files.write(file, b.array());
  }
}

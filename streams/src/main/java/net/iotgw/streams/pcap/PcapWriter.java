package net.iotgw.streams.pcap;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * Writes the classic libpcap file format (pcap-savefile(5), draft-ietf-opsawg-pcap: File Header
 * and Packet Record), which Wireshark, tshark and tcpdump read: a 24-octet file header (magic 0xa1b2c3d4 for microsecond timestamps,
 * version 2.4, snap length, link type), then per packet a 16-octet record header (seconds,
 * microseconds, captured length, original length) and the captured octets. Written big-endian;
 * readers recognise the byte order from the magic.
 *
 * <p>Not thread-safe: one writer at a time (the {@link PcapTap} gives it one thread).
 */
public final class PcapWriter implements Closeable {
  /** Classic libpcap's default: larger than any IPv6 packet without jumbograms and any PSDU. */
  public static final int DEFAULT_SNAPLEN = 65535;

  static final int MAGIC_MICROSECONDS = 0xa1b2c3d4;
  static final int FILE_HEADER_LENGTH = 24;
  static final int RECORD_HEADER_LENGTH = 16;

  private final OutputStream out;
  private final LinkType linkType;
  private final int snaplen;
  private final Clock clock;
  private long records;

  private PcapWriter(OutputStream out, LinkType linkType, int snaplen, Clock clock)
      throws IOException {
    if (snaplen < 1) {
      throw new IllegalArgumentException("snaplen " + snaplen);
    }
    this.out = out;
    this.linkType = linkType;
    this.snaplen = snaplen;
    this.clock = clock;
    ByteBuffer header = ByteBuffer.allocate(FILE_HEADER_LENGTH);
    header.putInt(MAGIC_MICROSECONDS).putShort((short) 2).putShort((short) 4);
    header.putInt(0).putInt(0); // the two unused fields writers fill with zeros
    header.putInt(snaplen).putInt(linkType.id());
    out.write(header.array());
  }

  /** Creates (or truncates) {@code file} and writes its header. */
  public static PcapWriter create(Path file, LinkType linkType, Clock clock) throws IOException {
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
    try {
      return new PcapWriter(out, linkType, DEFAULT_SNAPLEN, clock);
    } catch (IOException | RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /** Writes the file header to {@code out}, which the writer then owns. */
  public static PcapWriter to(OutputStream out, LinkType linkType, int snaplen, Clock clock)
      throws IOException {
    return new PcapWriter(out, linkType, snaplen, clock);
  }

  public LinkType linkType() {
    return linkType;
  }

  public int snaplen() {
    return snaplen;
  }

  /** The time source that stamps packets written without a timestamp, and the tap's. */
  public Clock clock() {
    return clock;
  }

  /** Records written so far. */
  public long records() {
    return records;
  }

  /** Writes {@code packet} stamped with the clock's current instant. */
  public void write(byte[] packet) throws IOException {
    write(clock.instant(), packet);
  }

  /**
   * Writes one record; a packet longer than the snap length is cut to it, its original length
   * kept. Seconds are an unsigned 32-bit count since the epoch (they wrap in 2106).
   */
  public void write(Instant timestamp, byte[] packet) throws IOException {
    int captured = Math.min(packet.length, snaplen);
    ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER_LENGTH + captured);
    record.putInt((int) timestamp.getEpochSecond()).putInt(timestamp.getNano() / 1000);
    record.putInt(captured).putInt(packet.length);
    record.put(packet, 0, captured);
    out.write(record.array());
    records++;
  }

  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}

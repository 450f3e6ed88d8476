package net.iotgw.radio.hdlc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.iotgw.radio.Hex;
import net.iotgw.radio.hdlc.HdlcEvent.DropReason;
import net.iotgw.radio.hdlc.HdlcEvent.Dropped;
import net.iotgw.radio.hdlc.HdlcEvent.Frame;
import org.junit.jupiter.api.Test;

class HdlcDecoderTest {

  private static final byte[] RESET = Hex.bytes("80 01 02");
  private static final byte[] SPECIALS = Hex.bytes("7E 7D 11 13 F8 00 7D 5E");
  private static final byte[] CHANNEL_6 = Hex.bytes("81 03 21 06");

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static Frame frame(byte[] payload) {
    return new Frame(payload);
  }

  @Test
  void decodesOneFrameFromEncoderOutput() {
    HdlcDecoder d = new HdlcDecoder(1300);
    assertEquals(List.of(frame(RESET)), d.feed(Hex.bytes("7E 80 01 02 EA F0 7E")));
    assertEquals(new HdlcDecoder.Stats(1, 0, 0, 0, 0, 0), d.stats());
  }

  @Test
  void unescapesEverySpecialByteIncludingInFcs() {
    HdlcDecoder d = new HdlcDecoder(1300);
    byte[] stream = concat(HdlcEncoder.encode(SPECIALS), HdlcEncoder.encode(CHANNEL_6));
    assertEquals(List.of(frame(SPECIALS), frame(CHANNEL_6)), d.feed(stream));
  }

  /** Serial reads end anywhere: every split of a three-frame stream gives the same frames. */
  @Test
  void streamSplitAtEveryByteBoundaryYieldsSameFrames() {
    byte[] stream =
        concat(
            HdlcEncoder.encode(RESET), HdlcEncoder.encode(SPECIALS), HdlcEncoder.encode(CHANNEL_6));
    List<HdlcEvent> expected = List.of(frame(RESET), frame(SPECIALS), frame(CHANNEL_6));
    for (int split = 0; split <= stream.length; split++) {
      HdlcDecoder d = new HdlcDecoder(1300);
      List<HdlcEvent> got = new ArrayList<>();
      d.feed(stream, 0, split, got::add);
      d.feed(stream, split, stream.length - split, got::add);
      assertEquals(expected, got, "split at " + split);
    }
  }

  @Test
  void byteAtATimeYieldsSameFrames() {
    byte[] stream = concat(HdlcEncoder.encode(SPECIALS), HdlcEncoder.encode(RESET));
    HdlcDecoder d = new HdlcDecoder(1300);
    List<HdlcEvent> got = new ArrayList<>();
    for (int i = 0; i < stream.length; i++) {
      d.feed(stream, i, 1, got::add);
    }
    assertEquals(List.of(frame(SPECIALS), frame(RESET)), got);
  }

  @Test
  void randomFramesInRandomChunksRoundTrip() {
    Random rnd = new Random(1662);
    List<HdlcEvent> expected = new ArrayList<>();
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (int i = 0; i < 300; i++) {
      byte[] p = new byte[1 + rnd.nextInt(200)];
      rnd.nextBytes(p);
      expected.add(frame(p));
      stream.writeBytes(HdlcEncoder.encode(p));
    }
    byte[] all = stream.toByteArray();
    HdlcDecoder d = new HdlcDecoder(200);
    List<HdlcEvent> got = new ArrayList<>();
    int pos = 0;
    while (pos < all.length) {
      int n = Math.min(all.length - pos, 1 + rnd.nextInt(64));
      d.feed(all, pos, n, got::add);
      pos += n;
    }
    assertEquals(expected, got);
    assertEquals(300, d.stats().frames());
  }

  /** Back-to-back flags delimit empty frames, which are not frames (RFC 1662 §4.1). */
  @Test
  void repeatedFlagsProduceNoEvents() {
    HdlcDecoder d = new HdlcDecoder(1300);
    byte[] stream = concat(Hex.bytes("7E 7E 7E"), HdlcEncoder.encode(RESET), Hex.bytes("7E 7E"));
    assertEquals(List.of(frame(RESET)), d.feed(stream));
    assertEquals(new HdlcDecoder.Stats(1, 0, 0, 0, 0, 0), d.stats());
  }

  /** One flag may close a frame and open the next (RFC 1662 §4.1). */
  @Test
  void sharedFlagBetweenFramesDecodesBoth() {
    byte[] first = HdlcEncoder.encode(RESET);
    byte[] second = HdlcEncoder.encode(CHANNEL_6);
    byte[] stream = concat(first, Arrays.copyOfRange(second, 1, second.length));
    assertEquals(List.of(frame(RESET), frame(CHANNEL_6)), new HdlcDecoder(1300).feed(stream));
  }

  @Test
  void badFcsIsDroppedCountedAndNextFrameStillDecodes() {
    byte[] damaged = HdlcEncoder.encode(RESET);
    damaged[2] ^= 0x01;
    HdlcDecoder d = new HdlcDecoder(1300);
    List<HdlcEvent> got = d.feed(concat(damaged, HdlcEncoder.encode(CHANNEL_6)));
    assertEquals(List.of(new Dropped(DropReason.BAD_FCS, 5), frame(CHANNEL_6)), got);
    assertEquals(new HdlcDecoder.Stats(1, 1, 0, 0, 0, 0), d.stats());
  }

  @Test
  void frameOfExactlyMaxSizeIsAcceptedOneMoreIsDroppedAsOversize() {
    byte[] max = new byte[8];
    byte[] over = new byte[9];
    Arrays.fill(max, (byte) 0x42);
    Arrays.fill(over, (byte) 0x43);
    HdlcDecoder d = new HdlcDecoder(8);
    List<HdlcEvent> got =
        d.feed(
            concat(HdlcEncoder.encode(max), HdlcEncoder.encode(over), HdlcEncoder.encode(RESET)));
    assertEquals(List.of(frame(max), new Dropped(DropReason.OVERSIZE, 10), frame(RESET)), got);
    assertEquals(new HdlcDecoder.Stats(2, 0, 0, 1, 0, 0), d.stats());
  }

  /** A stream that never sends a flag again costs one bounded buffer, not memory per byte. */
  @Test
  void endlessFrameIsDroppedOnceAndSkippedUntilNextFlag() {
    HdlcDecoder d = new HdlcDecoder(16);
    byte[] noise = new byte[100_000];
    Arrays.fill(noise, (byte) 0x55);
    List<HdlcEvent> got = new ArrayList<>();
    d.feed(Hex.bytes("7E"), 0, 1, got::add);
    d.feed(noise, 0, noise.length, got::add);
    assertEquals(List.of(new Dropped(DropReason.OVERSIZE, 18)), got);
    assertEquals(HdlcDecoder.State.SKIP, d.state());
    assertEquals(List.of(frame(RESET)), d.feed(HdlcEncoder.encode(RESET)));
  }

  /** RFC 1662 §4.2: escape followed by flag aborts the frame; the flag opens the next one. */
  @Test
  void escapeThenFlagAbortsFrame() {
    HdlcDecoder d = new HdlcDecoder(1300);
    byte[] stream = concat(Hex.bytes("7E 01 02 7D"), HdlcEncoder.encode(RESET));
    assertEquals(List.of(new Dropped(DropReason.ABORTED, 2), frame(RESET)), d.feed(stream));
    assertEquals(1, d.stats().aborted());
  }

  @Test
  void singleByteBetweenFlagsIsARunt() {
    HdlcDecoder d = new HdlcDecoder(1300);
    assertEquals(List.of(new Dropped(DropReason.RUNT, 1)), d.feed(Hex.bytes("7E 42 7E")));
    assertEquals(1, d.stats().runts());
  }

  /** Two bytes with a good FCS are an empty payload; the Spinel layer rejects it, not HDLC. */
  @Test
  void fcsOnlyFrameIsAnEmptyPayload() {
    assertEquals(List.of(frame(new byte[0])), new HdlcDecoder(1300).feed(Hex.bytes("7E 00 00 7E")));
  }

  @Test
  void garbageBeforeFirstFlagIsCountedAndSkipped() {
    HdlcDecoder d = new HdlcDecoder(1300);
    byte[] stream = concat(Hex.bytes("00 80 01 02 EA F0"), HdlcEncoder.encode(RESET));
    assertEquals(List.of(frame(RESET)), d.feed(stream));
    assertEquals(6, d.stats().unsyncedBytes());
  }

  /** After a reconnect the half frame from before must not join bytes from after. */
  @Test
  void resetDropsPartialFrameAndHuntsForFlag() {
    HdlcDecoder d = new HdlcDecoder(1300);
    byte[] encoded = HdlcEncoder.encode(RESET);
    assertEquals(List.of(), d.feed(Arrays.copyOf(encoded, 3)));
    d.reset();
    assertEquals(HdlcDecoder.State.HUNT, d.state());
    assertEquals(List.of(frame(CHANNEL_6)), d.feed(HdlcEncoder.encode(CHANNEL_6)));
  }

  @Test
  void frameEventPayloadIsACopy() {
    Frame f = (Frame) new HdlcDecoder(1300).feed(HdlcEncoder.encode(RESET)).get(0);
    f.payload()[0] = 0;
    assertArrayEquals(RESET, f.payload());
  }
}

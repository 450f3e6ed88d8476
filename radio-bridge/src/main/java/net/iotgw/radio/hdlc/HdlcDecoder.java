package net.iotgw.radio.hdlc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns the bytes of one serial stream, in whatever chunks the port delivers them, into HDLC-Lite
 * frames (OpenThread {@code Hdlc::Decoder}, RFC 1662 §4).
 *
 * <p>The state machine:
 *
 * <pre>
 *   HUNT     --FLAG-->  FRAME        bytes before the first flag are line garbage (counted)
 *   FRAME    --FLAG-->  FRAME        end of frame: check FCS, emit Frame or Dropped; an empty
 *                                    frame is just back-to-back flags and emits nothing
 *   FRAME    --ESC--->  ESCAPED
 *   FRAME    --byte-->  FRAME        buffered; past the maximum: Dropped(OVERSIZE), go SKIP
 *   ESCAPED  --FLAG-->  FRAME        RFC 1662 §4.2 abort: Dropped(ABORTED); flag opens the next
 *   ESCAPED  --byte-->  FRAME        buffered as byte ^ 0x20
 *   SKIP     --FLAG-->  FRAME        the rest of an oversize frame is ignored
 * </pre>
 *
 * <p>The buffer is allocated once, at the maximum frame size plus the FCS, so a stream that never
 * sends a flag costs nothing beyond it. (OpenThread's decoder treats escape-then-flag as data; no
 * conforming encoder emits it, so treating it as an abort only changes what happens to garbage.)
 *
 * <p>Threading: not thread-safe, by design. One decoder belongs to one byte stream and is fed by
 * that stream's single reader (the serial port's read loop, or one stream stage); nothing else may
 * call it. Events are delivered synchronously on the caller's thread, in stream order, after the
 * decoder has already moved to its next state (a consumer that throws leaves it consistent). After
 * the port reconnects, call {@link #reset()}: a partial frame from before the loss must not be
 * glued to bytes from after it.
 */
public final class HdlcDecoder {

  /** Where the decoder is between two bytes. */
  public enum State {
    HUNT,
    FRAME,
    ESCAPED,
    SKIP
  }

  /** Cumulative counts since construction (not cleared by {@link #reset()}). */
  public record Stats(
      long frames, long badFcs, long runts, long oversize, long aborted, long unsyncedBytes) {}

  private final int maxFrameSize;
  private final byte[] buf;
  private int len;
  private int fcs;
  private State state = State.HUNT;

  private long frames;
  private long badFcs;
  private long runts;
  private long oversize;
  private long aborted;
  private long unsyncedBytes;

  /**
   * @param maxFrameSize the largest payload accepted, FCS excluded (for Spinel, 1300:
   *     SPINEL_FRAME_MAX_SIZE in spinel.h)
   */
  public HdlcDecoder(int maxFrameSize) {
    if (maxFrameSize < 1 || maxFrameSize > 65_535) {
      throw new IllegalArgumentException("maxFrameSize out of range: " + maxFrameSize);
    }
    this.maxFrameSize = maxFrameSize;
    this.buf = new byte[maxFrameSize + HdlcLite.FCS_SIZE];
  }

  public int maxFrameSize() {
    return maxFrameSize;
  }

  public State state() {
    return state;
  }

  public Stats stats() {
    return new Stats(frames, badFcs, runts, oversize, aborted, unsyncedBytes);
  }

  /** Forgets any partial frame and waits for the next flag, as after a fresh port open. */
  public void reset() {
    state = State.HUNT;
    startFrame();
  }

  /** As {@link #feed(byte[], int, int, Consumer)}, collecting the events in a list. */
  public List<HdlcEvent> feed(byte[] chunk) {
    List<HdlcEvent> out = new ArrayList<>();
    feed(chunk, 0, chunk.length, out::add);
    return out;
  }

  /** Consumes {@code length} bytes and hands every completed or dropped frame to {@code out}. */
  public void feed(byte[] chunk, int offset, int length, Consumer<? super HdlcEvent> out) {
    Objects.checkFromIndexSize(offset, length, chunk.length);
    for (int i = offset; i < offset + length; i++) {
      int b = chunk[i] & 0xff;
      switch (state) {
        case HUNT -> onHunt(b);
        case FRAME -> onFrame(b, out);
        case ESCAPED -> onEscaped(b, out);
        case SKIP -> onSkip(b);
      }
    }
  }

  private void onHunt(int b) {
    if (b == HdlcLite.FLAG) {
      startFrame();
      state = State.FRAME;
    } else {
      unsyncedBytes++;
    }
  }

  private void onFrame(int b, Consumer<? super HdlcEvent> out) {
    if (b == HdlcLite.FLAG) {
      HdlcEvent done = len > 0 ? endFrame() : null;
      startFrame();
      if (done != null) {
        out.accept(done);
      }
    } else if (b == HdlcLite.ESCAPE) {
      state = State.ESCAPED;
    } else {
      append(b, out);
    }
  }

  private void onEscaped(int b, Consumer<? super HdlcEvent> out) {
    if (b == HdlcLite.FLAG) {
      aborted++;
      int seen = len;
      startFrame();
      state = State.FRAME;
      out.accept(new HdlcEvent.Dropped(HdlcEvent.DropReason.ABORTED, seen));
    } else {
      state = State.FRAME;
      append(b ^ HdlcLite.ESCAPE_XOR, out);
    }
  }

  private void onSkip(int b) {
    if (b == HdlcLite.FLAG) {
      startFrame();
      state = State.FRAME;
    }
  }

  private void append(int b, Consumer<? super HdlcEvent> out) {
    if (len == buf.length) {
      oversize++;
      int seen = len;
      startFrame();
      state = State.SKIP;
      out.accept(new HdlcEvent.Dropped(HdlcEvent.DropReason.OVERSIZE, seen));
      return;
    }
    buf[len++] = (byte) b;
    fcs = Fcs16.update(fcs, b);
  }

  private HdlcEvent endFrame() {
    if (len < HdlcLite.FCS_SIZE) {
      runts++;
      return new HdlcEvent.Dropped(HdlcEvent.DropReason.RUNT, len);
    }
    if (fcs != Fcs16.GOOD) {
      badFcs++;
      return new HdlcEvent.Dropped(HdlcEvent.DropReason.BAD_FCS, len);
    }
    frames++;
    return new HdlcEvent.Frame(Arrays.copyOf(buf, len - HdlcLite.FCS_SIZE));
  }

  private void startFrame() {
    len = 0;
    fcs = Fcs16.INIT;
  }
}

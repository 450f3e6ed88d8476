package net.iotgw.radio;

import java.time.Duration;
import net.iotgw.radio.rcp.RadioFrame;
import net.iotgw.radio.rcp.RcpEvent;
import net.iotgw.radio.rcp.ReceivedRadioFrame;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;

/** Helpers for tests that run the gateway's driver against the dongle emulator. */
public final class EndToEnd {
  public static final Duration WAIT = Duration.ofSeconds(5);

  private EndToEnd() {}

  /** Receives events until one of {@code type}, skipping others (link events, completions). */
  public static <T extends RcpEvent> T awaitEvent(TestProbe<RcpEvent> events, Class<T> type) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no " + type.getSimpleName() + " within " + WAIT);
      }
      RcpEvent e = events.receiveMessage(Duration.ofNanos(left));
      if (type.isInstance(e)) {
        return type.cast(e);
      }
    }
  }

  /** Receives frames until one whose sequence number (byte 2) is {@code seq}. */
  public static ReceivedRadioFrame awaitFrame(TestProbe<ReceivedRadioFrame> frames, int seq) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no frame with sequence number " + seq + " within " + WAIT);
      }
      ReceivedRadioFrame f = frames.receiveMessage(Duration.ofNanos(left));
      if ((f.psdu()[2] & 0xFF) == seq) {
        return f;
      }
    }
  }

  public static RadioFrame frame(byte[] psdu) {
    return new RadioFrame(psdu);
  }
}

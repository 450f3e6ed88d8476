package net.iotgw.radio.rcp;

import java.util.function.Consumer;
import net.iotgw.radio.spinel.SpinelFrame;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.util.ByteString;

/**
 * The OpenThread RCP host driver as Pekko Streams stages: a BidiFlow to stack on any byte link to a
 * dongle, turning it into a {@code Flow<RadioFrame, ReceivedRadioFrame, ?>}.
 *
 * <pre>
 *   RadioFrame ──► ┌──────────────┐ ─► SpinelFrame ─► ┌───────────────┐ ─► ByteString ─► link
 *                  │ RcpHostStage │                   │ SpinelFraming │
 *   Received.. ◄── └──────────────┘ ◄─ SpinelFrame ◄─ └───────────────┘ ◄─ ByteString ◄─ link
 * </pre>
 *
 * <p>One materialization is one session with one RCP: it resets the RCP, checks and configures it
 * ({@link BringUp}), then carries frames. For a link that reconnects, use {@link RadioLink}, which
 * runs a fresh session on every connection.
 */
public final class RcpDriver {

  private RcpDriver() {}

  /** The driver at the Spinel level (for tests and for links that carry Spinel frames). */
  public static BidiFlow<RadioFrame, SpinelFrame, SpinelFrame, ReceivedRadioFrame, NotUsed> spinel(
      RcpConfig config, RcpSettings settings, Consumer<? super RcpEvent> events) {
    return BidiFlow.fromGraph(new RcpHostStage(config, settings, events));
  }

  /** The driver with HDLC-Lite framing: its bottom plugs onto the bytes of a serial or TCP link. */
  public static BidiFlow<RadioFrame, ByteString, ByteString, ReceivedRadioFrame, NotUsed> bidi(
      RcpConfig config, RcpSettings settings, Consumer<? super RcpEvent> events) {
    return spinel(config, settings, events).atop(SpinelFraming.bidi());
  }

  /**
   * The radio over one connection of {@code link}: the driver joined on it, keeping the link's
   * materialized value (for {@code SerialLink.open}, the stage that completes when it is open).
   */
  public static <M> Flow<RadioFrame, ReceivedRadioFrame, M> over(
      Flow<ByteString, ByteString, M> link,
      RcpConfig config,
      RcpSettings settings,
      Consumer<? super RcpEvent> events) {
    return bidi(config, settings, events).join(link, Keep.right());
  }
}

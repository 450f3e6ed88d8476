package net.iotgw.radio.rcp;

import java.util.ArrayList;
import java.util.List;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.radio.hdlc.HdlcDecoder;
import net.iotgw.radio.hdlc.HdlcEncoder;
import net.iotgw.radio.hdlc.HdlcEvent;
import net.iotgw.radio.spinel.SpinelCodec;
import net.iotgw.radio.spinel.SpinelFrame;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spinel frames over an HDLC-Lite byte stream, both ways, as a BidiFlow: top, Spinel frames out and
 * in; bottom, the bytes of the UART. Symmetric, so the host driver and the dongle emulator stack
 * the same layer on their link.
 *
 * <p>Inbound, each materialization owns one {@link HdlcDecoder}: a fresh connection starts in hunt
 * mode, so a partial frame from before a reconnect is never glued to new bytes. Frames with a bad
 * FCS and Spinel frames that do not decode are dropped (and logged at debug level): HDLC-Lite has
 * no retransmission, and a lost reply is handled by the request's timeout.
 */
public final class SpinelFraming {
  private static final Logger LOG = LoggerFactory.getLogger(SpinelFraming.class);

  private SpinelFraming() {}

  public static BidiFlow<SpinelFrame, ByteString, ByteString, SpinelFrame, NotUsed> bidi() {
    return BidiFlow.fromFlows(encoder(), decoder());
  }

  private static Flow<SpinelFrame, ByteString, NotUsed> encoder() {
    return Flow.of(SpinelFrame.class)
        .map(f -> ByteString.fromArrayUnsafe(HdlcEncoder.encode(SpinelCodec.encode(f))));
  }

  private static Flow<ByteString, SpinelFrame, NotUsed> decoder() {
    return Flow.of(ByteString.class)
        .statefulMapConcat(
            () -> {
              HdlcDecoder hdlc = new HdlcDecoder(SpinelCodec.MAX_FRAME_SIZE);
              return chunk -> {
                List<SpinelFrame> frames = new ArrayList<>(1);
                byte[] bytes = chunk.toArray();
                hdlc.feed(bytes, 0, bytes.length, event -> decode(event, frames));
                return frames;
              };
            });
  }

  private static void decode(HdlcEvent event, List<SpinelFrame> frames) {
    if (event instanceof HdlcEvent.Frame f) {
      Decoded<SpinelFrame> decoded = SpinelCodec.decode(f.payload());
      if (decoded instanceof Decoded.Ok<SpinelFrame> ok) {
        frames.add(ok.value());
      } else {
        LOG.debug("dropped an undecodable Spinel frame: {}", ((Decoded.Failed<?>) decoded).error());
      }
    } else {
      LOG.debug("dropped an HDLC-Lite frame: {}", event);
    }
  }
}

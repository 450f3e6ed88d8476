package net.iotgw.streams.lowpan;

import java.util.Objects;
import net.iotgw.protocols.ieee802154.MacFrame;

/**
 * A MAC frame above link security, with whether it is protected on the air: what passes between
 * {@link MacFramingLayer} and {@link LinkSecurity}. Outbound, {@code secured} asks link security to
 * secure the frame (and drop it if it cannot); the frame itself is still in clear. Inbound, it says
 * the frame arrived secured and verified; the frame is then in plaintext with Security Enabled
 * cleared.
 */
public record LinkFrame(MacFrame frame, boolean secured) {
  public LinkFrame {
    Objects.requireNonNull(frame, "frame");
  }
}

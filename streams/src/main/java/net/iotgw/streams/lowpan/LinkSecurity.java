package net.iotgw.streams.lowpan;

import net.iotgw.protocols.ieee802154.MacFrame;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.BidiFlow;

/**
 * The slot for 802.15.4 link security (802.15.4-2015 §9, keyed per CD from the PEMK of RFC 5807),
 * between MAC framing above and the frame filter below. There is no link security yet: the slot
 * holds {@link #none()}, which passes frames unchanged, and inbound frames with Security Enabled
 * are dropped above it ({@link LowpanDrop#SECURED_FRAME}).
 *
 * <p>What the layer that fills the slot must do: outbound, secure each frame (auxiliary security
 * header, CCM* over the header as sent, MIC); inbound, verify and decrypt frames from admitted CDs
 * and hand them up with Security Enabled cleared and the plaintext payload, dropping and counting
 * the rest (and passing PANA from CDs not yet admitted, ARCHITECTURE "Network entry"). It also
 * takes room from every frame, so {@link MacFramingLayer#room} must then count its auxiliary header
 * and MIC, or fragments will no longer fit 127 octets.
 */
public final class LinkSecurity {
  private LinkSecurity() {}

  /** No link security: frames pass both ways unchanged. */
  public static BidiFlow<MacFrame, MacFrame, MacFrame, MacFrame, NotUsed> none() {
    return BidiFlow.identity();
  }
}

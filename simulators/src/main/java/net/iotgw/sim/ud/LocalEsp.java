package net.iotgw.sim.ud;

import java.security.SecureRandom;
import java.util.Optional;
import net.iotgw.protocols.esp.EspOpenResult;
import net.iotgw.protocols.esp.EspPacket;
import net.iotgw.protocols.esp.EspPayload;
import net.iotgw.protocols.esp.EspSa;
import net.iotgw.protocols.esp.IvSource;
import net.iotgw.protocols.esp.ReplayWindow;
import net.iotgw.protocols.ike.engine.ChildSa;

/**
 * ESP (RFC 4303) on a CHILD_SA that our own engine agreed for the local side (the engine's "CD"
 * side is the local one): seal with the outbound SA, open with the inbound SA and a replay window.
 * Not thread-safe; {@link #destroy} zeroes the copies of the keys.
 */
public final class LocalEsp {
  private final ChildSa child;
  private final EspSa out;
  private final EspSa in;
  private final ReplayWindow window = new ReplayWindow(64);
  private final IvSource iv;
  private long sequence = 1;

  public LocalEsp(ChildSa child, SecureRandom random) {
    this.child = child;
    this.out = new EspSa(child.outboundSpi(), child.esp(), child.outboundCipher(), false);
    this.in = new EspSa(child.inboundSpi(), child.esp(), child.inboundCipher(), false);
    this.iv = IvSource.random(random);
  }

  public ChildSa child() {
    return child;
  }

  /** The ESP packet (SPI onwards) carrying {@code payload}. */
  public byte[] seal(EspPayload payload) {
    return EspPacket.seal(out, sequence++, payload, iv);
  }

  /** The payload of an ESP packet for the inbound SA, if it is authentic and not a replay. */
  public Optional<EspPayload> open(byte[] esp) {
    return EspPacket.open(in, window, esp) instanceof EspOpenResult.Accepted a
        ? Optional.of(a.payload())
        : Optional.empty();
  }

  public void destroy() {
    out.destroy();
    in.destroy();
  }
}

package net.iotgw.protocols.offload;

import net.iotgw.protocols.ike.engine.KeyDelivery;

/**
 * What the gateway tells a constrained device about the ESP SAs it negotiated on the device's
 * behalf (paper Sec. III-D), one message per vendor AVP of a PANA key delivery ({@link
 * KeyDeliveryCodec}).
 */
public sealed interface OffloadMessage {

  /**
   * Install the CHILD_SA pair this delivery describes: the device derives its keys ({@link
   * KeyDelivery#deriveChildKeys()}) and then zeroes the delivery ({@link KeyDelivery#destroy()}).
   */
  record Install(KeyDelivery delivery) implements OffloadMessage {}

  /**
   * Forget the SA pair whose inbound SPI (the SPI of traffic to the device) is {@code
   * cdInboundSpi}: the gateway deleted it or replaced it in a rekey (RFC 7296 §1.4.1, §2.8).
   */
  record Removal(int cdInboundSpi) implements OffloadMessage {
    @Override
    public String toString() {
      return "Removal[" + String.format("%08x", cdInboundSpi) + "]";
    }
  }
}

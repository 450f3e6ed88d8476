package net.iotgw.gateway.device;

import java.util.List;
import net.iotgw.protocols.ike.engine.KeyDelivery;
import net.iotgw.protocols.offload.KeyDeliveryCodec;
import net.iotgw.protocols.pana.Avp;

/**
 * The AVPs that carry a CHILD_SA's key material to a CD inside PANA's Encryption-Encap (RFC
 * 6786): one vendor AVP of the {@link KeyDeliveryCodec}.
 */
final class KeyDeliveryAvps {
  private KeyDeliveryAvps() {}

  static List<Avp> encode(KeyDelivery delivery) {
    return List.of(KeyDeliveryCodec.encode(delivery));
  }

  /** The CD's SA with this inbound SPI is gone (deleted, rekeyed, its IKE SA ended). */
  static List<Avp> removal(int cdInboundSpi) {
    return List.of(KeyDeliveryCodec.removal(cdInboundSpi));
  }
}

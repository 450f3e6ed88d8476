package net.iotgw.gateway.device;

import java.util.List;
import net.iotgw.protocols.ike.engine.KeyDelivery;
import net.iotgw.protocols.pana.Avp;

/** The AVPs that carry a CHILD_SA's key material to a CD inside PANA's Encryption-Encap. */
final class KeyDeliveryAvps {
  private KeyDeliveryAvps() {}

  static List<Avp> encode(KeyDelivery delivery) {
    throw new UnsupportedOperationException("the key-delivery codec lands with the cdesp branch");
  }
}

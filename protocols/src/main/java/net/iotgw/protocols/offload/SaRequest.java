package net.iotgw.protocols.offload;

import java.net.InetSocketAddress;
import java.util.Optional;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.Identity;

/**
 * A constrained device asks the gateway to open an ESP SA to a UD on its behalf (ARCHITECTURE,
 * "the reverse direction"): the gateway initiates IKEv2 as the CD (RFC 7296 §1.2) and answers
 * with the usual key delivery ({@link KeyDeliveryCodec}, CD role initiator) or with an {@link
 * SaRequestFailed} naming {@code requestId}. Nothing here is secret; it travels encrypted only
 * because the UD a CD talks to is its own business (RFC 6786 Encryption-Encap).
 *
 * @param requestId the CD's number for the request (0..65535), echoed in a failure
 * @param mode the CHILD_SA's mode: transport asks USE_TRANSPORT_MODE (RFC 7296 §1.3.1)
 * @param ud the UD's address and IKE port (500 unless it listens elsewhere)
 * @param expectedUd the identity the UD must prove, sent as IDr (RFC 7296 §3.5); empty: any
 *     identity the CD's policy allows
 */
public record SaRequest(
    int requestId, ChildSa.Mode mode, InetSocketAddress ud, Optional<Identity> expectedUd) {

  public SaRequest {
    if (requestId < 0 || requestId > 0xffff) {
      throw new IllegalArgumentException("request id " + requestId + " is not 16 bits");
    }
    if (mode == null || ud == null || ud.getAddress() == null || expectedUd == null) {
      throw new IllegalArgumentException("mode, a resolved UD address and an identity option");
    }
  }
}

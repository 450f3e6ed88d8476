package net.iotgw.gateway.device;

import java.util.ArrayList;
import java.util.List;
import net.iotgw.gateway.aaa.EapSessionId;
import net.iotgw.protocols.offload.DeliveryRefusal;
import net.iotgw.protocols.offload.DeliveryRefusalCodec;
import net.iotgw.protocols.offload.SaRequest;
import net.iotgw.protocols.offload.SaRequestCodec;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.wire.Decoded;
import org.slf4j.Logger;

/**
 * What a CD sends the gateway over its PANA session besides EAP: SA requests in its own
 * deliveries ({@link SaRequestCodec}), and refusals in the PNA to one of the gateway's ({@link
 * DeliveryRefusalCodec}). A request that does not decode cannot be answered (its number is
 * unknown): it is logged and dropped, and the CD's own timeout ends its wait.
 */
final class CdRequests {
  private CdRequests() {}

  static List<SaRequest> requests(List<Avp> delivered, EapSessionId id, Logger log) {
    List<SaRequest> out = new ArrayList<>();
    for (Avp a : delivered) {
      if (!SaRequestCodec.isRequest(a)) {
        log.debug("{}: the CD delivered an AVP that is not an SA request: {}", id, a);
      } else if (SaRequestCodec.decodeRequest(a) instanceof Decoded.Ok<SaRequest> ok) {
        out.add(ok.value());
      } else {
        log.warn("{}: an SA request that does not decode: {}", id,
            ((Decoded.Failed<SaRequest>) SaRequestCodec.decodeRequest(a)).error());
      }
    }
    return out;
  }

  /** The refusal's reason and SPI for the log; the AVPs themselves if none decodes. */
  static String refusalText(List<Avp> answer) {
    for (Avp a : answer) {
      if (DeliveryRefusalCodec.decode(a) instanceof Decoded.Ok<DeliveryRefusal> ok) {
        return ok.value().toString();
      }
    }
    return "an answer without a refusal this gateway reads: " + answer;
  }
}

package net.iotgw.protocols.pana.engine;

import java.util.List;
import net.iotgw.protocols.pana.Avp;

/**
 * The PaC's owner's judgement of a delivery, taken before its PNA goes out (see {@link
 * KeyDelivery}): the AVPs that PNA carries. None acknowledges the delivery; any AVP (a vendor's
 * refusal, e.g. the offload's {@code DeliveryRefusalCodec}) makes it a negative acknowledgement,
 * which the PAA reports as {@link PanaOutput.DeliveryRefused}. Called synchronously inside the
 * engine's step, on the owner's thread; it must not keep the AVPs, which may hold secrets.
 */
@FunctionalInterface
public interface DeliveryVerdict {
  /** Acknowledges every delivery: the behaviour of a PaC whose owner checks nothing. */
  DeliveryVerdict ACCEPT = delivered -> List.of();

  /** The AVPs of the PNA: empty to acknowledge, else the refusal (sent in clear, signed). */
  List<Avp> answer(List<Avp> delivered);
}

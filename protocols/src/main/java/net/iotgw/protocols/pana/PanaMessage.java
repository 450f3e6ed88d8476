package net.iotgw.protocols.pana;

import java.util.List;
import java.util.Optional;

/**
 * One PANA message (RFC 5191 §6): a header and its AVPs in wire order. Order matters: the AUTH AVP
 * is computed over the encoded message, and the codec keeps the order it was given.
 */
public record PanaMessage(PanaHeader header, List<Avp> avps) {
  public PanaMessage {
    avps = List.copyOf(avps);
  }

  /** The first AVP of the given kind, if any. */
  public <T extends Avp> Optional<T> first(Class<T> kind) {
    for (Avp a : avps) {
      if (kind.isInstance(a)) {
        return Optional.of(kind.cast(a));
      }
    }
    return Optional.empty();
  }

  /** Every AVP of the given kind, in order (several Integrity- and PRF-Algorithm in a PAR). */
  public <T extends Avp> List<T> all(Class<T> kind) {
    return avps.stream().filter(kind::isInstance).map(kind::cast).toList();
  }
}

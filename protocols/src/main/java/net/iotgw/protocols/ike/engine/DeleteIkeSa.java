package net.iotgw.protocols.ike.engine;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.DeletePayload;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.engine.IkeOutput.CloseReason;
import net.iotgw.protocols.ike.engine.IkeState.Established;

/**
 * Our Delete of the IKE SA and with it every CHILD_SA (RFC 7296 §1.4.1, strongSwan's ike_delete):
 * INFORMATIONAL with D(IKE); the (empty) answer closes the SA with {@code DELETED}. Meanwhile the
 * peer's rekey requests are refused (§2.25); its own Delete crossing ours closes it at once.
 */
public record DeleteIkeSa() implements InitiatorTask, InitiatorTask.InFlight {

  @Override
  public ExchangeType exchange() {
    return ExchangeType.INFORMATIONAL;
  }

  @Override
  public Optional<Started> start(Established s, long now, SecureRandom random) {
    return Optional.of(new Started(this, List.of(DeletePayload.ikeSa())));
  }

  @Override
  public TaskOutcome processResponse(
      Established s, List<Payload> response, long now, SecureRandom random) {
    return new TaskOutcome.Failed(CloseReason.DELETED, "our Delete was answered", List.of());
  }

  /** Whether our Delete of the IKE SA is in flight. */
  static boolean underway(Established s) {
    return s.tasks().active().filter(DeleteIkeSa.class::isInstance).isPresent();
  }
}

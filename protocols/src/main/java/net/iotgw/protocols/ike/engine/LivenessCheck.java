package net.iotgw.protocols.ike.engine;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.engine.IkeState.Established;

/**
 * A liveness check (RFC 7296 §1.4, strongSwan's ike_dpd): an empty INFORMATIONAL request. Its
 * answer is reported as {@link IkeOutput.LivenessConfirmed}; no answer after the retransmission
 * schedule closes the IKE SA ({@code RETRANSMISSIONS_EXHAUSTED}, §2.4). When to check is the
 * owner's choice (it sees the ESP traffic, the engine does not).
 */
public record LivenessCheck() implements InitiatorTask, InitiatorTask.InFlight {

  @Override
  public ExchangeType exchange() {
    return ExchangeType.INFORMATIONAL;
  }

  @Override
  public Optional<Started> start(Established s, long now, SecureRandom random) {
    return Optional.of(new Started(this, List.of()));
  }

  @Override
  public TaskOutcome processResponse(
      Established s, List<Payload> response, long now, SecureRandom random) {
    return new TaskOutcome.Done(s.sa(), List.of(new IkeOutput.LivenessConfirmed()));
  }
}

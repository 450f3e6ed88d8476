package net.iotgw.protocols.eap.psk;

import java.util.List;

/** One transition of an EAP-PSK state machine: {@code (state, event) -> (state, outputs)}. */
public record PskStep<S>(S state, List<PskOutput> outputs) {

  public PskStep {
    outputs = List.copyOf(outputs);
  }

  static <S> PskStep<S> of(S state, PskOutput... outputs) {
    return new PskStep<>(state, List.of(outputs));
  }
}

package net.iotgw.protocols.pana.engine;

import java.util.List;

/** One transition of a PANA engine: {@code (state, event) -> (state, outputs)}. */
public record PanaStep<S>(S state, List<PanaOutput> outputs) {
  public PanaStep {
    outputs = List.copyOf(outputs);
  }

  static <S> PanaStep<S> of(S state, PanaOutput... outputs) {
    return new PanaStep<>(state, List.of(outputs));
  }

  static <S> PanaStep<S> of(S state, List<PanaOutput> outputs) {
    return new PanaStep<>(state, outputs);
  }
}

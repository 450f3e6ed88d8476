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

  /** The same step with more outputs after these. */
  PanaStep<S> plus(PanaOutput... more) {
    List<PanaOutput> all = new java.util.ArrayList<>(outputs);
    all.addAll(List.of(more));
    return new PanaStep<>(state, all);
  }

  /** The same outputs with another state. */
  <T> PanaStep<T> to(T next) {
    return new PanaStep<>(next, outputs);
  }
}

package net.iotgw.protocols.ike.engine;

import java.util.List;

/** One transition: {@code (state, event) -> (state, outputs)}. */
public record IkeStep(IkeState state, List<IkeOutput> outputs) {
  public IkeStep {
    outputs = List.copyOf(outputs);
  }

  static IkeStep of(IkeState state, IkeOutput... outputs) {
    return new IkeStep(state, List.of(outputs));
  }

  /** The outputs of one kind, in order; for owners and tests. */
  public <T extends IkeOutput> List<T> all(Class<T> kind) {
    return outputs.stream().filter(kind::isInstance).map(kind::cast).toList();
  }
}

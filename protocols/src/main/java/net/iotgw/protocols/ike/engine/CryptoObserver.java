package net.iotgw.protocols.ike.engine;

/**
 * Told of every cryptographic operation an engine performs ({@link IkeCryptoOperation}), as it
 * performs it, so that a simulated constrained device running IKEv2 itself can show its cost
 * (paper Sec. III-C: the cost the offload saves). Called synchronously on the caller's thread;
 * must not throw. {@link #NONE} by default: the engine stays pure, the observer is the owner's.
 */
@FunctionalInterface
public interface CryptoObserver {
  CryptoObserver NONE = (operation, count) -> {};

  /** {@code count} operations of kind {@code operation} were just performed. */
  void performed(IkeCryptoOperation operation, int count);
}

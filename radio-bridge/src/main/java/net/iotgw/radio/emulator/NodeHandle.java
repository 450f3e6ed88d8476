package net.iotgw.radio.emulator;

/** A node's attachment to the {@link RadioMedium}: its transmit queue. Thread-safe. */
public interface NodeHandle {

  /**
   * Queues {@code psdu} (FCS bytes included, their content ignored) for transmission. Returns
   * false, and counts a drop, when the node's queue ({@link MediumSettings#queueCapacity()}) is
   * full or the medium has stopped: a burst larger than the queue is dropped, never buffered
   * without bound.
   */
  boolean transmit(byte[] psdu);

  /** Frames this node could not queue so far. */
  long dropped();

  /** Stops delivering to this node; frames it already queued still go out. */
  void detach();
}

package net.iotgw.protocols.ike.engine;

/** What the owner feeds an IKE SA engine, besides the creating call. */
public sealed interface IkeEvent {

  /** A datagram for this IKE SA (non-ESP marker removed, see {@link Datagram#fromUdp}). */
  record Received(Datagram datagram) implements IkeEvent {}

  /** A timer the engine armed has fired. */
  record TimerFired(IkeTimer timer) implements IkeEvent {}

  /**
   * The CD acknowledged the keys of {@link IkeOutput.ChildSaAgreed}: the responder releases its
   * IKE_AUTH response, the initiator reports the SA established.
   */
  record KeysDelivered() implements IkeEvent {}

  /** The keys could not be delivered: the SA dies (the responder answers with an error notify). */
  record KeyDeliveryFailed(String reason) implements IkeEvent {}
}

package net.iotgw.protocols.ike.engine;

/** What the owner feeds an IKE SA engine, besides the creating call. */
public sealed interface IkeEvent {

  /** A datagram for this IKE SA (non-ESP marker removed, see {@link Datagram#fromUdp}). */
  record Received(Datagram datagram) implements IkeEvent {}

  /** A timer the engine armed has fired. */
  record TimerFired(IkeTimer timer) implements IkeEvent {}

  /**
   * The CD acknowledged the keys of {@link IkeOutput.ChildSaAgreed}: a responder releases its held
   * response, and the CHILD_SA joins the SA (after IKE_AUTH, the SA is reported established).
   */
  record KeysDelivered() implements IkeEvent {}

  /**
   * The keys could not be delivered: after IKE_AUTH the SA dies, after CREATE_CHILD_SA only the new
   * CHILD_SA (a responder answers TEMPORARY_FAILURE, an initiator deletes it at the peer).
   */
  record KeyDeliveryFailed(String reason) implements IkeEvent {}
}

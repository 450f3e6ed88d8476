package net.iotgw.protocols.ike.engine;

import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.ExchangeType;

/**
 * The states of one IKE SA engine, each holding exactly what it needs (the style of strongSwan's
 * ike_sa states, made explicit): the owner keeps the current value and hands it back with the
 * next event. {@link IkeSaEngine} has one handler per state.
 *
 * <pre>
 * initiator:  Connecting --IKE_SA_INIT--> AuthRequested --IKE_AUTH--> AwaitingKeys --> Established
 * responder:  (respond) ----------------> HalfOpen -----IKE_AUTH--> AwaitingKeys --> Established
 *             any --failure, timeout, destroy--> Closed
 * </pre>
 */
public sealed interface IkeState {

  /** The IKE SA once IKE_SA_INIT is done. */
  default Optional<IkeSa> ikeSa() {
    return Optional.empty();
  }

  /** Initiator: our IKE_SA_INIT request is in flight (retried after INVALID_KE or COOKIE). */
  record Connecting(IkeInitInitiator task, Outstanding request, Optional<Identity> expectedPeer)
      implements IkeState {
    public long spiI() {
      return task.spiI();
    }
  }

  /** Responder: IKE_SA_INIT answered (and cached), waiting for IKE_AUTH until {@code deadline}. */
  record HalfOpen(IkeSa sa, Exchanges exchanges, IkeAuthResponder task, long deadline)
      implements IkeState {
    @Override
    public Optional<IkeSa> ikeSa() {
      return Optional.of(sa);
    }
  }

  /** Initiator: our IKE_AUTH request is in flight. */
  record AuthRequested(IkeSa sa, Exchanges exchanges, IkeAuthInitiator task)
      implements IkeState {
    @Override
    public Optional<IkeSa> ikeSa() {
      return Optional.of(sa);
    }
  }

  /**
   * A CHILD_SA is agreed and its keys are on their way to the CD (paper Sec. III-D); as
   * responder, the exchange's response is sealed and held. {@code children} and {@code tasks} are
   * the established SA's, kept for when a later exchange's CHILD_SA waits here; the IKE SA's
   * lifetime runs from IKE_AUTH's agreement.
   */
  record AwaitingKeys(
      IkeSa sa, Exchanges exchanges, Held held, List<ChildSa> children, TaskQueue tasks,
      long expiresAt)
      implements IkeState {
    public AwaitingKeys {
      children = List.copyOf(children);
    }

    @Override
    public Optional<IkeSa> ikeSa() {
      return Optional.of(sa);
    }
  }

  /** The IKE SA is up; its hard lifetime ends at {@code expiresAt}. */
  record Established(
      IkeSa sa, Exchanges exchanges, List<ChildSa> children, TaskQueue tasks, long expiresAt)
      implements IkeState {
    public Established {
      children = List.copyOf(children);
    }

    @Override
    public Optional<IkeSa> ikeSa() {
      return Optional.of(sa);
    }
  }

  /** Gone, keys zeroed. */
  record Closed(IkeOutput.CloseReason reason) implements IkeState {}

  /**
   * A CHILD_SA waiting for its keys to reach the CD.
   *
   * @param exchange the exchange that agreed it (IKE_AUTH establishes the IKE SA on release)
   * @param response the responder's sealed response, sent on release; empty for the initiator
   * @param messageId the message ID of the held exchange
   * @param deadline when {@link IkeTimer#KEY_DELIVERY} gives up
   */
  record Held(
      ExchangeType exchange,
      ChildSa child,
      KeyDelivery delivery,
      long messageId,
      List<Datagram> response,
      long deadline) {
    public Held {
      response = List.copyOf(response);
    }
  }

  /**
   * The initiator tasks of an established SA (strongSwan's active and queued task lists): one
   * exchange in flight at a time (window of one), the rest wait in order.
   */
  record TaskQueue(Optional<InitiatorTask> active, List<InitiatorTask> queued) {
    public static final TaskQueue EMPTY = new TaskQueue(Optional.empty(), List.of());

    public TaskQueue {
      queued = List.copyOf(queued);
    }
  }
}

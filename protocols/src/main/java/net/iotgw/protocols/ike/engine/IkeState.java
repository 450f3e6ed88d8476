package net.iotgw.protocols.ike.engine;

import java.security.SecureRandom;
import java.util.ArrayList;
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
 *             Established --CREATE_CHILD_SA--> AwaitingKeys --> Established
 *             any --failure, timeout, Delete, destroy--> Closed
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
   * responder, the exchange's response is sealed and held. {@code base} is the established SA this
   * returns to on release (for IKE_AUTH, the one it becomes, its lifetime running from IKE_AUTH's
   * agreement). Authentic requests and responses arriving meanwhile wait in {@code deferred}
   * (at most {@link #MAX_DEFERRED}) and are processed after the release, in order.
   */
  record AwaitingKeys(Established base, Held held, List<Inbound.Result> deferred)
      implements IkeState {
    /** The owner's hold keeps this many requests and responses, then drops (they come again). */
    public static final int MAX_DEFERRED = 4;

    public AwaitingKeys {
      deferred = List.copyOf(deferred);
    }

    public IkeSa sa() {
      return base.sa();
    }

    Exchanges exchanges() {
      return base.exchanges();
    }

    public List<ChildSa> children() {
      return base.children();
    }

    public TaskQueue tasks() {
      return base.tasks();
    }

    public long expiresAt() {
      return base.expiresAt();
    }

    @Override
    public Optional<IkeSa> ikeSa() {
      return Optional.of(base.sa());
    }
  }

  /**
   * The IKE SA is up. {@code retired} are IKE SAs a rekey left behind, each kept only for its
   * Delete (RFC 7296 §2.18): the owner routes their SPIs here too until {@link
   * IkeOutput.IkeSaRetired}.
   */
  record Established(
      IkeSa sa, Exchanges exchanges, List<ChildSa> children, TaskQueue tasks, Lifetimes lifetimes,
      List<RetiredIkeSa> retired)
      implements IkeState {
    public Established {
      children = List.copyOf(children);
      retired = List.copyOf(retired);
    }

    /** The IKE SA's hard lifetime. */
    public long expiresAt() {
      return lifetimes.ikeExpiresAt();
    }

    /** The CHILD_SA whose inbound (CD-side) SPI is {@code spi}. */
    public Optional<ChildSa> child(int inboundSpi) {
      return children.stream().filter(c -> c.inboundSpi() == inboundSpi).findFirst();
    }

    @Override
    public Optional<IkeSa> ikeSa() {
      return Optional.of(sa);
    }

    Established withExchanges(Exchanges ex) {
      return new Established(sa, ex, children, tasks, lifetimes, retired);
    }

    Established withTasks(TaskQueue t) {
      return new Established(sa, exchanges, children, t, lifetimes, retired);
    }

    Established withLifetimes(Lifetimes l) {
      return new Established(sa, exchanges, children, tasks, l, retired);
    }

    Established withRetired(List<RetiredIkeSa> r) {
      return new Established(sa, exchanges, children, tasks, lifetimes, r);
    }

    Established withSa(IkeSa s) {
      return new Established(s, exchanges, children, tasks, lifetimes, retired);
    }

    /** {@code child} joins, its lifetimes from now. */
    Established withChild(ChildSa child, long now, SecureRandom random) {
      List<ChildSa> next = new ArrayList<>(children);
      next.add(child);
      return new Established(sa, exchanges, next, tasks,
          lifetimes.withChild(child.inboundSpi(), sa.config().limits(), now, random), retired);
    }

    /** The CHILD_SA leaves (the caller zeroes its keys). */
    Established withoutChild(int inboundSpi, long now) {
      return new Established(sa, exchanges,
          children.stream().filter(c -> c.inboundSpi() != inboundSpi).toList(), tasks,
          lifetimes.without(inboundSpi, now), retired);
    }

    /** {@code task} runs next, before what is queued. */
    Established first(InitiatorTask task) {
      List<InitiatorTask> queued = new ArrayList<>(tasks.queued());
      queued.add(0, task);
      return withTasks(new TaskQueue(tasks.active(), queued));
    }

    /** {@code task} runs after what is queued. */
    Established last(InitiatorTask task) {
      List<InitiatorTask> queued = new ArrayList<>(tasks.queued());
      queued.add(task);
      return withTasks(new TaskQueue(tasks.active(), queued));
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
   * @param rekey the CHILD_SA this one replaces, if it is a rekey's
   */
  record Held(
      ExchangeType exchange,
      ChildSa child,
      KeyDelivery delivery,
      long messageId,
      List<Datagram> response,
      long deadline,
      Optional<TaskOutcome.Rekey> rekey) {
    public Held {
      response = List.copyOf(response);
    }
  }

  /**
   * The initiator tasks of an established SA (strongSwan's active and queued task lists): one
   * exchange in flight at a time (window of one), the rest wait in order. The active task is the
   * started one, as it waits for its response.
   */
  record TaskQueue(Optional<InitiatorTask.InFlight> active, List<InitiatorTask> queued) {
    public static final TaskQueue EMPTY = new TaskQueue(Optional.empty(), List.of());

    public TaskQueue {
      queued = List.copyOf(queued);
    }

    TaskQueue withActive(Optional<InitiatorTask.InFlight> task) {
      return new TaskQueue(task, queued);
    }
  }
}

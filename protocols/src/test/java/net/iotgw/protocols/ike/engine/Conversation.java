package net.iotgw.protocols.ike.engine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import net.iotgw.protocols.ike.keys.ChildSaKeys;
import net.iotgw.protocols.offload.KeyDeliveryCodec;

/**
 * Our initiator engine and our responder engine joined by an in-memory network, driven step by
 * step: datagrams are queued and delivered on {@link #run}, timers fire only when a test says so,
 * time moves only when a test moves it. The owner's side of key delivery answers {@code
 * KeysDelivered} at once unless {@link #holdKeys} is set.
 */
final class Conversation {
  static final InetAddress UD_ADDRESS = address("2001:db8:1::a");
  static final InetAddress CD_ADDRESS = address("2001:db8:1::b");

  enum Side {
    INITIATOR,
    RESPONDER
  }

  /**
   * A key delivery as the CD got it and what the CD derived from it, directly and after the
   * delivery went through the offload AVP ({@link KeyDeliveryCodec}).
   */
  record Derived(Side side, ChildSa child, KeyDelivery delivery, ChildSaKeys cdKeys,
      ChildSaKeys cdKeysOverTheWire) {}

  final EngineConfig initiatorConfig;
  final EngineConfig responderConfig;
  final SecureRandom random;
  long now = TestPki.NOW;
  CookieGate gate = CookieGate.open();
  boolean holdKeys;
  /** What the responder's side of the network makes of the initiator's source (a NAT, say). */
  UnaryOperator<InetSocketAddress> nat = UnaryOperator.identity();

  IkeState initiator;
  IkeState responder;
  final List<IkeOutput> initiatorOutputs = new ArrayList<>();
  final List<IkeOutput> responderOutputs = new ArrayList<>();
  /** What each side's CD derived from each key delivery, before the delivery was zeroed. */
  final List<Derived> derived = new ArrayList<>();
  final List<Datagram> sentByInitiator = new ArrayList<>();
  final List<Datagram> sentByResponder = new ArrayList<>();
  private final Deque<Datagram> toResponder = new ArrayDeque<>();
  private final Deque<Datagram> toInitiator = new ArrayDeque<>();

  Conversation(EngineConfig initiatorConfig, EngineConfig responderConfig, long seed) {
    this.initiatorConfig = initiatorConfig;
    this.responderConfig = responderConfig;
    this.random = seeded(seed);
  }

  static SecureRandom seeded(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      return r;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  void start(Optional<Identity> expectedPeer) {
    absorb(Side.INITIATOR, IkeSaEngine.initiate(initiatorConfig,
        new InetSocketAddress(CD_ADDRESS, responderConfig.ikePort()), expectedPeer, now, random));
  }

  /** Delivers queued datagrams both ways until none is left. */
  Conversation run() {
    while (!toResponder.isEmpty() || !toInitiator.isEmpty()) {
      if (!toResponder.isEmpty()) {
        deliverToResponder(toResponder.poll());
      }
      if (!toInitiator.isEmpty()) {
        deliverToInitiator(toInitiator.poll());
      }
    }
    return this;
  }

  /** Delivers the oldest datagram queued for the responder; false if none. */
  boolean stepToResponder() {
    Datagram d = toResponder.poll();
    if (d != null) {
      deliverToResponder(d);
    }
    return d != null;
  }

  /** Delivers the oldest datagram queued for the initiator; false if none. */
  boolean stepToInitiator() {
    Datagram d = toInitiator.poll();
    if (d != null) {
      deliverToInitiator(d);
    }
    return d != null;
  }

  int queuedToResponder() {
    return toResponder.size();
  }

  int queuedToInitiator() {
    return toInitiator.size();
  }

  /** Forgets what is in flight (a lossy network). */
  void loseQueued() {
    toResponder.clear();
    toInitiator.clear();
  }

  void deliverToResponder(Datagram sent) {
    Datagram arriving = new Datagram(sent.remote(), nat.apply(sent.local()), sent.message());
    if (responder == null || responder instanceof IkeState.Closed c
        && c.reason() == IkeOutput.CloseReason.REFUSED) {
      absorb(Side.RESPONDER, IkeSaEngine.respond(responderConfig, arriving, gate, now, random));
    } else {
      handle(Side.RESPONDER, new IkeEvent.Received(arriving));
    }
  }

  void deliverToInitiator(Datagram sent) {
    // The NAT maps the answer back to the initiator's own address and port.
    Datagram arriving =
        new Datagram(initiatorLocalFor(sent.remote()), sent.local(), sent.message());
    handle(Side.INITIATOR, new IkeEvent.Received(arriving));
  }

  private InetSocketAddress initiatorLocalFor(InetSocketAddress natted) {
    for (Datagram d : sentByInitiator) {
      if (nat.apply(d.local()).equals(natted)) {
        return d.local();
      }
    }
    return natted;
  }

  IkeStep handle(Side side, IkeEvent event) {
    IkeState state = side == Side.INITIATOR ? initiator : responder;
    IkeStep step = IkeSaEngine.handle(state, event, now, random);
    absorb(side, step);
    return step;
  }

  IkeStep fire(Side side, IkeTimer timer) {
    return handle(side, new IkeEvent.TimerFired(timer));
  }

  /** The owner of {@code side} queues {@code task} on its SA. */
  IkeStep queue(Side side, InitiatorTask task) {
    IkeStep step = IkeSaEngine.queue(state(side), task, now, random);
    absorb(side, step);
    return step;
  }

  IkeState state(Side side) {
    return side == Side.INITIATOR ? initiator : responder;
  }

  /** The established state of {@code side}. */
  IkeState.Established established(Side side) {
    IkeState s = state(side);
    if (!(s instanceof IkeState.Established e)) {
      throw new AssertionError(side + " is " + s + ": "
          + (side == Side.INITIATOR ? initiatorOutputs : responderOutputs));
    }
    return e;
  }

  /** Forgets the outputs and datagrams so far, so that a test looks at what follows. */
  void forget() {
    initiatorOutputs.clear();
    responderOutputs.clear();
    sentByInitiator.clear();
    sentByResponder.clear();
    derived.clear();
  }

  Side other(Side side) {
    return side == Side.INITIATOR ? Side.RESPONDER : Side.INITIATOR;
  }

  /** Delivers the oldest datagram queued towards {@code side}; false if none. */
  boolean stepTo(Side side) {
    return side == Side.INITIATOR ? stepToInitiator() : stepToResponder();
  }

  /** Takes the oldest datagram queued towards {@code side} off the network (to deliver later). */
  Datagram takeNextTo(Side side) {
    return (side == Side.INITIATOR ? toInitiator : toResponder).poll();
  }

  /** Drops the oldest datagram queued towards {@code side} (one lost on the way). */
  void loseNextTo(Side side) {
    (side == Side.INITIATOR ? toInitiator : toResponder).poll();
  }

  void absorb(Side side, IkeStep step) {
    if (side == Side.INITIATOR) {
      initiator = step.state();
      initiatorOutputs.addAll(step.outputs());
    } else {
      responder = step.state();
      responderOutputs.addAll(step.outputs());
    }
    boolean agreed = false;
    for (IkeOutput o : step.outputs()) {
      if (o instanceof IkeOutput.Send s) {
        (side == Side.INITIATOR ? sentByInitiator : sentByResponder).add(s.datagram());
        (side == Side.INITIATOR ? toResponder : toInitiator).add(s.datagram());
      }
      if (o instanceof IkeOutput.ChildSaAgreed a) {
        agreed = true;
        derived.add(new Derived(side, a.child(), a.delivery(), a.delivery().deriveChildKeys(),
            KeyDeliveryCodec.decode(KeyDeliveryCodec.encode(a.delivery())).orThrow()
                .deriveChildKeys()));
      }
    }
    if (agreed && !holdKeys) {
      handle(side, new IkeEvent.KeysDelivered());
    }
  }

  <T extends IkeOutput> List<T> outputs(Side side, Class<T> kind) {
    List<IkeOutput> all = side == Side.INITIATOR ? initiatorOutputs : responderOutputs;
    return all.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  <T extends IkeOutput> T only(Side side, Class<T> kind) {
    List<T> found = outputs(side, kind);
    if (found.size() != 1) {
      throw new AssertionError(side + " has " + found.size() + " " + kind.getSimpleName()
          + ": " + (side == Side.INITIATOR ? initiatorOutputs : responderOutputs));
    }
    return found.get(0);
  }

  static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}

package net.iotgw.load.interop;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import net.iotgw.protocols.ike.engine.CookieGate;
import net.iotgw.protocols.ike.engine.Datagram;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.IkeEvent;
import net.iotgw.protocols.ike.engine.IkeOutput;
import net.iotgw.protocols.ike.engine.IkeSaEngine;
import net.iotgw.protocols.ike.engine.IkeState;
import net.iotgw.protocols.ike.engine.IkeStep;
import net.iotgw.protocols.ike.engine.IkeTimer;
import net.iotgw.protocols.ike.engine.InitiatorTask;

/**
 * A test driver standing in for the IkeSa actor: one thread owns the engine's state, two UDP
 * sockets on the CD's address (IKE port and NAT-T port, non-ESP marker handled by {@link
 * Datagram}), the timers the engine arms, and the key delivery, which it acknowledges at once.
 * Not product code; the gateway's actor will do the same on Pekko.
 */
final class EngineUdpLoop implements AutoCloseable {
  private final EngineConfig config;
  private final SecureRandom random = new SecureRandom();
  private final Selector selector;
  private final Map<Integer, DatagramChannel> channels = new java.util.HashMap<>();
  private final ConcurrentLinkedQueue<Function<IkeState, IkeStep>> commands =
      new ConcurrentLinkedQueue<>();
  private final Map<IkeTimer, Long> timers = new EnumMap<>(IkeTimer.class);
  private final List<IkeOutput> outputs = new ArrayList<>();
  private final List<Datagram> received = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;
  private IkeState state;

  EngineUdpLoop(EngineConfig config, InetAddress cd) throws IOException {
    this.config = config;
    this.selector = Selector.open();
    for (int port : List.of(config.ikePort(), config.natTPort())) {
      DatagramChannel ch = DatagramChannel.open();
      ch.bind(new InetSocketAddress(cd, port));
      ch.configureBlocking(false);
      ch.register(selector, SelectionKey.OP_READ, port);
      channels.put(port, ch);
    }
    thread = new Thread(this::loop, "engine-udp-loop");
    thread.setDaemon(true);
    thread.start();
  }

  /** Our engine initiates: the CD opens an SA to {@code peer}. */
  void initiate(InetSocketAddress peer) {
    commands.add(s -> IkeSaEngine.initiate(config, peer, Optional.empty(), now(), random));
    selector.wakeup();
  }

  /** The owner queues an exchange on the SA (a liveness check, a rekey, a delete). */
  void queue(InitiatorTask task) {
    commands.add(s -> IkeSaEngine.queue(s, task, now(), random));
    selector.wakeup();
  }

  /** Waits for the {@code n}-th output (from 1) of a kind. */
  <T extends IkeOutput> T await(Class<T> kind, int n, Duration timeout)
      throws InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < until) {
      List<IkeOutput> all = outputs();
      List<IkeOutput> found = all.stream().filter(kind::isInstance).toList();
      if (found.size() >= n) {
        return kind.cast(found.get(n - 1));
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no " + kind.getSimpleName() + " #" + n + " within " + timeout
        + "; outputs: " + outputs());
  }

  /** The outputs of one kind so far. */
  <T extends IkeOutput> List<T> all(Class<T> kind) {
    return outputs().stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  /** Everything the engine said so far. */
  synchronized List<IkeOutput> outputs() {
    return List.copyOf(outputs);
  }

  /** Every IKE datagram that arrived, in order. */
  synchronized List<Datagram> received() {
    return List.copyOf(received);
  }

  /** Every datagram the engine sent, in order. */
  synchronized List<Datagram> sent() {
    return outputs.stream().filter(o -> o instanceof IkeOutput.Send)
        .map(o -> ((IkeOutput.Send) o).datagram()).toList();
  }

  synchronized IkeState state() {
    return state;
  }

  /** Waits for the first output of a kind. */
  <T extends IkeOutput> T await(Class<T> kind, Duration timeout) throws InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < until) {
      for (IkeOutput o : outputs()) {
        if (kind.isInstance(o)) {
          return kind.cast(o);
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no " + kind.getSimpleName() + " within " + timeout + "; outputs: "
        + outputs());
  }

  private void loop() {
    ByteBuffer buffer = ByteBuffer.allocate(65535);
    try {
      while (running) {
        long wait = timers.values().stream().mapToLong(t -> t - now()).min().orElse(500);
        selector.select(Math.max(1, Math.min(wait, 500)));
        Function<IkeState, IkeStep> command;
        while ((command = commands.poll()) != null) {
          apply(command.apply(state));
        }
        for (SelectionKey key : selector.selectedKeys()) {
          int port = (Integer) key.attachment();
          DatagramChannel ch = channels.get(port);
          buffer.clear();
          InetSocketAddress from = (InetSocketAddress) ch.receive(buffer);
          if (from == null) {
            continue;
          }
          byte[] payload = new byte[buffer.flip().remaining()];
          buffer.get(payload);
          InetSocketAddress local = (InetSocketAddress) ch.getLocalAddress();
          Optional<Datagram> ike = Datagram.fromUdp(local, from, payload, config.natTPort());
          if (ike.isPresent()) {
            receive(ike.get());
          }
        }
        selector.selectedKeys().clear();
        for (IkeTimer t : List.copyOf(timers.keySet())) {
          if (timers.get(t) <= now()) {
            timers.remove(t);
            apply(IkeSaEngine.handle(state, new IkeEvent.TimerFired(t), now(), random));
          }
        }
      }
    } catch (IOException e) {
      synchronized (this) {
        outputs.add(new IkeOutput.Dropped(IkeOutput.DropReason.UNEXPECTED, "loop: " + e));
      }
    }
  }

  private void receive(Datagram d) throws IOException {
    synchronized (this) {
      received.add(d);
    }
    boolean noSa = state == null
        || state instanceof IkeState.Closed c && c.reason() == IkeOutput.CloseReason.REFUSED;
    apply(noSa
        ? IkeSaEngine.respond(config, d, CookieGate.open(), now(), random)
        : IkeSaEngine.handle(state, new IkeEvent.Received(d), now(), random));
  }

  private void apply(IkeStep step) throws IOException {
    boolean agreed = false;
    synchronized (this) {
      state = step.state();
      outputs.addAll(step.outputs());
    }
    for (IkeOutput o : step.outputs()) {
      if (o instanceof IkeOutput.Send s) {
        Datagram d = s.datagram();
        channels.get(d.local().getPort())
            .send(ByteBuffer.wrap(d.udpPayload(config.natTPort())), d.remote());
      } else if (o instanceof IkeOutput.Arm a) {
        timers.put(a.timer(), a.atMillis());
      } else if (o instanceof IkeOutput.Disarm d) {
        timers.remove(d.timer());
      }
      agreed |= o instanceof IkeOutput.ChildSaAgreed;
    }
    if (agreed) {
      // The owner would now send the delivery to the CD over PANA and wait for its ack.
      apply(IkeSaEngine.handle(state, new IkeEvent.KeysDelivered(), now(), random));
    }
  }

  private static long now() {
    return System.currentTimeMillis();
  }

  @Override
  public void close() throws IOException {
    running = false;
    selector.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (state != null) {
        state = IkeSaEngine.destroy(state).state();
      }
    }
    for (DatagramChannel ch : channels.values()) {
      ch.close();
    }
    selector.close();
  }
}

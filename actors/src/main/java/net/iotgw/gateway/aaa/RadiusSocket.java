package net.iotgw.gateway.aaa;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;
import org.apache.pekko.event.Logging;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.io.Inet;
import org.apache.pekko.io.Udp;
import org.apache.pekko.io.UdpMessage;
import org.apache.pekko.io.UdpSO;
import org.apache.pekko.util.ByteString;

/**
 * One source socket of the RADIUS client: a small classic actor around Pekko's UDP (which has no
 * typed API), bridged to the typed {@link RadiusAaa}. It binds an ephemeral port on the wildcard
 * address, sends what it is told, and passes on only datagrams from the configured servers, so that
 * strangers cannot fill its owner's mailbox. Sends that arrive before the bind completes wait in a
 * queue as long as the owner's in-flight limit; beyond that they are dropped and the retransmission
 * timer covers them.
 */
final class RadiusSocket extends AbstractActor {

  /** Send one datagram. */
  record Send(byte[] datagram, InetSocketAddress to) {}

  /** The socket received this from a configured server. */
  record Received(int socket, InetSocketAddress from, byte[] datagram) implements Aaa.Internal {}

  /** The socket is bound (tests capture on its port). */
  record Bound(int socket, InetSocketAddress local) implements Aaa.Internal {}

  /** The kernel refused a datagram (a full send buffer). */
  record SendFailed(int socket) implements Aaa.Internal {}

  /** Room for bursts of answers: 256 in flight per server, a few hundred octets each. */
  private static final int RECEIVE_BUFFER = 1 << 20;

  private final int index;
  private final org.apache.pekko.actor.typed.ActorRef<Aaa.Command> owner;
  private final Set<InetSocketAddress> servers;
  private final int queueLimit;
  private final ArrayDeque<Send> queued = new ArrayDeque<>();
  private final LoggingAdapter log = Logging.getLogger(getContext().getSystem(), this);
  private ActorRef socket;
  private long strangers;

  private RadiusSocket(
      int index,
      org.apache.pekko.actor.typed.ActorRef<Aaa.Command> owner,
      Set<InetSocketAddress> servers) {
    this.index = index;
    this.owner = owner;
    this.servers = Set.copyOf(servers);
    this.queueLimit = 256 * servers.size();
  }

  static Props props(
      int index,
      org.apache.pekko.actor.typed.ActorRef<Aaa.Command> owner,
      Set<InetSocketAddress> servers) {
    return Props.create(RadiusSocket.class, () -> new RadiusSocket(index, owner, servers));
  }

  @Override
  public void preStart() {
    // The wildcard of the default family: on a dual-stack host an IPv6 socket that also reaches
    // IPv4 servers; the kernel picks the source address per server.
    Udp.get(getContext().getSystem())
        .getManager()
        .tell(
            UdpMessage.bind(
                getSelf(),
                new InetSocketAddress(0),
                List.<Inet.SocketOption>of(UdpSO.receiveBufferSize(RECEIVE_BUFFER))),
            getSelf());
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(
            Udp.Bound.class,
            b -> {
              socket = getSender();
              log.debug("RADIUS socket {} bound to {}", index, b.localAddress());
              owner.tell(new Bound(index, b.localAddress()));
              getContext().become(ready());
              while (!queued.isEmpty()) {
                send(queued.poll());
              }
            })
        .match(
            Send.class,
            s -> {
              if (queued.size() < queueLimit) {
                queued.add(s);
              } else {
                owner.tell(new SendFailed(index));
              }
            })
        .match(
            Udp.CommandFailed.class,
            f -> {
              log.error("RADIUS socket {} cannot bind: {}", index, f);
              getContext().stop(getSelf());
            })
        .build();
  }

  private Receive ready() {
    return receiveBuilder()
        .match(Send.class, this::send)
        .match(
            Udp.Received.class,
            r -> {
              if (servers.contains(r.sender())) {
                owner.tell(new Received(index, r.sender(), r.data().toArray()));
              } else if (strangers++ % 1000 == 0) {
                log.debug("RADIUS socket {}: datagram from stranger {} dropped", index, r.sender());
              }
            })
        .match(Udp.CommandFailed.class, f -> owner.tell(new SendFailed(index)))
        .match(Udp.Unbound.class, u -> getContext().stop(getSelf()))
        .build();
  }

  private void send(Send s) {
    socket.tell(UdpMessage.send(ByteString.fromArray(s.datagram()), s.to()), getSelf());
  }

  @Override
  public void postStop() {
    if (socket != null) {
      socket.tell(UdpMessage.unbind(), getSelf());
    }
  }
}

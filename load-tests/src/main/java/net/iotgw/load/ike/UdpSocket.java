package net.iotgw.load.ike;

import java.net.InetSocketAddress;
import java.util.List;
import org.apache.pekko.actor.AbstractActorWithStash;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;
import org.apache.pekko.io.Inet;
import org.apache.pekko.io.Udp;
import org.apache.pekko.io.UdpMessage;
import org.apache.pekko.io.UdpSO;
import org.apache.pekko.util.ByteString;

/**
 * One worker's UDP socket on Pekko IO (no threads of our own): binds an ephemeral port, tells the
 * worker {@link LoadWorker.TransportReady}, passes received datagrams to it and sends its
 * datagrams, IKE behind the non-ESP marker when it goes to the NAT-T port. Sends that the socket
 * refuses (its buffer full) are counted and dropped: the initiator retransmits.
 */
final class UdpSocket extends AbstractActorWithStash {
  /** The receive buffer: a burst of answers to thousands of initiators must fit. */
  private static final int RECEIVE_BUFFER = 8 << 20;

  record Send(byte[] payload, InetSocketAddress to) {}

  private final InetSocketAddress bind;
  private final org.apache.pekko.actor.typed.ActorRef<LoadWorker.Command> worker;
  private final LoadStats stats;
  private ActorRef socket;

  private UdpSocket(InetSocketAddress bind,
      org.apache.pekko.actor.typed.ActorRef<LoadWorker.Command> worker, LoadStats stats) {
    this.bind = bind;
    this.worker = worker;
    this.stats = stats;
  }

  static Props props(InetSocketAddress bind,
      org.apache.pekko.actor.typed.ActorRef<LoadWorker.Command> worker, LoadStats stats) {
    return Props.create(UdpSocket.class, () -> new UdpSocket(bind, worker, stats));
  }

  /** The worker's transport through {@code socket}. */
  static LoadWorker.Transport transport(ActorRef socket) {
    return d -> socket.tell(new Send(d.udpPayload(LoadWorker.NAT_T_PORT), d.remote()),
        ActorRef.noSender());
  }

  @Override
  public void preStart() {
    List<Inet.SocketOption> options = List.of(UdpSO.receiveBufferSize(RECEIVE_BUFFER));
    Udp.get(getContext().getSystem()).getManager()
        .tell(UdpMessage.bind(getSelf(), bind, options), getSelf());
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(Udp.Bound.class, b -> {
          socket = getSender();
          getContext().become(ready());
          unstashAll();
          worker.tell(new LoadWorker.TransportReady());
        })
        .match(Udp.CommandFailed.class, f -> {
          throw new IllegalStateException("UDP bind to " + bind + " failed: " + f);
        })
        .matchAny(m -> stash())
        .build();
  }

  private Receive ready() {
    return receiveBuilder()
        .match(Send.class, s -> socket.tell(
            UdpMessage.send(ByteString.fromArrayUnsafe(s.payload()), s.to()), getSelf()))
        .match(Udp.Received.class, r -> worker.tell(
            new LoadWorker.FromTarget(r.data().toArray(), (InetSocketAddress) r.sender())))
        .match(Udp.CommandFailed.class, f -> stats.failedSend())
        .build();
  }
}

package net.iotgw.gateway.ike;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import net.iotgw.gateway.control.ControlOutlet;
import net.iotgw.protocols.ike.codec.IkeDecoder;
import net.iotgw.protocols.ike.codec.IkeHeader;
import net.iotgw.protocols.ike.engine.Credentials;
import net.iotgw.protocols.ike.engine.Datagram;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.Identity;
import net.iotgw.protocols.ike.engine.InitiatorTask;
import net.iotgw.protocols.ike.engine.Limits;
import net.iotgw.protocols.ike.engine.Profile;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.sim.ud.InitiatorSession;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A UD in memory for the gateway's IKE actors: our initiator engine ({@link InitiatorSession})
 * with a profile that matches {@link #cdConfig}'s. Datagrams in and out are in the gateway's view
 * (local = the CD, remote = the UD), as the IKE actors take and send them.
 */
public final class InMemoryUd {
  public static final InetAddress UD = address("2001:db8:ad::1");
  public static final InetAddress CD = address("2001:db8:cd::1");
  private static final byte[] PSK = "in-memory-ud-test-psk-0123456789".getBytes();

  private final InitiatorSession session;
  private final List<Datagram> first;

  private InMemoryUd(InitiatorSession.Started started) {
    this.session = started.session();
    this.first = started.toSend().stream().map(InMemoryUd::swap).toList();
  }

  /** A UD whose IKE_SA_INIT request is {@link #first}; {@code limits} rule its retransmissions. */
  public static InMemoryUd start(Limits limits, SecureRandom random) {
    Profile profile = profile(Identity.rfc822("ud@test.example"), Identity.fqdn("cd.test.example"));
    EngineConfig config = EngineConfig.of(profile, UD).withLimits(limits);
    return new InMemoryUd(InitiatorSession.start(config, new InetSocketAddress(CD, 500),
        Optional.of(Identity.fqdn("cd.test.example")), System.currentTimeMillis(), random));
  }

  /** The CD's side: what the gateway answers with as the CD. */
  public static EngineConfig cdConfig(Limits limits) {
    return EngineConfig.of(
        profile(Identity.fqdn("cd.test.example"), Identity.rfc822("ud@test.example")), CD)
        .withLimits(limits);
  }

  private static Profile profile(Identity self, Identity peer) {
    return new Profile(self, new Credentials.PreSharedKey(PSK), IkeProfiles.IKE_PROPOSALS,
        IkeProfiles.GROUPS, IkeProfiles.ESP_PROPOSALS, false, List.of(peer),
        Optional.of(new Credentials.PreSharedKey(PSK)), List.of());
  }

  /** The IKE_SA_INIT request, for the gateway. */
  public Datagram first() {
    return first.get(0);
  }

  /** The UD takes a datagram the gateway sent; returns its answers, for the gateway. */
  public List<Datagram> receive(Datagram fromGateway) {
    return session.receive(swap(fromGateway), System.currentTimeMillis()).stream()
        .map(InMemoryUd::swap).toList();
  }

  /** The UD's due timers (retransmissions). */
  public List<Datagram> tick() {
    return session.tick(System.currentTimeMillis()).stream().map(InMemoryUd::swap).toList();
  }

  /** An exchange the UD starts (liveness check, delete...). */
  public List<Datagram> queue(InitiatorTask task) {
    return session.queue(task, System.currentTimeMillis()).stream().map(InMemoryUd::swap)
        .toList();
  }

  public InitiatorSession session() {
    return session;
  }

  /** Whether {@code d} is an IKE request (not a response), and of which exchange. */
  public static Optional<IkeHeader> request(Datagram d) {
    return IkeDecoder.decodeHeader(d.message()) instanceof Decoded.Ok<IkeHeader> ok
            && !ok.value().response()
        ? Optional.of(ok.value()) : Optional.empty();
  }

  /** An outlet whose datagrams land in {@code sent}, as the data plane would take them. */
  public static ControlOutlet<Datagram> outlet(
      ActorSystem<?> system, BlockingQueue<Datagram> sent) {
    ControlOutlet<Datagram> outlet = new ControlOutlet<>();
    outlet.attach(Source.<Datagram>queue(256).to(Sink.foreach(sent::add)).run(system));
    return outlet;
  }

  private static Datagram swap(Datagram d) {
    return new Datagram(d.remote(), d.local(), d.message());
  }

  private static InetAddress address(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}

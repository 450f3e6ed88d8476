package net.iotgw.gateway.aaa;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import net.iotgw.gateway.aaa.Counters.Counter;
import net.iotgw.protocols.radius.IdentifierPool;
import net.iotgw.protocols.radius.PendingRequests;
import net.iotgw.protocols.radius.RadiusAuth;
import net.iotgw.protocols.radius.RadiusPacket;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The RADIUS client (RFC 2865, RFC 3579): each Relay becomes an Access-Request to the session's
 * server. A transmission unanswered for {@code timeout} is resent unchanged, up to {@code attempts}
 * times (RFC 5080 §2.2.1); then the request fails over to the next server, unless the session's EAP
 * conversation already lives on the server that stopped answering. Answers that fail the Response
 * Authenticator or Message-Authenticator check are dropped and counted, and the request stays
 * pending. Everything is bounded: sessions by max-sessions, requests in flight by 256 per socket
 * and server, the waiting line by max-sessions.
 */
final class RadiusAaa {

  record AttemptTimedOut(int server, IdentifierPool.Slot slot) implements Aaa.Internal {}

  record Revive(int server) implements Aaa.Internal {}

  record SocketStopped(int socket) implements Aaa.Internal {}

  private record IdleKey(EapSessionId session) {}

  private final ActorContext<Aaa.Command> context;
  private final TimerScheduler<Aaa.Command> timers;
  private final AaaConfig.Radius config;
  private final Duration idleTimeout;
  private final List<RadiusServer> servers = new ArrayList<>();
  private final Map<InetSocketAddress, RadiusServer> byAddress = new HashMap<>();
  private final List<org.apache.pekko.actor.ActorRef> sockets = new ArrayList<>();
  private final Map<EapSessionId, RadiusSession> sessions = new HashMap<>();
  private final Map<EapSessionId, RadiusJob> jobs = new HashMap<>();
  private final Counters counters = new Counters();
  private final SecureRandom random = new SecureRandom();

  private RadiusAaa(
      ActorContext<Aaa.Command> context,
      TimerScheduler<Aaa.Command> timers,
      AaaConfig.Radius config,
      Duration idleTimeout) {
    this.context = context;
    this.timers = timers;
    this.config = config;
    this.idleTimeout = idleTimeout;
    for (int i = 0; i < config.servers().size(); i++) {
      RadiusServer server = new RadiusServer(i, config.servers().get(i), config.sockets());
      servers.add(server);
      byAddress.put(server.socketAddress, server);
    }
    for (int i = 0; i < config.sockets(); i++) {
      org.apache.pekko.actor.ActorRef socket =
          Adapter.actorOf(
              context,
              RadiusSocket.props(i, context.getSelf(), Set.copyOf(byAddress.keySet())),
              "radius-socket-" + i);
      context.watchWith(Adapter.toTyped(socket), new SocketStopped(i));
      sockets.add(socket);
    }
    context
        .getLog()
        .info(
            "RADIUS client: servers {}, {} sockets, timeout {}, {} attempts per server",
            servers.stream().map(s -> s.address).toList(),
            config.sockets(),
            config.timeout(),
            config.attempts());
  }

  static Behavior<Aaa.Command> create(AaaConfig.Radius config, Duration idleTimeout) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> new RadiusAaa(context, timers, config, idleTimeout).behavior()));
  }

  private Behavior<Aaa.Command> behavior() {
    return Behaviors.receive(Aaa.Command.class)
        .onMessage(Aaa.Relay.class, this::onRelay)
        .onMessage(RadiusSocket.Received.class, this::onReceived)
        .onMessage(AttemptTimedOut.class, this::onTimeout)
        .onMessage(Aaa.Forget.class, f -> end(f.session(), false))
        .onMessage(IdleExpired.class, e -> end(e.session(), true))
        .onMessage(Revive.class, r -> revive(servers.get(r.server())))
        .onMessage(
            RadiusSocket.SendFailed.class,
            f -> {
              counters.increment(Counter.SEND_FAILURES);
              return Behaviors.same();
            })
        .onMessage(
            RadiusSocket.Bound.class,
            b -> {
              context.getLog().debug("RADIUS socket {} bound to {}", b.socket(), b.local());
              return Behaviors.same();
            })
        .onMessage(
            Counters.Get.class,
            g -> {
              g.replyTo().tell(counters.snapshot());
              return Behaviors.same();
            })
        .onMessage(SocketStopped.class, this::onSocketStopped)
        .onSignal(
            PostStop.class,
            s -> {
              servers.forEach(RadiusServer::close);
              return Behaviors.same();
            })
        .build();
  }

  private Behavior<Aaa.Command> onRelay(Aaa.Relay relay) {
    EapSessionId id = relay.session();
    if (jobs.containsKey(id)) {
      return answer(
          relay, new Aaa.Unavailable("the previous EAP response of " + id + " is still pending"));
    }
    RadiusSession session = sessions.get(id);
    if (session == null) {
      if (sessions.size() >= config.maxSessions()) {
        return answer(
            relay,
            new Aaa.Unavailable("too many sessions (max-sessions " + config.maxSessions() + ")"));
      }
      RelayedEap.First first = RelayedEap.first(relay.eapResponse());
      if (first instanceof RelayedEap.First.Refused refused) {
        return answer(relay, new Aaa.Reject(refused.eapFailure(), refused.reason()));
      }
      session = RadiusSession.opened(((RelayedEap.First.Identity) first).identity());
      sessions.put(id, session);
    } else if (session.lastRequest().isPresent()
        && !RelayedEap.answers(relay.eapResponse(), session.lastRequest().get())) {
      // Not a Response to the outstanding request: the server would discard it silently and we
      // would take its silence for an outage (RFC 3748 §4.1). Ask again instead.
      counters.increment(Counter.REPEATED);
      timers.startSingleTimer(new IdleKey(id), new IdleExpired(id), idleTimeout);
      return answer(relay, new Aaa.Challenge(session.lastRequest().get().clone()));
    }
    timers.startSingleTimer(new IdleKey(id), new IdleExpired(id), idleTimeout);
    RadiusJob job = new RadiusJob(id, relay.eapResponse().clone(), relay.replyTo(), order(session));
    jobs.put(id, job);
    dispatch(job);
    return Behaviors.same();
  }

  /** The session's server if it has one; else live servers in list order, then dead ones. */
  private int[] order(RadiusSession session) {
    if (session.server().isPresent()) {
      return new int[] {session.server().getAsInt()};
    }
    return IntStream.concat(
            servers.stream().filter(s -> !s.dead).mapToInt(s -> s.index),
            servers.stream().filter(s -> s.dead).mapToInt(s -> s.index))
        .toArray();
  }

  /** Sends the job's request to its current server, or queues it there, or gives up. */
  private void dispatch(RadiusJob job) {
    int index = job.currentServer();
    if (index < 0) {
      finish(job, new Aaa.Unavailable("no RADIUS server answered: " + job.failures));
      return;
    }
    RadiusServer server = servers.get(index);
    Optional<IdentifierPool.Slot> slot = server.pool.allocate();
    if (slot.isEmpty()) {
      if (server.waiting.size() >= config.maxSessions()) {
        server.waiting.removeIf(j -> j.abandoned);
      }
      if (server.waiting.size() >= config.maxSessions()) {
        finish(job, new Aaa.Unavailable("too many requests waiting for " + server.address));
      } else {
        server.waiting.add(job);
        counters.increment(Counter.WAITED);
      }
      return;
    }
    RadiusSession session = sessions.get(job.session);
    byte[] authenticator = RadiusAuth.newRequestAuthenticator(random);
    RadiusPacket request =
        AccessRequests.build(
            slot.get().identifier(),
            authenticator,
            session.userName(),
            session.state(),
            job.session.eui64(),
            job.eap,
            config.nasIdentifier());
    job.attempt(index, slot.get(), RadiusAuth.signRequest(request, server.secret));
    server.pending.sent(slot.get(), authenticator, job);
    server.inFlight.put(slot.get(), job);
    counters.increment(Counter.REQUESTS);
    transmit(job, server);
  }

  private void transmit(RadiusJob job, RadiusServer server) {
    sockets
        .get(job.slot.socket())
        .tell(
            new RadiusSocket.Send(job.datagram, server.socketAddress),
            org.apache.pekko.actor.ActorRef.noSender());
    job.sends++;
    AttemptTimedOut timeout = new AttemptTimedOut(server.index, job.slot);
    timers.startSingleTimer(timeout, timeout, config.timeout());
  }

  private Behavior<Aaa.Command> onTimeout(AttemptTimedOut t) {
    RadiusServer server = servers.get(t.server());
    RadiusJob job = server.inFlight.get(t.slot());
    if (job == null) {
      return Behaviors.same();
    }
    if (!job.abandoned && job.sends < config.attempts()) {
      counters.increment(Counter.RETRANSMISSIONS);
      transmit(job, server);
      return Behaviors.same();
    }
    server.pending.timedOut(t.slot());
    server.inFlight.remove(t.slot());
    if (!job.abandoned) {
      markDead(server);
      if (job.failOver(server.address + " (" + job.sends + " attempts)")) {
        counters.increment(Counter.FAILOVERS);
        context.getLog().debug("{}: failing over from {}", job.session, server.address);
      }
      dispatch(job);
    }
    drain(server);
    return Behaviors.same();
  }

  private Behavior<Aaa.Command> onReceived(RadiusSocket.Received r) {
    RadiusServer server = byAddress.get(r.from());
    if (server == null) {
      return Behaviors.same();
    }
    PendingRequests.Match<RadiusJob> match = server.pending.received(r.socket(), r.datagram());
    if (match instanceof PendingRequests.Match.Refused<RadiusJob> refused) {
      refusal(server, refused);
    } else if (match instanceof PendingRequests.Match.Answered<RadiusJob> answered) {
      AttemptTimedOut timer = new AttemptTimedOut(server.index, answered.slot());
      timers.cancel(timer);
      server.inFlight.remove(answered.slot());
      revive(server);
      RadiusJob job = answered.context();
      if (!job.abandoned) {
        onAnswer(job, server, answered.response(), answered.requestAuthenticator());
      }
      drain(server);
    } else {
      counters.increment(Counter.UNSOLICITED_ANSWERS);
    }
    return Behaviors.same();
  }

  private void onAnswer(
      RadiusJob job, RadiusServer server, RadiusPacket answer, byte[] requestAuthenticator) {
    RadiusAnswers.Interpreted meaning =
        RadiusAnswers.interpret(
            answer,
            requestAuthenticator,
            server.secret,
            server.address,
            RelayedEap.identifier(job.eap));
    if (meaning instanceof RadiusAnswers.Interpreted.Challenged c) {
      sessions.computeIfPresent(
          job.session, (id, s) -> s.challenged(server.index, c.state(), c.eapRequest()));
      finish(job, new Aaa.Challenge(c.eapRequest().clone()));
    } else {
      finish(job, ((RadiusAnswers.Interpreted.Final) meaning).answer());
    }
  }

  /** Answers the job's Relay; anything but a Challenge ends the session. */
  private void finish(RadiusJob job, Aaa.Answer answer) {
    jobs.remove(job.session);
    if (answer instanceof Aaa.Challenge) {
      counters.increment(Counter.CHALLENGED);
    } else {
      sessions.remove(job.session);
      timers.cancel(new IdleKey(job.session));
      counters.increment(
          answer instanceof Aaa.Accept
              ? Counter.ACCEPTED
              : answer instanceof Aaa.Reject ? Counter.REJECTED : Counter.UNAVAILABLE);
    }
    context.getLog().debug("{}: {}", job.session, answer);
    job.replyTo.tell(answer);
  }

  /**
   * Forget or idle expiry. A request in flight is abandoned: its Relay is answered now, and its
   * slot stays taken until the answer or the timer, so a late answer matches it and is dropped
   * instead of failing verification against a newer request on the same Identifier.
   */
  private Behavior<Aaa.Command> end(EapSessionId id, boolean expired) {
    sessions.remove(id);
    timers.cancel(new IdleKey(id));
    RadiusJob job = jobs.remove(id);
    if (expired) {
      counters.increment(Counter.EXPIRED);
    }
    if (job != null) {
      job.abandoned = true;
      counters.increment(Counter.UNAVAILABLE);
      job.replyTo.tell(new Aaa.Unavailable("the network entry ended before the AAA answered"));
    }
    return Behaviors.same();
  }

  private void drain(RadiusServer server) {
    while (!server.waiting.isEmpty() && server.hasFreeSlot()) {
      RadiusJob job = server.waiting.poll();
      if (!job.abandoned) {
        dispatch(job);
      }
    }
  }

  private void refusal(RadiusServer server, PendingRequests.Match.Refused<RadiusJob> refused) {
    switch (refused.reason()) {
      case BAD_RESPONSE_AUTHENTICATOR -> counters.increment(Counter.BAD_RESPONSE_AUTHENTICATOR);
      case MISSING_MESSAGE_AUTHENTICATOR,
              DUPLICATE_MESSAGE_AUTHENTICATOR,
              BAD_MESSAGE_AUTHENTICATOR ->
          counters.increment(Counter.BAD_MESSAGE_AUTHENTICATOR);
      default -> counters.increment(Counter.MALFORMED_ANSWERS);
    }
    if (server.warned.add(refused.reason())) {
      context
          .getLog()
          .warn(
              "RADIUS answer from {} dropped: {} {} (wrong shared secret?); further ones are"
                  + " only counted",
              server.address,
              refused.reason(),
              refused.detail());
    }
  }

  private void markDead(RadiusServer server) {
    if (!server.dead && servers.size() > 1) {
      server.dead = true;
      context
          .getLog()
          .warn(
              "RADIUS server {} gave no valid answer to {} attempts; tried after the others for {}",
              server.address,
              config.attempts(),
              config.deadTime());
      timers.startSingleTimer(new Revive(server.index), config.deadTime());
    }
  }

  private Behavior<Aaa.Command> revive(RadiusServer server) {
    if (server.dead) {
      server.dead = false;
      timers.cancel(new Revive(server.index));
      context.getLog().info("RADIUS server {} tried in its place again", server.address);
    }
    return Behaviors.same();
  }

  /** A socket that cannot bind or died: fail everything pending and let the supervisor act. */
  private Behavior<Aaa.Command> onSocketStopped(SocketStopped s) {
    for (RadiusJob job : List.copyOf(jobs.values())) {
      finish(job, new Aaa.Unavailable("RADIUS socket " + s.socket() + " stopped"));
    }
    throw new IllegalStateException("RADIUS socket " + s.socket() + " stopped");
  }

  private Behavior<Aaa.Command> answer(Aaa.Relay relay, Aaa.Answer answer) {
    counters.increment(
        answer instanceof Aaa.Challenge
            ? Counter.CHALLENGED
            : answer instanceof Aaa.Reject ? Counter.REJECTED : Counter.UNAVAILABLE);
    relay.replyTo().tell(answer);
    return Behaviors.same();
  }
}

package net.iotgw.gateway.aaa;

import java.util.ArrayList;
import java.util.List;
import net.iotgw.protocols.radius.IdentifierPool;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * One Relay on its way through the RADIUS servers: the servers to try in order, and the current
 * attempt (server, slot, the signed datagram, how often it was sent). Retransmissions resend the
 * same datagram, hence the same Identifier and Request Authenticator (RFC 5080 §2.2.1); a new
 * server gets a new request. Owned by the {@link RadiusAaa} actor, mutated only there.
 */
final class RadiusJob {

  final EapSessionId session;
  final byte[] eap;
  final ActorRef<Aaa.Answer> replyTo;
  private final int[] order;
  private int tried;

  /** Servers given up on, for the Unavailable reason. */
  final List<String> failures = new ArrayList<>();

  int server = -1;
  IdentifierPool.Slot slot;
  byte[] datagram;
  int sends;

  /** The session ended (Forget, idle) and the replyTo has had its answer: drop what comes. */
  boolean abandoned;

  RadiusJob(EapSessionId session, byte[] eap, ActorRef<Aaa.Answer> replyTo, int[] order) {
    this.session = session;
    this.eap = eap;
    this.replyTo = replyTo;
    this.order = order.clone();
  }

  /** The server to try now, or -1 when every server in the order has failed. */
  int currentServer() {
    return tried < order.length ? order[tried] : -1;
  }

  /** The current server failed: move to the next. Returns whether there is one. */
  boolean failOver(String failure) {
    failures.add(failure);
    tried++;
    return tried < order.length;
  }

  void attempt(int server, IdentifierPool.Slot slot, byte[] datagram) {
    this.server = server;
    this.slot = slot;
    this.datagram = datagram;
    this.sends = 0;
  }
}

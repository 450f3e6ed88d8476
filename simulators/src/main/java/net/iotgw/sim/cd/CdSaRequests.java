package net.iotgw.sim.cd;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.Identity;
import net.iotgw.protocols.ike.engine.Limits;
import net.iotgw.protocols.ike.engine.RetransmitPolicy;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.offload.SaRequest;
import net.iotgw.protocols.offload.SaRequestCodec;
import net.iotgw.protocols.offload.SaRequestFailed;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.wire.Decoded;

/**
 * A CD's requests for SAs to UDs (the gateway initiates IKEv2 as the CD): numbered, sent one at
 * a time over the PANA session (a PaC has one request outstanding, RFC 5191 §4.2), answered by a
 * key delivery for an SA with the UD (the CD its initiator) or by a failure ({@link
 * SaRequestCodec}), else given up after {@link #PATIENCE_MILLIS}. Mutable, confined to the CD's
 * thread.
 */
final class CdSaRequests {
  /**
   * How long a CD waits for an answer: longer than the gateway can take to fail, so that its "SA
   * request failed" comes first. The gateway retransmits IKE_SA_INIT and then IKE_AUTH on
   * strongSwan's schedule (RFC 7296 §2.4; 165 s each before it gives up) and then waits for the
   * CD's acknowledgement of the keys; ten seconds more for the answer to cross PANA.
   */
  static final long PATIENCE_MILLIS = 2 * exchangeBound(Limits.DEFAULT.retransmit())
      + Limits.DEFAULT.keyDeliveryMillis() + 10_000;

  /** Every timeout of one exchange's schedule: how long before the initiator gives up. */
  static long exchangeBound(RetransmitPolicy p) {
    long total = 0;
    for (int sent = 0; sent <= p.maxRetransmissions(); sent++) {
      total += p.timeoutMillis(sent);
    }
    return total;
  }

  private static final class Request {
    final SaRequest request;
    final Ipv6Address ud;
    SaRequestStatus.Outcome outcome = SaRequestStatus.Outcome.QUEUED;
    SaRequestFailed.Reason failure;
    int ikeNotify;
    long deadline = Long.MAX_VALUE;
    long echoSent;
    long echoReplies;

    Request(SaRequest request, Ipv6Address ud) {
      this.request = request;
      this.ud = ud;
    }
  }

  private final Map<Integer, Request> byId = new LinkedHashMap<>();
  private int nextId = 1;

  /** A new request, queued; returns its number. */
  int add(Ipv6Address ud, int port, ChildSa.Mode mode, Optional<Identity> expected) {
    int id = nextId++ & 0xffff;
    SaRequest r = new SaRequest(id, mode, new InetSocketAddress(inet(ud), port), expected);
    byId.put(id, new Request(r, ud));
    return id;
  }

  /** The oldest request not yet sent. */
  Optional<SaRequest> nextQueued() {
    return byId.values().stream().filter(r -> r.outcome == SaRequestStatus.Outcome.QUEUED)
        .map(r -> r.request).findFirst();
  }

  void sent(int id, long now) {
    Request r = byId.get(id);
    r.outcome = SaRequestStatus.Outcome.REQUESTED;
    r.deadline = now + PATIENCE_MILLIS;
  }

  /** The gateway's failures among the AVPs it delivered. */
  void delivered(List<Avp> avps) {
    for (Avp a : avps) {
      if (SaRequestCodec.isFailure(a)
          && SaRequestCodec.decodeFailure(a) instanceof Decoded.Ok<SaRequestFailed> ok) {
        Request r = byId.get(ok.value().requestId());
        if (r != null && r.outcome == SaRequestStatus.Outcome.REQUESTED) {
          r.outcome = SaRequestStatus.Outcome.FAILED;
          r.failure = ok.value().reason();
          r.ikeNotify = ok.value().ikeNotify();
        }
      }
    }
  }

  /**
   * Keys of an SA with {@code ud} that the CD initiated arrived: they answer its oldest request to
   * that UD still waiting (the gateway answers one request with one SA).
   */
  void established(Ipv6Address ud) {
    for (Request r : byId.values()) {
      if (r.outcome == SaRequestStatus.Outcome.REQUESTED && r.ud.equals(ud)) {
        r.outcome = SaRequestStatus.Outcome.ESTABLISHED;
        r.deadline = Long.MAX_VALUE;
        return;
      }
    }
  }

  void timeouts(long now) {
    for (Request r : byId.values()) {
      if (r.outcome == SaRequestStatus.Outcome.REQUESTED && r.deadline <= now) {
        r.outcome = SaRequestStatus.Outcome.NO_ANSWER;
      }
    }
  }

  OptionalLong nextDeadline() {
    return byId.values().stream().filter(r -> r.outcome == SaRequestStatus.Outcome.REQUESTED)
        .mapToLong(r -> r.deadline).min();
  }

  /** Counts an echo request sent to the request's UD. */
  void echoSent(int id) {
    Request r = byId.get(id);
    if (r != null) {
      r.echoSent++;
    }
  }

  /** Counts an echo reply from {@code ud} against the newest established request to it. */
  boolean echoReply(Ipv6Address ud) {
    Request match = null;
    for (Request r : byId.values()) {
      if (r.ud.equals(ud) && r.outcome == SaRequestStatus.Outcome.ESTABLISHED) {
        match = r;
      }
    }
    if (match == null) {
      return false;
    }
    match.echoReplies++;
    return true;
  }

  Optional<Ipv6Address> ud(int id) {
    return Optional.ofNullable(byId.get(id)).map(r -> r.ud);
  }

  List<SaRequestStatus> statuses() {
    List<SaRequestStatus> out = new ArrayList<>();
    for (Request r : byId.values()) {
      out.add(new SaRequestStatus(r.request.requestId(), r.ud, r.outcome,
          Optional.ofNullable(r.failure), r.ikeNotify, r.echoSent, r.echoReplies));
    }
    return out;
  }

  private static InetAddress inet(Ipv6Address a) {
    try {
      return InetAddress.getByAddress(a.bytes());
    } catch (UnknownHostException e) {
      throw new IllegalStateException("16 octets are an IPv6 address", e);
    }
  }
}

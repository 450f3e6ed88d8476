package net.iotgw.protocols.pana.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.pana.PanaAuth;
import net.iotgw.protocols.pana.PanaAuthKey;
import net.iotgw.protocols.pana.PanaCodec;
import net.iotgw.protocols.pana.PanaEncrKey;
import net.iotgw.protocols.pana.PanaHeader;
import net.iotgw.protocols.pana.PanaMessage;
import net.iotgw.protocols.pana.PanaMessageType;

/**
 * The per-direction bookkeeping of one PANA session (RFC 5191 §5.1, §9), shared by both engines:
 * the sequence number of our next request, the one the peer's next request must carry, the
 * outstanding request with its retransmission state, and the last answer sent, which a duplicate
 * request gets again. Immutable: each method returns the new channel.
 *
 * @param key PANA_AUTH_KEY once derived, else null; every message is signed and checked with it
 * @param encrKey PANA_PAC_ENCR_KEY and PANA_PAA_ENCR_KEY (RFC 6786 §3) once derived, if an
 *     encryption algorithm was negotiated; else null
 */
public record Channel(
    long sessionId,
    long nextTxSeq,
    long nextRxSeq,
    Pending pending,
    Answered answered,
    PanaAuthKey key,
    PanaEncrKey encrKey,
    RetransmitPolicy policy) {

  /** An outstanding request: its bytes, current RT, retransmissions so far, and its §9 policy. */
  public record Pending(
      PanaHeader header, byte[] wire, long rtMillis, int count, RetransmitPolicy policy) {}

  /** The last request answered and the answer's bytes (§5.1: a duplicate gets them again). */
  public record Answered(long seq, byte[] wire) {}

  public static Channel create(long sessionId, long initialTxSeq, RetransmitPolicy policy) {
    return new Channel(sessionId, initialTxSeq, -1, null, null, null, null, policy);
  }

  Channel withSession(long id) {
    return new Channel(id, nextTxSeq, nextRxSeq, pending, answered, key, encrKey, policy);
  }

  /** The keys of a (new) MSK; the channel no longer refers to the previous ones. */
  Channel withKeys(PanaAuthKey k, PanaEncrKey e) {
    return new Channel(sessionId, nextTxSeq, nextRxSeq, pending, answered, k, e, policy);
  }

  /** Zeroes whatever keys this channel holds. */
  void destroyKeys() {
    if (key != null) {
      key.close();
    }
    if (encrKey != null) {
      encrKey.destroy();
    }
  }

  /** Encodes, signs when a key exists (or {@code sign} forces no AUTH), nothing else. */
  byte[] encode(PanaMessage m, boolean sign) {
    return sign && key != null ? PanaAuth.sign(m, key) : PanaCodec.encode(m);
  }

  /** A new request with our next sequence number, sent and armed for retransmission. */
  Sent request(
      int flags, PanaMessageType type, List<Avp> avps, long now, RandomGenerator random,
      boolean sign) {
    PanaHeader h = new PanaHeader(PanaHeader.FLAG_R | flags, type, sessionId, nextTxSeq);
    byte[] wire = encode(new PanaMessage(h, avps), sign);
    long rt = policy.first(random);
    Channel c =
        new Channel(sessionId, (nextTxSeq + 1) & 0xffffffffL, nextRxSeq,
            new Pending(h, wire, rt, 0, policy), answered, key, encrKey, policy);
    return new Sent(c, wire, List.of(
        new PanaOutput.Send(wire), new PanaOutput.Arm(PanaOutput.Timer.RETRANSMIT, now + rt)));
  }

  /** §4.1: the PCI (R flag clear, session 0, sequence 0), retransmitted until a PAR comes. */
  Sent initiation(long now, RandomGenerator random) {
    PanaHeader h = new PanaHeader(0, PanaMessageType.CLIENT_INITIATION, 0, 0);
    byte[] wire = PanaCodec.encode(new PanaMessage(h, List.of()));
    long rt = RetransmitPolicy.PCI.first(random);
    Channel c = new Channel(0, nextTxSeq, nextRxSeq,
        new Pending(h, wire, rt, 0, RetransmitPolicy.PCI), answered, key, encrKey, policy);
    return new Sent(c, wire, List.of(
        new PanaOutput.Send(wire), new PanaOutput.Arm(PanaOutput.Timer.RETRANSMIT, now + rt)));
  }

  /** An answer to {@code request}, cached for duplicates; the next request must be seq + 1. */
  Sent answer(PanaHeader request, int flags, List<Avp> avps, boolean sign) {
    PanaHeader h = new PanaHeader(flags, request.messageType(), sessionId, request.sequenceNumber());
    byte[] wire = encode(new PanaMessage(h, avps), sign);
    Channel c = new Channel(sessionId, nextTxSeq, (request.sequenceNumber() + 1) & 0xffffffffL,
        pending, new Answered(request.sequenceNumber(), wire), key, encrKey, policy);
    return new Sent(c, wire, List.of(new PanaOutput.Send(wire)));
  }

  /** The answer to the outstanding request arrived: stop retransmitting. */
  Channel settled() {
    return new Channel(sessionId, nextTxSeq, nextRxSeq, null, answered, key, encrKey, policy);
  }

  /** Whether {@code h}, an answer, matches the outstanding request (§5.1). */
  boolean answers(PanaHeader h) {
    return pending != null
        && !h.isRequest()
        && h.messageType() == pending.header().messageType()
        && h.sequenceNumber() == pending.header().sequenceNumber();
  }

  /** Whether {@code h}, a request, repeats the one last answered (§5.1). */
  boolean isDuplicate(PanaHeader h) {
    return answered != null && h.isRequest() && h.sequenceNumber() == answered.seq();
  }

  /** Whether {@code h}, a request, carries the next expected sequence number; -1 takes any. */
  boolean isNextRequest(PanaHeader h) {
    return h.isRequest() && (nextRxSeq < 0 || h.sequenceNumber() == nextRxSeq);
  }

  /** RFC 5191 §9: retransmit the outstanding request, or report that MRC is reached. */
  Sent retransmit(long now, RandomGenerator random) {
    if (pending == null) {
      return new Sent(this, null, List.of());
    }
    if (pending.policy().exhausted(pending.count())) {
      return null;
    }
    long rt = pending.policy().next(pending.rtMillis(), random);
    Channel c = new Channel(sessionId, nextTxSeq, nextRxSeq,
        new Pending(pending.header(), pending.wire(), rt, pending.count() + 1, pending.policy()),
        answered, key, encrKey, policy);
    return new Sent(c, pending.wire(), List.of(
        new PanaOutput.Send(pending.wire()),
        new PanaOutput.Arm(PanaOutput.Timer.RETRANSMIT, now + rt)));
  }

  /** Whether {@code wire} carries a valid AUTH, if a key exists; without a key, always true. */
  boolean authentic(byte[] wire) {
    return key == null || PanaAuth.verify(wire, key);
  }

  /** A channel after a send, the bytes sent and the outputs to emit. */
  record Sent(Channel channel, byte[] wire, List<PanaOutput> outputs) {
    List<PanaOutput> plus(PanaOutput... more) {
      List<PanaOutput> all = new ArrayList<>(outputs);
      all.addAll(List.of(more));
      return all;
    }
  }
}

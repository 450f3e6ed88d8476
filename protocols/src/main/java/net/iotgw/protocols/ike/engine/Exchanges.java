package net.iotgw.protocols.ike.engine;

import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.FragmentReassembler;

/**
 * The task manager's bookkeeping for one IKE SA (RFC 7296 §2.1-§2.3, window size one): the message
 * IDs of our next request and of the peer's next one, our request in flight, the response to the
 * peer's last request (sent again, unchanged, when that request is retransmitted), and one
 * fragment reassembler per direction (RFC 7383).
 *
 * @param nextRequestId the message ID our next request takes
 * @param nextPeerRequestId the message ID the peer's next request must carry
 * @param outstanding our request awaiting its response
 * @param answered the peer's last request and our response to it
 */
record Exchanges(
    long nextRequestId,
    long nextPeerRequestId,
    Optional<Outstanding> outstanding,
    Optional<Answered> answered,
    FragmentReassembler requestFragments,
    FragmentReassembler responseFragments) {

  /**
   * The peer's last request and our answer. {@code clearRequest} is the request's bytes when it
   * was not protected (IKE_SA_INIT), so that only an identical copy is answered again; protected
   * requests are recognized by authenticating them. {@code response} is empty while the response
   * is held for key delivery.
   */
  record Answered(long messageId, Optional<byte[]> clearRequest, List<Datagram> response) {
    Answered {
      response = List.copyOf(response);
    }
  }

  /** After IKE_SA_INIT, initiator side: our next request is IKE_AUTH, message ID 1. */
  static Exchanges afterInitAsInitiator(Limits limits) {
    return new Exchanges(1, 0, Optional.empty(), Optional.empty(), reassembler(limits),
        reassembler(limits));
  }

  /** A new IKE SA made by a rekey: message IDs start again at 0 both ways (RFC 7296 §2.18). */
  static Exchanges fresh(Limits limits) {
    return new Exchanges(0, 0, Optional.empty(), Optional.empty(), reassembler(limits),
        reassembler(limits));
  }

  /** After IKE_SA_INIT, responder side: IKE_SA_INIT (message ID 0) is answered. */
  static Exchanges afterInitAsResponder(Limits limits, byte[] request, Datagram response) {
    return new Exchanges(
        0,
        1,
        Optional.empty(),
        Optional.of(new Answered(0, Optional.of(request.clone()), List.of(response))),
        reassembler(limits),
        reassembler(limits));
  }

  private static FragmentReassembler reassembler(Limits limits) {
    return new FragmentReassembler(limits.maxFragments(), limits.maxReassemblyBytes());
  }

  Exchanges withOutstanding(Optional<Outstanding> o) {
    return new Exchanges(
        nextRequestId, nextPeerRequestId, o, answered, requestFragments, responseFragments);
  }

  /** Our request {@code o} went out: the next one takes the following message ID. */
  Exchanges requestSent(Outstanding o) {
    return new Exchanges(
        (o.messageId() + 1) & 0xffffffffL, nextPeerRequestId, Optional.of(o), answered,
        requestFragments, responseFragments);
  }

  /** The peer's request {@code messageId} is answered (or held, with no datagrams yet). */
  Exchanges answered(long messageId, List<Datagram> response) {
    return new Exchanges(
        nextRequestId,
        (messageId + 1) & 0xffffffffL,
        outstanding,
        Optional.of(new Answered(messageId, Optional.empty(), response)),
        requestFragments,
        responseFragments);
  }

  Exchanges withRequestFragments(FragmentReassembler r) {
    return new Exchanges(
        nextRequestId, nextPeerRequestId, outstanding, answered, r, responseFragments);
  }

  Exchanges withResponseFragments(FragmentReassembler r) {
    return new Exchanges(
        nextRequestId, nextPeerRequestId, outstanding, answered, requestFragments, r);
  }
}

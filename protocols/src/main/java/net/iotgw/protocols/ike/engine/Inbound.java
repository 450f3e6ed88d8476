package net.iotgw.protocols.ike.engine;

import java.util.Arrays;
import java.util.List;
import net.iotgw.protocols.ike.codec.EncryptedFragmentPayload;
import net.iotgw.protocols.ike.codec.EncryptedPayload;
import net.iotgw.protocols.ike.codec.FragmentReassembler;
import net.iotgw.protocols.ike.codec.IkeDecoder;
import net.iotgw.protocols.ike.codec.IkeHeader;
import net.iotgw.protocols.ike.codec.IkeMessage;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.engine.IkeOutput.DropReason;
import net.iotgw.protocols.ike.protect.ProtectedMessages;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;

/**
 * The task manager's receive path for an IKE SA past IKE_SA_INIT: every datagram is checked
 * against the SA (SPIs, I flag), the window (RFC 7296 §2.3) and the retransmission cache (§2.1),
 * then authenticated and decrypted (SK, or SKF fragments reassembled, RFC 7383 §2.6), before any
 * task sees it. What fails authentication never changes state and is dropped silently (§2.21).
 */
final class Inbound {
  private Inbound() {}

  sealed interface Result {}

  /** A new, authentic, complete request of the peer. */
  record Request(
      long messageId, int exchangeType, List<Payload> payloads, Datagram datagram,
      Exchanges exchanges) implements Result {}

  /** The authentic, complete response to our outstanding request. */
  record Response(long messageId, List<Payload> payloads, Exchanges exchanges) implements Result {}

  /** The peer's last request again: send the cached response to {@code datagram}'s source. */
  record Retransmission(Datagram datagram) implements Result {}

  /** An authentic fragment stored until the message is complete. */
  record Pending(Exchanges exchanges) implements Result {}

  record Drop(DropReason reason, String detail, Exchanges exchanges) implements Result {}

  /** Authentic (the ICV verified) but its payloads do not decode: answered INVALID_SYNTAX. */
  record Malformed(
      long messageId, int exchangeType, boolean request, DecodeError error, Datagram datagram,
      Exchanges exchanges) implements Result {}

  static Result classify(IkeSa sa, Exchanges ex, Datagram d) {
    byte[] wire = d.message();
    if (!(IkeDecoder.decodeHeader(wire) instanceof Decoded.Ok<IkeHeader> okHeader)) {
      return new Drop(DropReason.MALFORMED, "no IKE header", ex);
    }
    IkeHeader h = okHeader.value();
    // The I flag names the original initiator of the IKE SA (RFC 7296 §3.1): it must be the peer.
    boolean fromOriginalInitiator = sa.role() == Role.RESPONDER;
    if (h.spiI() != sa.spiI() || h.initiator() != fromOriginalInitiator) {
      return new Drop(DropReason.NOT_THIS_SA, "SPIi or I flag", ex);
    }
    if (!h.response() && h.messageId() == 0 && h.spiR() == 0) {
      return initRetransmission(ex, d, wire);
    }
    if (h.spiR() != sa.spiR()) {
      return new Drop(DropReason.NOT_THIS_SA, "SPIr " + Long.toHexString(h.spiR()), ex);
    }
    return h.response() ? response(sa, ex, d, h) : request(sa, ex, d, h);
  }

  /** An IKE_SA_INIT request again: answered again only if it is the very same message. */
  private static Result initRetransmission(Exchanges ex, Datagram d, byte[] wire) {
    boolean same =
        ex.answered().isPresent()
            && ex.answered().get().messageId() == 0
            && ex.answered().get().clearRequest().map(r -> Arrays.equals(r, wire)).orElse(false);
    return same
        ? new Retransmission(d)
        : new Drop(DropReason.WRONG_MESSAGE_ID, "IKE_SA_INIT request after IKE_SA_INIT", ex);
  }

  private static Result request(IkeSa sa, Exchanges ex, Datagram d, IkeHeader h) {
    long id = h.messageId();
    if (ex.answered().isPresent() && ex.answered().get().messageId() == id) {
      return retransmission(sa, ex, d, id);
    }
    if (id != ex.nextPeerRequestId()) {
      return new Drop(DropReason.WRONG_MESSAGE_ID, "request " + id, ex);
    }
    return open(sa, ex, d, h, true);
  }

  private static Result response(IkeSa sa, Exchanges ex, Datagram d, IkeHeader h) {
    if (ex.outstanding().isEmpty() || ex.outstanding().get().messageId() != h.messageId()) {
      return new Drop(DropReason.WRONG_MESSAGE_ID, "response " + h.messageId(), ex);
    }
    if (h.exchangeType() != ex.outstanding().get().exchange().id()) {
      return new Drop(DropReason.MALFORMED, "response of exchange " + h.exchangeType(), ex);
    }
    return open(sa, ex, d, h, false);
  }

  /**
   * The answered request again. RFC 7383 §2.6.1: of a fragmented one only fragment 1 triggers the
   * response again, the others are ignored; whole or fragment 1, it must authenticate, the cheap
   * proof that it is not forged.
   */
  private static Result retransmission(IkeSa sa, Exchanges ex, Datagram d, long id) {
    byte[] wire = d.message();
    if (IkeDecoder.decode(wire) instanceof Decoded.Ok<IkeMessage> ok) {
      Payload last = last(ok.value());
      if (last instanceof EncryptedFragmentPayload skf && skf.fragmentNumber() != 1) {
        return new Drop(DropReason.FRAGMENT, "retransmitted fragment " + skf.fragmentNumber(), ex);
      }
      boolean protectedMessage =
          last instanceof EncryptedPayload || last instanceof EncryptedFragmentPayload;
      boolean authentic =
          last instanceof EncryptedPayload sk
              ? ProtectedMessages.openPayload(wire, sk, sa.receiveCipher()).isOk()
              : last instanceof EncryptedFragmentPayload skf
                  && ProtectedMessages.openFragment(wire, skf, sa.receiveCipher()).isOk();
      if (protectedMessage) {
        CryptoCounts.opened(sa.config(), sa.suite().protection(), authentic);
      }
      if (authentic) {
        return new Retransmission(d);
      }
    }
    return new Drop(DropReason.INTEGRITY, "retransmission of request " + id + " not authentic", ex);
  }

  private static Result open(IkeSa sa, Exchanges ex, Datagram d, IkeHeader h, boolean request) {
    byte[] wire = d.message();
    Decoded<IkeMessage> decoded = IkeDecoder.decode(wire);
    if (decoded instanceof Decoded.Failed<IkeMessage> f) {
      return new Drop(DropReason.MALFORMED, f.error().toString(), ex);
    }
    Payload last = last(decoded.orThrow());
    if (last instanceof EncryptedPayload sk) {
      Decoded<byte[]> plain = ProtectedMessages.openPayload(wire, sk, sa.receiveCipher());
      CryptoCounts.opened(sa.config(), sa.suite().protection(), plain.isOk());
      if (!(plain instanceof Decoded.Ok<byte[]> ok)) {
        return notAuthentic(plain, ex);
      }
      return complete(h, request, sk.firstPayloadType(), ok.value(), d, ex);
    }
    if (last instanceof EncryptedFragmentPayload skf) {
      Decoded<byte[]> plain = ProtectedMessages.openFragment(wire, skf, sa.receiveCipher());
      CryptoCounts.opened(sa.config(), sa.suite().protection(), plain.isOk());
      if (!(plain instanceof Decoded.Ok<byte[]> ok)) {
        return notAuthentic(plain, ex);
      }
      FragmentReassembler r = request ? ex.requestFragments() : ex.responseFragments();
      FragmentReassembler.Step step =
          r.accept(h.messageId(), skf.fragmentNumber(), skf.totalFragments(),
              skf.firstPayloadType(), ok.value());
      Exchanges next =
          request ? ex.withRequestFragments(step.reassembler())
              : ex.withResponseFragments(step.reassembler());
      if (step.outcome() instanceof FragmentReassembler.Complete c) {
        return complete(h, request, c.firstPayloadType(), c.plaintext(), d, next);
      }
      if (step.outcome() instanceof FragmentReassembler.Dropped dropped) {
        return new Drop(DropReason.FRAGMENT, dropped.reason().toString(), next);
      }
      return new Pending(next);
    }
    return new Drop(DropReason.MALFORMED, "no SK or SKF payload", ex);
  }

  private static Result complete(
      IkeHeader h, boolean request, int firstType, byte[] plaintext, Datagram d, Exchanges ex) {
    Decoded<List<Payload>> payloads = IkeDecoder.decodePayloads(firstType, plaintext);
    Arrays.fill(plaintext, (byte) 0);
    if (payloads instanceof Decoded.Failed<List<Payload>> f) {
      return new Malformed(h.messageId(), h.exchangeType(), request, f.error(), d, ex);
    }
    return request
        ? new Request(h.messageId(), h.exchangeType(), payloads.orThrow(), d, ex)
        : new Response(h.messageId(), payloads.orThrow(), ex);
  }

  /**
   * A body too short, an ICV that does not verify, or (after it verified) a pad length beyond the
   * plaintext, which only a broken peer sends: all dropped without an answer.
   */
  private static Result notAuthentic(Decoded<byte[]> failed, Exchanges ex) {
    DecodeError e = ((Decoded.Failed<byte[]>) failed).error();
    return new Drop(DropReason.INTEGRITY, e.toString(), ex);
  }

  private static Payload last(IkeMessage m) {
    List<Payload> p = m.payloads();
    return p.isEmpty() ? null : p.get(p.size() - 1);
  }
}

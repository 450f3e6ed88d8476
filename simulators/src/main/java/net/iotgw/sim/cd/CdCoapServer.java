package net.iotgw.sim.cd;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import net.iotgw.protocols.ipv6.Ipv6Address;
import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAPMessageFormatException;
import org.eclipse.californium.core.coap.EmptyMessage;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Option;
import org.eclipse.californium.core.coap.OptionNumberRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;

/**
 * The CoAP server of one simulated CD (RFC 7252), on Californium's message codec only: no
 * endpoint, no threads. It serves {@link CdResource}s to GET; other methods get 4.05, other paths
 * 4.04 (§5.9.2), critical options it does not understand 4.02 (§5.4.1). A CON request gets a
 * piggybacked response (§5.2.1), a NON one a NON response with the server's next Message ID
 * (§5.2.3), a retransmitted CON the reply it had before (§4.5). A Block2 option in a request
 * gets the block it names at the size it asks (RFC 7959 §2.4), for clients that negotiate a small
 * block size early.
 */
final class CdCoapServer {
  static final int PORT = CoAP.DEFAULT_COAP_PORT;

  // Both are stateless, so one of each serves every CD.
  private static final UdpDataParser PARSER = new UdpDataParser();
  private static final UdpDataSerializer SERIALIZER = new UdpDataSerializer();

  private static final Set<Integer> UNDERSTOOD_CRITICAL = Set.of(
      OptionNumberRegistry.URI_HOST,
      OptionNumberRegistry.URI_PORT,
      OptionNumberRegistry.URI_PATH,
      OptionNumberRegistry.URI_QUERY,
      OptionNumberRegistry.ACCEPT,
      OptionNumberRegistry.BLOCK2);

  private final long eui64;
  private int nextMessageId;
  /** Allocated with the first CON: most of a population may never see one. */
  private CoapDuplicates duplicates;

  CdCoapServer(long eui64) {
    this.eui64 = eui64;
    // RFC 7252 §4.4 wants an unpredictable start; distinct per device is what a simulation needs.
    this.nextMessageId = (int) (eui64 ^ (eui64 >>> 16)) & 0xffff;
  }

  CoapOutcome handle(byte[] datagram, Ipv6Address peer, int peerPort, long nowMillis) {
    Message m;
    try {
      m = PARSER.parseMessage(datagram);
    } catch (CoAPMessageFormatException e) {
      return rejected(e);
    } catch (RuntimeException e) {
      // MessageFormatException, or anything else the parser throws at hostile bytes: a CD drops
      // what it cannot parse when it cannot even tell whether it was confirmable.
      return new CoapOutcome.Ignored(DropReason.MALFORMED_COAP);
    }
    if (m instanceof Request request) {
      return request(request, peer, peerPort, nowMillis);
    }
    if (m.getType() == Type.CON) {
      // An empty CON is a CoAP ping (§4.3); a CON response to no request is rejected (§4.2).
      return new CoapOutcome.Reset(reset(m.getMID()));
    }
    return new CoapOutcome.Ignored(DropReason.UNEXPECTED_COAP);
  }

  private CoapOutcome request(Request request, Ipv6Address peer, int peerPort, long nowMillis) {
    Type type = request.getType();
    if (type == Type.ACK || type == Type.RST) {
      return new CoapOutcome.Ignored(DropReason.MALFORMED_COAP);
    }
    boolean confirmable = type == Type.CON;
    if (confirmable && duplicates != null) {
      Optional<byte[]> before = duplicates.replyTo(peer, peerPort, request.getMID(), nowMillis);
      if (before.isPresent()) {
        return new CoapOutcome.Repeated(before.get());
      }
    }
    Optional<ResponseCode> refusal = refusedOption(request);
    if (refusal.isPresent() && !confirmable) {
      // §5.4.1: a NON with an unrecognized critical option is rejected, silently here.
      return new CoapOutcome.Ignored(DropReason.MALFORMED_COAP);
    }
    Response response = refusal.isPresent() ? new Response(refusal.get())
        : respond(request, nowMillis);
    response.setToken(request.getToken());
    if (confirmable) {
      response.setType(Type.ACK);
      response.setMID(request.getMID());
    } else {
      response.setType(Type.NON);
      response.setMID(nextMessageId());
    }
    byte[] bytes = SERIALIZER.getByteArray(response);
    if (confirmable) {
      if (duplicates == null) {
        duplicates = new CoapDuplicates();
      }
      duplicates.remember(peer, peerPort, request.getMID(), nowMillis, bytes);
    }
    return new CoapOutcome.Answered(bytes, response.getCode());
  }

  /**
   * 4.02 for a critical option this server does not act on (RFC 7252 §5.4.1: If-Match,
   * If-None-Match, Block1, OSCORE, unknown ones), 5.05 for a proxy request (§5.7.2).
   * Uri-Query is accepted and ignored: these resources have no parameters.
   */
  private static Optional<ResponseCode> refusedOption(Request request) {
    for (Option o : request.getOptions().asSortedList()) {
      int n = o.getNumber();
      if (n == OptionNumberRegistry.PROXY_URI || n == OptionNumberRegistry.PROXY_SCHEME) {
        return Optional.of(ResponseCode.PROXY_NOT_SUPPORTED);
      }
      if (OptionNumberRegistry.isCritical(n) && !UNDERSTOOD_CRITICAL.contains(n)) {
        return Optional.of(ResponseCode.BAD_OPTION);
      }
    }
    return Optional.empty();
  }

  private Response respond(Request request, long nowMillis) {
    Optional<CdResource> resource = CdResource.at(request.getOptions().getUriPathString());
    if (resource.isEmpty()) {
      return new Response(ResponseCode.NOT_FOUND);
    }
    if (request.getCode() != CoAP.Code.GET) {
      return new Response(ResponseCode.METHOD_NOT_ALLOWED);
    }
    CdResource r = resource.get();
    if (request.getOptions().hasAccept() && request.getOptions().getAccept() != r.contentFormat()) {
      return new Response(ResponseCode.NOT_ACCEPTABLE); // §5.10.4
    }
    byte[] body = r.body(eui64, nowMillis);
    Response response = new Response(ResponseCode.CONTENT);
    response.getOptions().setContentFormat(r.contentFormat());
    if (request.getOptions().hasBlock2()) {
      // RFC 7959 §2.4: the block the client asks for, at the size it asks or smaller.
      BlockOption block = request.getOptions().getBlock2();
      int offset = block.getOffset();
      if (block.isBERT() || (offset >= body.length && offset > 0)) {
        return new Response(ResponseCode.BAD_OPTION);
      }
      int end = Math.min(body.length, offset + block.getSize());
      response.getOptions().setBlock2(block.getSzx(), end < body.length, block.getNum());
      body = Arrays.copyOfRange(body, offset, end);
    }
    response.setPayload(body);
    return response;
  }

  /**
   * A message the parser refused after reading its header. A CON request gets the error the
   * parser names (4.02 Bad Option for an unrecognized critical option, §5.4.1), or 4.05 for an
   * unknown method (§5.8); another CON gets a Reset (§4.2); anything else is dropped.
   */
  private CoapOutcome rejected(CoAPMessageFormatException e) {
    if (!e.isConfirmable() || !e.hasMid()) {
      return new CoapOutcome.Ignored(DropReason.MALFORMED_COAP);
    }
    Token token = e.getToken();
    if (CoAP.isRequest(e.getCode()) && token != null) {
      ResponseCode code = isKnownMethod(e.getCode()) ? e.getErrorCode()
          : ResponseCode.METHOD_NOT_ALLOWED;
      if (code != null) {
        Response response = new Response(code);
        response.setType(Type.ACK);
        response.setMID(e.getMid());
        response.setToken(token);
        return new CoapOutcome.Answered(SERIALIZER.getByteArray(response), code);
      }
    }
    return new CoapOutcome.Reset(reset(e.getMid()));
  }

  private static boolean isKnownMethod(int code) {
    for (CoAP.Code c : CoAP.Code.values()) {
      if (c.value == code) {
        return true;
      }
    }
    return false;
  }

  private static byte[] reset(int messageId) {
    EmptyMessage rst = new EmptyMessage(Type.RST);
    rst.setMID(messageId);
    rst.setToken(Token.EMPTY);
    return SERIALIZER.getByteArray(rst);
  }

  private int nextMessageId() {
    int id = nextMessageId;
    nextMessageId = (nextMessageId + 1) & 0xffff;
    return id;
  }
}

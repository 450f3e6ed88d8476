package net.iotgw.sim.ud;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;

/**
 * The client side of RFC 7252 towards one server, on Californium's message codec only (no
 * endpoint, no threads, no clock): confirmable GETs one at a time (NSTART = 1, §4.7), each
 * retransmitted with exponential back-off until acknowledged or {@code MAX_RETRANSMIT} is spent
 * (§4.2), and an answer taken only if it carries the request's Message ID and token (§4.4, §5.3.2).
 * The caller feeds it datagrams and the time, and sends what it returns.
 */
public final class CoapGetClient {
  /** The CoAP port (RFC 7252 §6.1). */
  public static final int PORT = 5683;

  private static final UdpDataParser PARSER = new UdpDataParser();
  private static final UdpDataSerializer SERIALIZER = new UdpDataSerializer();
  private static final int TOKEN_LENGTH = 4;

  /**
   * RFC 7252 §4.8 transmission parameters.
   *
   * @param ackTimeoutMillis ACK_TIMEOUT: the first wait is drawn from it to ACK_TIMEOUT *
   *     ACK_RANDOM_FACTOR (1.5), then doubles
   * @param maxRetransmit MAX_RETRANSMIT
   */
  public record Transmission(long ackTimeoutMillis, int maxRetransmit) {
    /** The RFC's defaults: 2 s, 4 retransmissions. */
    public static final Transmission DEFAULT = new Transmission(2_000, 4);

    public Transmission {
      if (ackTimeoutMillis <= 0 || maxRetransmit < 0) {
        throw new IllegalArgumentException("ACK_TIMEOUT must be positive, MAX_RETRANSMIT >= 0");
      }
    }
  }

  /** What became of a GET, or what to send for it. */
  public sealed interface Outcome {
    /** Send these CoAP octets again: no acknowledgement came in time (§4.2). */
    record Retransmit(byte[] message) implements Outcome {}

    /** The server answered; {@code code} may be an error. Latency from the first transmission. */
    record Answered(ResponseCode code, byte[] payload, long latencyNanos) implements Outcome {
      public boolean isContent() {
        return code == ResponseCode.CONTENT;
      }
    }

    /** The server reset the request (§4.2) or never acknowledged it (§4.2, MAX_RETRANSMIT). */
    record Failed(String why, long latencyNanos) implements Outcome {}
  }

  private record Outstanding(int messageId, byte[] token, byte[] message, long firstSentNanos,
      int retransmissions, long timeoutNanos, long dueNanos) {}

  private final String path;
  private final Transmission transmission;
  private final RandomGenerator random;
  private int nextMessageId;
  private int nextToken;
  private Outstanding outstanding;

  /** @param path the Uri-Path to GET, segments joined by '/' without a leading one */
  public CoapGetClient(String path, Transmission transmission, RandomGenerator random) {
    this.path = path;
    this.transmission = transmission;
    this.random = random;
    // §4.4: Message IDs should start unpredictably; tokens too (§5.3.1), which also keeps two
    // clients' answers from matching each other's requests.
    this.nextMessageId = random.nextInt(0x10000);
    this.nextToken = random.nextInt();
  }

  /** Whether a GET awaits its answer: NSTART = 1, no second one until it ends. */
  public boolean busy() {
    return outstanding != null;
  }

  /** The CoAP octets of a new confirmable GET. */
  public byte[] get(long nowNanos) {
    if (outstanding != null) {
      throw new IllegalStateException("NSTART = 1: a GET is outstanding (RFC 7252 §4.7)");
    }
    Request request = Request.newGet();
    request.setType(Type.CON);
    request.getOptions().setUriPath(path);
    int messageId = nextMessageId;
    nextMessageId = (nextMessageId + 1) & 0xffff;
    byte[] token = new byte[TOKEN_LENGTH];
    int t = nextToken++;
    for (int i = 0; i < TOKEN_LENGTH; i++) {
      token[i] = (byte) (t >>> (24 - 8 * i));
    }
    request.setMID(messageId);
    request.setToken(token);
    byte[] message = SERIALIZER.getByteArray(request);
    long ackTimeout = transmission.ackTimeoutMillis() * 1_000_000L;
    long timeout = ackTimeout + (long) (random.nextDouble() * ackTimeout / 2);
    outstanding = new Outstanding(messageId, token, message, nowNanos, 0, timeout,
        nowNanos + timeout);
    return message;
  }

  /**
   * A datagram from the server. An acknowledgement of another Message ID, or one whose token
   * differs, is not the answer (§5.3.2) and is ignored; so is anything that does not parse.
   */
  public Optional<Outcome> receive(byte[] datagram, long nowNanos) {
    if (outstanding == null) {
      return Optional.empty();
    }
    Message m;
    try {
      m = PARSER.parseMessage(datagram);
    } catch (RuntimeException e) {
      return Optional.empty(); // CoAPMessageFormatException among them
    }
    Outstanding o = outstanding;
    long latency = nowNanos - o.firstSentNanos();
    if (m.getType() == Type.RST && m.getMID() == o.messageId()) {
      outstanding = null;
      return Optional.of(new Outcome.Failed("reset by the server", latency));
    }
    if (!(m instanceof Response response) || !Arrays.equals(response.getTokenBytes(), o.token())) {
      return Optional.empty();
    }
    if (response.getType() == Type.ACK && response.getMID() != o.messageId()) {
      return Optional.empty();
    }
    outstanding = null;
    byte[] payload = response.getPayload() == null ? new byte[0] : response.getPayload();
    return Optional.of(new Outcome.Answered(response.getCode(), payload, latency));
  }

  /** When {@link #tick} has work: the outstanding GET's retransmission timeout. */
  public OptionalLong nextTimerAtNanos() {
    return outstanding == null ? OptionalLong.empty() : OptionalLong.of(outstanding.dueNanos());
  }

  /** Retransmits the outstanding GET if its timeout passed, or gives it up after the last. */
  public Optional<Outcome> tick(long nowNanos) {
    Outstanding o = outstanding;
    if (o == null || nowNanos < o.dueNanos()) {
      return Optional.empty();
    }
    if (o.retransmissions() >= transmission.maxRetransmit()) {
      outstanding = null;
      return Optional.of(new Outcome.Failed("no acknowledgement after "
          + o.retransmissions() + " retransmissions", nowNanos - o.firstSentNanos()));
    }
    long timeout = o.timeoutNanos() * 2;
    outstanding = new Outstanding(o.messageId(), o.token(), o.message(), o.firstSentNanos(),
        o.retransmissions() + 1, timeout, nowNanos + timeout);
    return Optional.of(new Outcome.Retransmit(o.message().clone()));
  }
}

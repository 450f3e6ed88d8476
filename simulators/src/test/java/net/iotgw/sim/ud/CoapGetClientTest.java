package net.iotgw.sim.ud;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.SplittableRandom;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.EmptyMessage;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.junit.jupiter.api.Test;

class CoapGetClientTest {
  private static final long MS = 1_000_000;

  private final CoapGetClient client = new CoapGetClient("sensors/temperature",
      CoapGetClient.Transmission.DEFAULT, new SplittableRandom(42));

  private static int messageId(byte[] m) {
    return (m[2] & 0xff) << 8 | (m[3] & 0xff);
  }

  private static byte[] token(byte[] m) {
    return Arrays.copyOfRange(m, 4, 8);
  }

  private static byte[] ack(int messageId, byte[] token, ResponseCode code, String body) {
    Response r = new Response(code);
    r.setType(Type.ACK);
    r.setMID(messageId);
    r.setToken(token);
    r.setPayload(body);
    return new UdpDataSerializer().getByteArray(r);
  }

  @Test
  void getIsAConfirmableRequestWithTokenAndUriPathRfc7252Section3() {
    byte[] m = client.get(0);

    // Ver 1, CON, TKL 4; 0.01 GET; Message ID; token; Uri-Path (11) "sensors", "temperature".
    byte[] expected = HexFormat.of().parseHex("4401" + String.format("%04x", messageId(m))
        + HexFormat.of().formatHex(token(m)) + "b773656e736f7273" + "0b74656d7065726174757265");
    assertArrayEquals(expected, m);
  }

  @Test
  void answerWithTheRequestsMessageIdAndTokenEndsTheGetWithItsLatency() {
    byte[] m = client.get(10 * MS);

    Optional<CoapGetClient.Outcome> o = client.receive(
        ack(messageId(m), token(m), ResponseCode.CONTENT, "21.5"), 35 * MS);

    CoapGetClient.Outcome.Answered a =
        assertInstanceOf(CoapGetClient.Outcome.Answered.class, o.orElseThrow());
    assertTrue(a.isContent());
    assertEquals("21.5", new String(a.payload(), StandardCharsets.UTF_8));
    assertEquals(25 * MS, a.latencyNanos());
    assertFalse(client.busy());
  }

  @Test
  void acknowledgementWithAnotherTokenIsNotTheAnswerRfc7252Section5_3_2() {
    byte[] m = client.get(0);
    byte[] otherToken = token(m).clone();
    otherToken[3] ^= 1;

    assertTrue(client.receive(ack(messageId(m), otherToken, ResponseCode.CONTENT, "x"), MS)
        .isEmpty());
    assertTrue(client.receive(ack(messageId(m) ^ 1, token(m), ResponseCode.CONTENT, "x"), MS)
        .isEmpty());
    assertTrue(client.receive(new byte[] {0x40}, MS).isEmpty(), "unparseable octets");
    assertTrue(client.busy());
  }

  @Test
  void resetOfTheRequestFailsItRfc7252Section4_2() {
    byte[] m = client.get(0);
    EmptyMessage rst = new EmptyMessage(Type.RST);
    rst.setMID(messageId(m));
    rst.setToken(Token.EMPTY);

    Optional<CoapGetClient.Outcome> o =
        client.receive(new UdpDataSerializer().getByteArray(rst), MS);

    assertInstanceOf(CoapGetClient.Outcome.Failed.class, o.orElseThrow());
  }

  @Test
  void unacknowledgedGetIsRetransmittedWithDoublingTimeoutsThenFailsRfc7252Section4_2() {
    byte[] m = client.get(0);
    long first = client.nextTimerAtNanos().getAsLong();
    // ACK_TIMEOUT 2 s times a random factor in [1, 1.5].
    assertTrue(first >= 2_000 * MS && first <= 3_000 * MS, () -> "first timeout " + first);
    assertTrue(client.tick(first - 1).isEmpty(), "not yet due");

    long now = first;
    long timeout = first;
    for (int i = 1; i <= 4; i++) {
      CoapGetClient.Outcome.Retransmit r = assertInstanceOf(
          CoapGetClient.Outcome.Retransmit.class, client.tick(now).orElseThrow());
      assertArrayEquals(m, r.message(), "the same Message ID and token each time");
      timeout *= 2;
      assertEquals(now + timeout, client.nextTimerAtNanos().getAsLong());
      now += timeout;
    }
    assertInstanceOf(CoapGetClient.Outcome.Failed.class, client.tick(now).orElseThrow(),
        "MAX_RETRANSMIT 4 spent");
    assertFalse(client.busy());
    assertTrue(client.nextTimerAtNanos().isEmpty());
  }

  @Test
  void secondGetWhileOneIsOutstandingIsRefusedNstartRfc7252Section4_7() {
    client.get(0);
    assertThrows(IllegalStateException.class, () -> client.get(1));
  }

  @Test
  void successiveGetsUseNewMessageIdsAndTokensRfc7252Section4_4() {
    byte[] first = client.get(0);
    client.receive(ack(messageId(first), token(first), ResponseCode.CONTENT, "1"), MS);
    byte[] second = client.get(2 * MS);

    assertEquals((messageId(first) + 1) & 0xffff, messageId(second));
    assertFalse(Arrays.equals(token(first), token(second)));
  }
}

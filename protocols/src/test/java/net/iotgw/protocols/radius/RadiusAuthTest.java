package net.iotgw.protocols.radius;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.util.test.FixedSecureRandom;
import org.junit.jupiter.api.Test;

class RadiusAuthTest {

  static final byte[] SECRET = "radiussecret".getBytes(StandardCharsets.US_ASCII);
  static final byte[] REQ_AUTH = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

  static RadiusPacket request() {
    List<RadiusAttribute> attrs = new ArrayList<>();
    attrs.add(Attributes.userName("cd1@iot.example"));
    attrs.add(Attributes.nasIdentifier("gw"));
    attrs.add(Attributes.framedMtu(127));
    attrs.addAll(EapMessages.split(HexFormat.of().parseHex("0201000a016364312d31")));
    return new RadiusPacket(RadiusCode.ACCESS_REQUEST, 42, REQ_AUTH, attrs);
  }

  static RadiusPacket challenge() {
    List<RadiusAttribute> attrs = new ArrayList<>(EapMessages.split(new byte[300]));
    attrs.add(Attributes.state(new byte[] {1, 2, 3}));
    return new RadiusPacket(RadiusCode.ACCESS_CHALLENGE, 42, new byte[16], attrs);
  }

  @Test
  void rfc3579_3_2_signedRequestEndsWithTheHmacOverTheZeroedPacket() {
    byte[] wire = RadiusAuth.signRequest(request(), SECRET);
    int ma = wire.length - 16;
    assertEquals(AttributeType.MESSAGE_AUTHENTICATOR, wire[ma - 2]);
    assertEquals(18, wire[ma - 1]);
    byte[] zeroed = wire.clone();
    java.util.Arrays.fill(zeroed, ma, wire.length, (byte) 0);
    assertArrayEquals(
        RadiusAuth.hmacMd5(SECRET, zeroed), java.util.Arrays.copyOfRange(wire, ma, wire.length));
    assertArrayEquals(REQ_AUTH, java.util.Arrays.copyOfRange(wire, 4, 20));
    assertInstanceOf(RadiusAuth.Verified.Accepted.class, RadiusAuth.verifyRequest(wire, SECRET));
  }

  @Test
  void signingReplacesAnExistingMessageAuthenticatorRatherThanAddingASecond() {
    RadiusPacket withMa =
        request()
            .withAttribute(
                new RadiusAttribute(AttributeType.MESSAGE_AUTHENTICATOR, new byte[16]));
    byte[] wire = RadiusAuth.signRequest(withMa, SECRET);
    assertEquals(
        1, RadiusPacket.decode(wire).orThrow().all(AttributeType.MESSAGE_AUTHENTICATOR).size());
  }

  @Test
  void rfc2865_3_signedResponseVerifiesWithBothAuthenticators() {
    byte[] wire = RadiusAuth.signResponse(challenge(), REQ_AUTH, SECRET);
    assertArrayEquals(
        RadiusAuth.responseAuthenticator(wire, REQ_AUTH, SECRET),
        java.util.Arrays.copyOfRange(wire, 4, 20));
    RadiusAuth.Verified v = RadiusAuth.verifyResponse(wire, REQ_AUTH, SECRET);
    RadiusPacket p = assertInstanceOf(RadiusAuth.Verified.Accepted.class, v).packet();
    assertArrayEquals(new byte[300], EapMessages.join(p).orThrow().orElseThrow());
  }

  @Test
  void flippingAnyBitOfASignedResponseGetsItRefused() {
    byte[] wire = RadiusAuth.signResponse(challenge(), REQ_AUTH, SECRET);
    for (int i = 0; i < wire.length * 8; i++) {
      byte[] t = wire.clone();
      t[i / 8] ^= (byte) (1 << (i % 8));
      assertInstanceOf(
          RadiusAuth.Verified.Refused.class,
          RadiusAuth.verifyResponse(t, REQ_AUTH, SECRET),
          "bit " + i);
    }
  }

  @Test
  void flippingAnyBitOfASignedRequestGetsItRefused() {
    byte[] wire = RadiusAuth.signRequest(request(), SECRET);
    for (int i = 0; i < wire.length * 8; i++) {
      byte[] t = wire.clone();
      t[i / 8] ^= (byte) (1 << (i % 8));
      assertInstanceOf(
          RadiusAuth.Verified.Refused.class, RadiusAuth.verifyRequest(t, SECRET), "bit " + i);
    }
  }

  @Test
  void responseWithoutMessageAuthenticatorIsRefusedEvenWithAGoodResponseAuthenticator() {
    byte[] wire = challenge().encode();
    System.arraycopy(RadiusAuth.responseAuthenticator(wire, REQ_AUTH, SECRET), 0, wire, 4, 16);
    assertEquals(
        RadiusAuth.Refusal.MISSING_MESSAGE_AUTHENTICATOR, refusal(wire, REQ_AUTH, SECRET));
  }

  @Test
  void badMessageAuthenticatorUnderAGoodResponseAuthenticatorIsRefused() {
    byte[] wire = RadiusAuth.signResponse(challenge(), REQ_AUTH, SECRET);
    int ma = indexOfMessageAuthenticatorValue(wire);
    wire[ma] ^= 1;
    System.arraycopy(RadiusAuth.responseAuthenticator(wire, REQ_AUTH, SECRET), 0, wire, 4, 16);
    assertEquals(RadiusAuth.Refusal.BAD_MESSAGE_AUTHENTICATOR, refusal(wire, REQ_AUTH, SECRET));
  }

  @Test
  void twoMessageAuthenticatorsAreRefused() {
    byte[] signed = RadiusAuth.signResponse(challenge(), REQ_AUTH, SECRET);
    RadiusPacket p = RadiusPacket.decode(signed).orThrow();
    byte[] wire =
        p.withAttribute(p.first(AttributeType.MESSAGE_AUTHENTICATOR).orElseThrow()).encode();
    System.arraycopy(RadiusAuth.responseAuthenticator(wire, REQ_AUTH, SECRET), 0, wire, 4, 16);
    assertEquals(
        RadiusAuth.Refusal.DUPLICATE_MESSAGE_AUTHENTICATOR, refusal(wire, REQ_AUTH, SECRET));
  }

  @Test
  void wrongSecretOrWrongRequestIsABadResponseAuthenticator() {
    byte[] wire = RadiusAuth.signResponse(challenge(), REQ_AUTH, SECRET);
    assertEquals(
        RadiusAuth.Refusal.BAD_RESPONSE_AUTHENTICATOR,
        refusal(wire, REQ_AUTH, "radiussecreT".getBytes(StandardCharsets.US_ASCII)));
    byte[] other = REQ_AUTH.clone();
    other[15] ^= 1;
    assertEquals(RadiusAuth.Refusal.BAD_RESPONSE_AUTHENTICATOR, refusal(wire, other, SECRET));
  }

  @Test
  void aRequestOfferedAsAResponseAndViceVersaIsRefused() {
    byte[] req = RadiusAuth.signRequest(request(), SECRET);
    assertEquals(RadiusAuth.Refusal.NOT_A_RESPONSE, refusal(req, REQ_AUTH, SECRET));
    byte[] resp = RadiusAuth.signResponse(challenge(), REQ_AUTH, SECRET);
    RadiusAuth.Verified v = RadiusAuth.verifyRequest(resp, SECRET);
    assertEquals(
        RadiusAuth.Refusal.NOT_A_REQUEST,
        assertInstanceOf(RadiusAuth.Verified.Refused.class, v).reason());
  }

  @Test
  void requestAuthenticatorIsTheNext16BytesOfTheGivenRandomSource() {
    byte[] seed = HexFormat.of().parseHex("0f403f94739780 57bd83d5cb98f4227a".replace(" ", ""));
    SecureRandom random = new FixedSecureRandom(seed);
    assertArrayEquals(seed, RadiusAuth.newRequestAuthenticator(random));
  }

  private static int indexOfMessageAuthenticatorValue(byte[] wire) {
    int pos = RadiusPacket.HEADER;
    while (pos < wire.length) {
      if ((wire[pos] & 0xff) == AttributeType.MESSAGE_AUTHENTICATOR) {
        return pos + 2;
      }
      pos += wire[pos + 1] & 0xff;
    }
    throw new AssertionError("no Message-Authenticator");
  }

  private static RadiusAuth.Refusal refusal(byte[] wire, byte[] reqAuth, byte[] secret) {
    RadiusAuth.Verified v = RadiusAuth.verifyResponse(wire, reqAuth, secret);
    return assertInstanceOf(RadiusAuth.Verified.Refused.class, v).reason();
  }
}

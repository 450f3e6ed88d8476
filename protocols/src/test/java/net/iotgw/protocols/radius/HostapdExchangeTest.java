package net.iotgw.protocols.radius;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.wire.Decoded;
import org.junit.jupiter.api.Test;

/**
 * A real exchange: eapol_test relaying EAP-PSK to hostapd 2.10's RADIUS server (provenance in
 * the fixture's header). Proves we read hostapd's packets, verify both authenticators with the
 * shared secret, and unwrap the MS-MPPE keys to the MSK the peer derived.
 */
class HostapdExchangeTest {

  record Fixture(byte[] secret, byte[] msk, List<byte[]> requests, List<byte[]> responses) {}

  static Fixture load() throws IOException {
    byte[] secret = null;
    byte[] msk = null;
    List<byte[]> requests = new ArrayList<>();
    List<byte[]> responses = new ArrayList<>();
    try (InputStream in =
        HostapdExchangeTest.class.getResourceAsStream("/radius/hostapd-eap-psk-exchange.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
        if (line.startsWith("# secret: ")) {
          secret = line.substring(10).trim().getBytes(StandardCharsets.US_ASCII);
        } else if (line.startsWith("msk ")) {
          msk = HexFormat.of().parseHex(line.substring(4).trim());
        } else if (line.startsWith("request ")) {
          requests.add(HexFormat.of().parseHex(line.substring(8).trim()));
        } else if (line.startsWith("response ")) {
          responses.add(HexFormat.of().parseHex(line.substring(9).trim()));
        }
      }
    }
    return new Fixture(secret, msk, requests, responses);
  }

  @Test
  void everyRequestOfEapolTestCarriesAValidMessageAuthenticator() throws IOException {
    Fixture f = load();
    assertEquals(3, f.requests().size());
    for (byte[] wire : f.requests()) {
      RadiusAuth.Verified v = RadiusAuth.verifyRequest(wire, f.secret());
      RadiusPacket p = assertInstanceOf(RadiusAuth.Verified.Accepted.class, v).packet();
      assertEquals(RadiusCode.ACCESS_REQUEST, p.code());
      assertEquals("cd1@iot.example", Attributes.text(p, AttributeType.USER_NAME).orElseThrow());
      assertArrayEquals(wire, p.encode());
    }
  }

  @Test
  void everyAnswerOfHostapdVerifiesAgainstItsRequestAndCarriesEap() throws IOException {
    Fixture f = load();
    assertEquals(f.requests().size(), f.responses().size());
    List<RadiusCode> codes = new ArrayList<>();
    for (int i = 0; i < f.responses().size(); i++) {
      byte[] reqAuth = RadiusPacket.decode(f.requests().get(i)).orThrow().authenticator();
      RadiusAuth.Verified v = RadiusAuth.verifyResponse(f.responses().get(i), reqAuth, f.secret());
      RadiusPacket p = assertInstanceOf(RadiusAuth.Verified.Accepted.class, v).packet();
      codes.add(p.code());
      byte[] eap = EapMessages.join(p).orThrow().orElseThrow();
      // The EAP length field covers exactly the joined attributes (RFC 3579 §3.1).
      assertEquals(eap.length, ((eap[2] & 0xff) << 8) | (eap[3] & 0xff));
      if (i + 1 < f.requests().size()) {
        RadiusPacket next = RadiusPacket.decode(f.requests().get(i + 1)).orThrow();
        Optional<byte[]> state = Attributes.state(p);
        assertArrayEquals(state.orElseThrow(), Attributes.state(next).orElseThrow());
      }
    }
    assertEquals(
        List.of(RadiusCode.ACCESS_CHALLENGE, RadiusCode.ACCESS_CHALLENGE, RadiusCode.ACCESS_ACCEPT),
        codes);
  }

  @Test
  void rfc2548_mppeKeysOfTheAcceptUnwrapToTheMskThePeerDerived() throws IOException {
    Fixture f = load();
    int last = f.responses().size() - 1;
    byte[] reqAuth = RadiusPacket.decode(f.requests().get(last)).orThrow().authenticator();
    RadiusPacket accept = RadiusPacket.decode(f.responses().get(last)).orThrow();
    try (Msk msk = MppeKeys.msk(accept, f.secret(), reqAuth).orThrow()) {
      assertArrayEquals(f.msk(), msk.bytes());
      assertEquals("Msk[redacted]", msk.toString());
    }
    byte[] otherAuth = reqAuth.clone();
    otherAuth[0] ^= 1;
    Decoded<Msk> wrong = MppeKeys.msk(accept, f.secret(), otherAuth);
    assertFalse(
        wrong instanceof Decoded.Ok<Msk> ok && java.util.Arrays.equals(f.msk(), ok.value().bytes()),
        "another Request Authenticator must not unwrap to the same MSK");
  }

  @Test
  void rfc3579_3_2_ourSigningReproducesHostapdsAndEapolTestsBytesExactly() throws IOException {
    Fixture f = load();
    for (int i = 0; i < f.requests().size(); i++) {
      byte[] req = f.requests().get(i);
      assertArrayEquals(
          req, RadiusAuth.signRequest(RadiusPacket.decode(req).orThrow(), f.secret()), "req " + i);
      byte[] resp = f.responses().get(i);
      byte[] reqAuth = RadiusPacket.decode(req).orThrow().authenticator();
      assertArrayEquals(
          resp,
          RadiusAuth.signResponse(RadiusPacket.decode(resp).orThrow(), reqAuth, f.secret()),
          "resp " + i);
    }
  }
}

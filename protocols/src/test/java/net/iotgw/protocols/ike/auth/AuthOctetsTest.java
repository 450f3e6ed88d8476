package net.iotgw.protocols.ike.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.iotgw.protocols.ike.PrfAlgorithm;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class AuthOctetsTest {

  @Test
  void rfc7296Section2_15OctetsAreMessageThenPeerNonceThenPrfOfOwnIdPayload() {
    byte[] realMessage = Hex.decode("0102030405");
    byte[] peerNonce = Hex.decode("aabbcc");
    // RFC 4231 test case 1 as prf(SK_p, RestOfIDPayload), so the MACed ID is a published value.
    byte[] skP = new byte[20];
    Arrays.fill(skP, (byte) 0x0b);
    byte[] idPayloadBody = "Hi There".getBytes(StandardCharsets.US_ASCII);
    byte[] octets =
        AuthOctets.of(realMessage, peerNonce, PrfAlgorithm.PRF_HMAC_SHA2_256, skP, idPayloadBody);
    assertArrayEquals(
        Hex.decode(
            "0102030405"
                + "aabbcc"
                + "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        octets);
  }
}

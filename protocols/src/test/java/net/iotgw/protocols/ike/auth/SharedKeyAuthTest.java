package net.iotgw.protocols.ike.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.iotgw.protocols.ike.PrfAlgorithm;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

class SharedKeyAuthTest {
  private static final byte[] SECRET =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OCTETS = "message | nonce | maced id".getBytes(StandardCharsets.US_ASCII);

  private static byte[] hmacSha256(byte[] key, byte[] data) {
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(key));
    mac.update(data, 0, data.length);
    byte[] out = new byte[32];
    mac.doFinal(out, 0);
    return out;
  }

  @Test
  void rfc7296Section2_15AuthIsPrfOfPrfOfSecretAndTheSeventeenOctetKeyPad() {
    byte[] keyPad = "Key Pad for IKEv2".getBytes(StandardCharsets.US_ASCII);
    assertEquals(17, keyPad.length);
    byte[] expected = hmacSha256(hmacSha256(SECRET, keyPad), OCTETS);
    assertArrayEquals(expected, SharedKeyAuth.compute(PrfAlgorithm.PRF_HMAC_SHA2_256, SECRET, OCTETS));
  }

  @Test
  void verifyAcceptsTheRightValueAndNothingElse() {
    byte[] auth = SharedKeyAuth.compute(PrfAlgorithm.PRF_HMAC_SHA2_256, SECRET, OCTETS);
    assertTrue(SharedKeyAuth.verify(PrfAlgorithm.PRF_HMAC_SHA2_256, SECRET, OCTETS, auth));
    for (int i = 0; i < auth.length; i++) {
      byte[] bad = auth.clone();
      bad[i] ^= 1;
      assertFalse(SharedKeyAuth.verify(PrfAlgorithm.PRF_HMAC_SHA2_256, SECRET, OCTETS, bad));
    }
    assertFalse(
        SharedKeyAuth.verify(
            PrfAlgorithm.PRF_HMAC_SHA2_256, SECRET, OCTETS, Arrays.copyOf(auth, 31)));
    assertFalse(SharedKeyAuth.verify(PrfAlgorithm.PRF_HMAC_SHA2_256, SECRET, OCTETS, new byte[0]));
    assertFalse(
        SharedKeyAuth.verify(PrfAlgorithm.PRF_HMAC_SHA2_384, SECRET, OCTETS, auth),
        "a different PRF gives a different value");
  }

  @Test
  void authLengthIsThePrfOutputLength() {
    assertEquals(48, SharedKeyAuth.compute(PrfAlgorithm.PRF_HMAC_SHA2_384, SECRET, OCTETS).length);
    assertEquals(20, SharedKeyAuth.compute(PrfAlgorithm.PRF_HMAC_SHA1, SECRET, OCTETS).length);
  }
}

package net.iotgw.protocols.ike.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.crypto.Prf;

/**
 * Shared Key Message Integrity Code, AUTH method 2 (RFC 7296 §2.15): AUTH = prf(prf(Shared Secret,
 * "Key Pad for IKEv2"), &lt;signed octets&gt;). The same computation with the EAP MSK as the shared
 * secret authenticates EAP exchanges (§2.16).
 */
public final class SharedKeyAuth {
  /** The Auth Method number in the AUTH payload. */
  public static final int AUTH_METHOD = 2;

  /** The 17 ASCII octets of §2.15, without a terminating NUL. */
  private static final byte[] KEY_PAD = "Key Pad for IKEv2".getBytes(StandardCharsets.US_ASCII);

  private SharedKeyAuth() {}

  /** The Authentication Data for {@code signedOctets} (see {@link AuthOctets}). */
  public static byte[] compute(PrfAlgorithm prf, byte[] sharedSecret, byte[] signedOctets) {
    Prf f = Prf.of(prf);
    byte[] padKey = f.prf(sharedSecret, KEY_PAD);
    byte[] auth = f.prf(padKey, signedOctets);
    Arrays.fill(padKey, (byte) 0);
    return auth;
  }

  /**
   * Whether {@code received} is the Authentication Data the peer should have sent, compared in
   * constant time so that a forger learns nothing from the time the check takes.
   */
  public static boolean verify(
      PrfAlgorithm prf, byte[] sharedSecret, byte[] signedOctets, byte[] received) {
    byte[] expected = compute(prf, sharedSecret, signedOctets);
    boolean equal = org.bouncycastle.util.Arrays.constantTimeAreEqual(expected, received);
    Arrays.fill(expected, (byte) 0);
    return equal;
  }
}

package net.iotgw.protocols.pana;

import java.util.ArrayList;
import java.util.List;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import net.iotgw.protocols.wire.Malformed;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The AUTH AVP (RFC 5191 §8.1, computed as §5 says): the negotiated integrity algorithm keyed
 * with PANA_AUTH_KEY over the whole PANA message, header included, with the AUTH AVP's value set
 * to zeros. The integrity algorithms are IKEv2's HMAC transforms (RFC 4868 §2.1.2 for SHA-2):
 * the key is the digest's length, the value the digest truncated.
 */
public final class PanaAuth {
  private PanaAuth() {}

  /** The PANA_AUTH_KEY length for an integrity algorithm. */
  public static int keyLength(IntegrityAlgorithm a) {
    return switch (a) {
      case AUTH_HMAC_SHA1_96 -> 20;
      case AUTH_HMAC_SHA2_256_128 -> 32;
      case AUTH_HMAC_SHA2_384_192 -> 48;
      case AUTH_HMAC_SHA2_512_256 -> 64;
      case NONE -> throw new IllegalArgumentException("PANA needs an integrity algorithm");
    };
  }

  /** The AUTH AVP value length for an integrity algorithm. */
  public static int valueLength(IntegrityAlgorithm a) {
    return switch (a) {
      case AUTH_HMAC_SHA1_96 -> 12;
      case AUTH_HMAC_SHA2_256_128 -> 16;
      case AUTH_HMAC_SHA2_384_192 -> 24;
      case AUTH_HMAC_SHA2_512_256 -> 32;
      case NONE -> throw new IllegalArgumentException("PANA needs an integrity algorithm");
    };
  }

  /**
   * Encodes {@code m} with an AUTH AVP appended as its last AVP and computed.
   *
   * @throws IllegalArgumentException if {@code m} already carries an AUTH AVP
   */
  public static byte[] sign(PanaMessage m, PanaAuthKey key) {
    if (m.first(Avp.Auth.class).isPresent()) {
      throw new IllegalArgumentException("message already carries an AUTH AVP");
    }
    int n = valueLength(key.integrity());
    List<Avp> avps = new ArrayList<>(m.avps());
    avps.add(new Avp.Auth(new byte[n]));
    byte[] wire = PanaCodec.encode(new PanaMessage(m.header(), avps));
    // Appended last, so its value ends the message (n is a multiple of 4: no padding).
    byte[] icv = mac(key, wire);
    System.arraycopy(icv, 0, wire, wire.length - n, n);
    return wire;
  }

  /**
   * Whether {@code message}, a whole received PANA message, decodes and carries exactly one AUTH
   * AVP of the right length whose value matches. The comparison is constant-time.
   */
  public static boolean verify(byte[] message, PanaAuthKey key) {
    if (!PanaCodec.decode(message).isOk()) {
      return false;
    }
    int[] range;
    try {
      range = PanaCodec.authValueRange(message);
    } catch (Malformed e) {
      return false;
    }
    int n = valueLength(key.integrity());
    if (range == null || range[1] != n) {
      return false;
    }
    byte[] received = java.util.Arrays.copyOfRange(message, range[0], range[0] + n);
    byte[] zeroed = message.clone();
    java.util.Arrays.fill(zeroed, range[0], range[0] + n, (byte) 0);
    return org.bouncycastle.util.Arrays.constantTimeAreEqual(mac(key, zeroed), received);
  }

  private static byte[] mac(PanaAuthKey key, byte[] data) {
    HMac hmac = new HMac(digest(key.integrity()));
    hmac.init(new KeyParameter(key.keyRef()));
    hmac.update(data, 0, data.length);
    byte[] full = new byte[hmac.getMacSize()];
    hmac.doFinal(full, 0);
    return java.util.Arrays.copyOf(full, valueLength(key.integrity()));
  }

  private static Digest digest(IntegrityAlgorithm a) {
    return switch (a) {
      case AUTH_HMAC_SHA1_96 -> new SHA1Digest();
      case AUTH_HMAC_SHA2_256_128 -> new SHA256Digest();
      case AUTH_HMAC_SHA2_384_192 -> new SHA384Digest();
      case AUTH_HMAC_SHA2_512_256 -> new SHA512Digest();
      case NONE -> throw new IllegalArgumentException("PANA needs an integrity algorithm");
    };
  }
}

package net.iotgw.protocols.ike.crypto;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import net.iotgw.protocols.ike.PrfAlgorithm;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The IKEv2 pseudorandom function of a negotiated PRF transform (RFC 7296 §2.13): HMAC-SHA1 (RFC
 * 2104) and HMAC-SHA2-256/384/512 (RFC 4868 §2.1.2). All are HMACs, so they take keys of any
 * length; their preferred key length is their output length (RFC 4868 §2.1.2), which is what
 * SK_d, SK_pi and SK_pr are sized to (RFC 7296 §2.14).
 *
 * <p>Instances are stateless and thread-safe: a MAC engine is created per call.
 */
public final class Prf {
  /** RFC 7296 §2.13: the iteration counter is one octet, so prf+ stops after 255 blocks. */
  public static final int MAX_PRF_PLUS_BLOCKS = 255;

  private static final Map<PrfAlgorithm, Prf> INSTANCES = new EnumMap<>(PrfAlgorithm.class);

  static {
    for (PrfAlgorithm a : PrfAlgorithm.values()) {
      INSTANCES.put(a, new Prf(a));
    }
  }

  private final PrfAlgorithm algorithm;
  private final int outputLength;

  private Prf(PrfAlgorithm algorithm) {
    this.algorithm = algorithm;
    this.outputLength = digest(algorithm).getDigestSize();
  }

  public static Prf of(PrfAlgorithm algorithm) {
    return INSTANCES.get(algorithm);
  }

  public PrfAlgorithm algorithm() {
    return algorithm;
  }

  /** Bytes produced by one {@link #prf} call. */
  public int outputLength() {
    return outputLength;
  }

  /** The preferred key length: the length of SK_d, SK_pi and SK_pr (RFC 7296 §2.14). */
  public int keyLength() {
    return outputLength;
  }

  /** Longest output {@link #prfPlus} can produce. */
  public int maxPrfPlusLength() {
    return MAX_PRF_PLUS_BLOCKS * outputLength;
  }

  /** prf(key, data). */
  public byte[] prf(byte[] key, byte[] data) {
    HMac mac = keyed(key);
    mac.update(data, 0, data.length);
    byte[] out = new byte[outputLength];
    mac.doFinal(out, 0);
    return out;
  }

  /**
   * prf+(key, seed) truncated to {@code length} bytes (RFC 7296 §2.13): T1 = prf(K, S | 0x01),
   * Tn = prf(K, Tn-1 | S | n).
   *
   * @throws IllegalArgumentException if {@code length} is negative or needs more than 255 blocks
   */
  public byte[] prfPlus(byte[] key, byte[] seed, int length) {
    if (length < 0 || length > maxPrfPlusLength()) {
      throw new IllegalArgumentException(
          "prf+ can produce 0.." + maxPrfPlusLength() + " bytes with " + algorithm + ", not " + length);
    }
    byte[] out = new byte[length];
    HMac mac = keyed(key);
    byte[] t = new byte[outputLength];
    int tLength = 0;
    for (int n = 1, off = 0; off < length; n++) {
      mac.update(t, 0, tLength);
      mac.update(seed, 0, seed.length);
      mac.update((byte) n);
      mac.doFinal(t, 0); // also resets the MAC to its keyed state for the next block
      tLength = outputLength;
      int take = Math.min(outputLength, length - off);
      System.arraycopy(t, 0, out, off, take);
      off += take;
    }
    Arrays.fill(t, (byte) 0);
    return out;
  }

  private HMac keyed(byte[] key) {
    HMac mac = new HMac(digest(algorithm));
    mac.init(new KeyParameter(key));
    return mac;
  }

  private static Digest digest(PrfAlgorithm algorithm) {
    return switch (algorithm) {
      case PRF_HMAC_SHA1 -> new SHA1Digest();
      case PRF_HMAC_SHA2_256 -> new SHA256Digest();
      case PRF_HMAC_SHA2_384 -> new SHA384Digest();
      case PRF_HMAC_SHA2_512 -> new SHA512Digest();
    };
  }

  @Override
  public String toString() {
    return "Prf[" + algorithm + "]";
  }
}

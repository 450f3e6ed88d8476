package net.iotgw.protocols.ieee802154.security;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ike.crypto.Prf;

/**
 * The PaC-EP Master Key (RFC 5807 §3): the key a PANA client shares with one enforcement point,
 * derived from the EAP MSK once PANA authentication succeeds.
 *
 * <pre>
 *   PEMK = prf+(MSK, "IETF PEMK" | SID | KID | EPID)     64 octets
 * </pre>
 *
 * prf+ is the IKEv2 construction (RFC 7296 §2.13) over the PRF negotiated in the PANA session
 * (PRF-Algorithm AVP); "IETF PEMK" is ASCII without a terminating NUL; SID is the 4-octet PANA
 * Session Identifier and KID the 4-octet Key-ID AVP value, both in network byte order; EPID
 * identifies the enforcement point in the Diameter Address format (2-octet address family, then
 * the address).
 *
 * <p>RFC 5807 leaves how a link layer turns the PEMK into its own keys to that link layer, and
 * 802.15.4 defines no such step. Our decision, which the gateway and the simulated CD share: the
 * per-device 802.15.4 link key is the first 16 octets of the PEMK ({@link #linkKey()}). The PEMK
 * is already specific to the session, the key generation and the enforcement point, so no further
 * PRF step adds separation.
 *
 * <p>Not thread-safe; {@link #destroy()} zeroes it.
 */
public final class Pemk {
  /** RFC 5807 §3: the PEMK is 64 octets long. */
  public static final int LENGTH = 64;

  /** IANA Address Family Numbers: EUI-64 is 27. */
  public static final int ADDRESS_FAMILY_EUI64 = 27;

  private static final byte[] LABEL = "IETF PEMK".getBytes(StandardCharsets.US_ASCII);

  private final byte[] key;
  private boolean destroyed;

  private Pemk(byte[] key) {
    this.key = key;
  }

  /**
   * Derives the PEMK.
   *
   * @param prf the PRF negotiated in the PANA session
   * @param msk the EAP MSK (64 octets for EAP-PSK); not kept
   * @param sessionId the PANA Session Identifier, 0..2^32-1
   * @param keyId the Key-ID AVP value, 0..2^32-1
   * @param epId the enforcement point identifier, Diameter Address encoded (see {@link
   *     #epIdOf(Address.Extended)})
   */
  public static Pemk derive(Prf prf, byte[] msk, long sessionId, long keyId, byte[] epId) {
    requireUnsigned32(sessionId, "session identifier");
    requireUnsigned32(keyId, "key id");
    if (msk.length == 0) {
      throw new IllegalArgumentException("empty MSK");
    }
    byte[] seed = new byte[LABEL.length + 8 + epId.length];
    System.arraycopy(LABEL, 0, seed, 0, LABEL.length);
    putUint32(seed, LABEL.length, sessionId);
    putUint32(seed, LABEL.length + 4, keyId);
    System.arraycopy(epId, 0, seed, LABEL.length + 8, epId.length);
    return new Pemk(prf.prfPlus(msk, seed, LENGTH));
  }

  /**
   * The EPID of an enforcement point known by its 802.15.4 extended address: address family 27
   * (EUI-64) then the EUI-64 in its usual order, 10 octets.
   */
  public static byte[] epIdOf(Address.Extended enforcementPoint) {
    byte[] out = new byte[10];
    out[0] = (byte) (ADDRESS_FAMILY_EUI64 >>> 8);
    out[1] = (byte) ADDRESS_FAMILY_EUI64;
    System.arraycopy(enforcementPoint.eui64(), 0, out, 2, 8);
    return out;
  }

  /** A copy of the 64 PEMK octets; the caller zeroes it after use. */
  public byte[] bytes() {
    requireLive();
    return key.clone();
  }

  /** The per-device 802.15.4 key: the first 16 PEMK octets (our decision, see the class doc). */
  public LinkKey linkKey() {
    requireLive();
    byte[] first = Arrays.copyOf(key, LinkKey.LENGTH);
    try {
      return LinkKey.of(first);
    } finally {
      Arrays.fill(first, (byte) 0);
    }
  }

  public void destroy() {
    Arrays.fill(key, (byte) 0);
    destroyed = true;
  }

  @Override
  public String toString() {
    return destroyed ? "Pemk[destroyed]" : "Pemk[redacted]";
  }

  private void requireLive() {
    if (destroyed) {
      throw new IllegalStateException("PEMK destroyed");
    }
  }

  private static void requireUnsigned32(long v, String what) {
    if ((v >>> 32) != 0) {
      throw new IllegalArgumentException(what + " must be 0..2^32-1, got " + v);
    }
  }

  private static void putUint32(byte[] out, int off, long v) {
    for (int i = 0; i < 4; i++) {
      out[off + i] = (byte) (v >>> (24 - 8 * i));
    }
  }
}

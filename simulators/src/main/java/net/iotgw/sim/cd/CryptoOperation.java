package net.iotgw.sim.cd;

/**
 * The kinds of cryptographic operation a simulated CD performs, as counted in {@link
 * CdCryptoCounters}: what the paper's claim (Sec. III-C, IV) is about. With the IKE offload the CD
 * does symmetric operations only; {@link #PUBLIC_KEY} is the column that shows it.
 *
 * <p>One count is one operation on one message, whatever its length: a link frame sealed, an
 * ESP packet opened, one PRF invocation. Each prf+ block (RFC 7296 §2.13) is one {@link #PRF}.
 */
public enum CryptoOperation {
  /**
   * One raw AES-128 block encryption: EAP-PSK's key derivation (RFC 4764 §3.1: 3 blocks for AK
   * and KDK; §3.2: 10 for TEK, MSK and EMSK).
   */
  AES_BLOCK,
  /** One AES-CMAC (RFC 4493): EAP-PSK's MAC_P, and the check of MAC_S (RFC 4764 §5.2, §5.3). */
  AES_CMAC,
  /**
   * One authenticated encryption of a message: EAP-PSK's PCHANNEL (EAX), an 802.15.4 frame
   * (CCM*), an ESP packet under AES-GCM, AES-CCM or ChaCha20-Poly1305.
   */
  AEAD_SEAL,
  /** One authenticated decryption (or failed attempt) of such a message. */
  AEAD_OPEN,
  /**
   * One encryption or decryption without integrity of its own: the Encryption-Encap AVP (AES-CTR,
   * RFC 6786 §4.1), the AES-CBC half of ESP with HMAC (RFC 3602; decryption only once the ICV
   * verified).
   */
  CIPHER,
  /**
   * One HMAC used as a message authenticator: PANA's AUTH AVP computed or checked (RFC 5191 §5.3),
   * the ICV of ESP with AES-CBC (RFC 4868).
   */
  HMAC,
  /**
   * One PRF invocation for key derivation: PANA_AUTH_KEY and the RFC 6786 keys, the PEMK (RFC
   * 5807), SK_d from SKEYSEED and the CHILD_SA's KEYMAT (RFC 7296 §2.14, §2.17).
   */
  PRF,
  /**
   * A public-key operation: a Diffie-Hellman or key-agreement computation, a signature made or
   * verified. The gateway does these for the CD; a CD that counts one has left the design.
   */
  PUBLIC_KEY
}

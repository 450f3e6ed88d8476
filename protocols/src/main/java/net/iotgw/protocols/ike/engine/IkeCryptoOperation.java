package net.iotgw.protocols.ike.engine;

/**
 * The cryptographic operations an IKE SA engine reports to its {@link CryptoObserver}: what a
 * constrained device pays to run IKEv2 itself (paper Sec. III-C), counted where the engine does
 * them. One report is one operation on one message or one block: a fragment sealed is one seal,
 * each prf+ block (RFC 7296 §2.13) is one {@link #PRF}.
 */
public enum IkeCryptoOperation {
  /** An ephemeral (EC)DH key pair made: one scalar multiplication or modular exponentiation. */
  KEY_PAIR,
  /** The shared secret g^ir computed from the peer's KE data (RFC 7296 §2.14). */
  KEY_AGREEMENT,
  /** An AUTH signature made (RFC 7427). */
  SIGN,
  /** A signature verified: the peer's AUTH, or one certificate of its chain. */
  VERIFY,
  /**
   * One PRF invocation: SKEYSEED, each prf+ block of the IKE SA's and CHILD_SAs' keys, the AUTH
   * computation of §2.15 (prf(SK_p, ID), then prf(prf(secret, pad), octets) with a shared key).
   */
  PRF,
  /** An SK or SKF payload sealed with an AEAD (RFC 5282). */
  AEAD_SEAL,
  /** An SK or SKF payload opened (or an attempt that failed) with an AEAD. */
  AEAD_OPEN,
  /** An SK or SKF payload encrypted or decrypted with a cipher without integrity (RFC 3602). */
  CIPHER,
  /** The integrity checksum of an SK or SKF payload computed or checked (RFC 7296 §3.14). */
  INTEGRITY
}

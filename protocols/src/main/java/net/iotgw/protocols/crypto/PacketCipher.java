package net.iotgw.protocols.crypto;

import java.util.Optional;

/**
 * The packet protection shared by IKEv2's SK payload and ESP: an explicit per-packet IV, data that
 * is authenticated but not encrypted ({@code aad}), and an integrity check value appended to the
 * ciphertext. Padding is the caller's (IKE and ESP pad differently); {@link #blockSize()} says to
 * what the plaintext must be aligned.
 *
 * <p>Implementations are immutable and thread-safe: cipher engines are created per call, so one
 * instance can serve many packets concurrently. {@link #destroy()} zeroes the key copies held.
 */
public sealed interface PacketCipher permits SaltedAead, AesCbcHmac {

  /** Length of the explicit IV carried in each packet. */
  int ivLength();

  /** Length of the integrity check value appended after the ciphertext. */
  int icvLength();

  /** The plaintext length (after the caller's padding) must be a multiple of this. */
  int blockSize();

  /**
   * Encrypts and authenticates.
   *
   * @param iv exactly {@link #ivLength()} bytes, never reused with the same key
   * @param aad authenticated, not encrypted (for ESP: SPI and sequence number; for IKE: every
   *     byte of the message before the SK payload's IV)
   * @return ciphertext followed by the ICV
   */
  byte[] seal(byte[] iv, byte[] aad, byte[] plaintext);

  /**
   * Verifies and decrypts {@code ciphertextAndIcv}; empty when the ICV does not verify or the
   * input cannot be a valid ciphertext (too short, misaligned). Never throws on bad input.
   */
  Optional<byte[]> open(byte[] iv, byte[] aad, byte[] ciphertextAndIcv);

  /**
   * Zeroes the key material this instance holds; later {@code seal} calls throw {@link
   * IllegalStateException} and later {@code open} calls return empty.
   */
  void destroy();
}

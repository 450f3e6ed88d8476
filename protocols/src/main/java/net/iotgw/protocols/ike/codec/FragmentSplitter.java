package net.iotgw.protocols.ike.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts the plaintext of an SK payload (its inner payload chain, before padding) into the pieces
 * that become SKF payloads, each then padded and encrypted on its own (RFC 7383 §2.5). Fragment
 * messages are assumed to carry no unencrypted payloads, true of IKE_AUTH and every later exchange;
 * IKE_SA_INIT is never fragmented (RFC 7383 §2.5).
 */
public final class FragmentSplitter {
  /** Generic payload header plus Fragment Number and Total Fragments. */
  private static final int SKF_HEADER = 4 + EncryptedFragmentPayload.FIXED_LENGTH;

  private FragmentSplitter() {}

  /**
   * The pieces in order, all {@code maxChunkLength} bytes but the last; one empty piece for an
   * empty plaintext.
   */
  public static List<byte[]> split(byte[] plaintext, int maxChunkLength) {
    if (maxChunkLength < 1) {
      throw new IllegalArgumentException("chunk length " + maxChunkLength);
    }
    int count = Math.max(1, (plaintext.length + maxChunkLength - 1) / maxChunkLength);
    if (count > 0xffff) {
      throw new IllegalArgumentException(count + " fragments exceed Total Fragments' 16 bits");
    }
    List<byte[]> chunks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int from = i * maxChunkLength;
      chunks.add(
          Arrays.copyOfRange(plaintext, from, Math.min(plaintext.length, from + maxChunkLength)));
    }
    return chunks;
  }

  /**
   * The largest piece whose fragment message fits {@code maxMessageLength} bytes of IKE message
   * (the UDP payload, after any non-ESP marker): IKE header, SKF header, IV, the piece with its
   * padding and Pad Length octet rounded up to {@code blockSize}, ICV (RFC 7296 §3.14).
   *
   * @param blockSize the cipher's block size (16 for AES-CBC), 1 for AEAD modes that need no
   *     alignment
   */
  public static int maxChunkLength(
      int maxMessageLength, int ivLength, int icvLength, int blockSize) {
    if (blockSize < 1 || ivLength < 0 || icvLength < 0) {
      throw new IllegalArgumentException(
          "block " + blockSize + ", IV " + ivLength + ", ICV " + icvLength);
    }
    int encrypted = maxMessageLength - IkeHeader.LENGTH - SKF_HEADER - ivLength - icvLength;
    int chunk = encrypted / blockSize * blockSize - 1;
    if (chunk < 1) {
      throw new IllegalArgumentException("no room for data in " + maxMessageLength + " bytes");
    }
    return chunk;
  }
}

package net.iotgw.protocols.esp;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import net.iotgw.protocols.crypto.AesCbcHmac;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.esp.EspOpenResult.Accepted;
import net.iotgw.protocols.esp.EspOpenResult.Dropped;
import net.iotgw.protocols.esp.EspOpenResult.Reason;

/**
 * Seals and opens ESP packets (RFC 4303 §2, §3.3, §3.4):
 *
 * <pre>
 *   SPI (4) | Sequence Number (4) | IV | encrypted( payload | padding | Pad Length | Next Header ) | ICV
 * </pre>
 *
 * The authenticated-but-not-encrypted data is {@code SPI | Seq} with 32-bit sequence numbers and
 * {@code SPI | Seq high | Seq low} with ESN, for AES-GCM (RFC 4106 §5), AES-CCM (RFC 4309 §5) and
 * ChaCha20-Poly1305 (RFC 7634 §2.1). For AES-CBC with HMAC the ICV covers {@code SPI | Seq | IV |
 * ciphertext}, followed, with ESN, by the high 32 bits that are never sent (§3.3.2.1).
 *
 * <p>Stateless functions: safe to call from any thread for distinct or shared SAs. Per packet
 * they allocate the IV, the associated data, the padded plaintext and the output, besides what
 * the cipher itself allocates.
 */
public final class EspPacket {
  private static final byte[] NO_TRAILER = new byte[0];

  private EspPacket() {}

  /**
   * What the encrypted part (payload, padding, Pad Length, Next Header) is padded to: the
   * cipher's block size, and at least 4 so that the ICV is 32-bit aligned (RFC 4303 §2.4).
   */
  public static int paddingAlignment(PacketProtection protection) {
    return protection.isAead() ? 4 : 16;
  }

  /** Total ESP packet length for {@code payloadLength} bytes of payload, with minimal padding. */
  public static int packetLength(PacketProtection protection, int payloadLength) {
    return EspHeader.LENGTH + protection.ivLength() + encryptedLength(protection, payloadLength)
        + protection.icvLength();
  }

  /** Payload, minimal padding, Pad Length and Next Header (§2.4). */
  private static int encryptedLength(PacketProtection protection, int payloadLength) {
    int align = paddingAlignment(protection);
    return (payloadLength + 2 + align - 1) / align * align;
  }

  /**
   * Builds the ESP packet for {@code payload}, with minimal padding: the encrypted part is
   * aligned to the cipher block and to 4 bytes, padding bytes are 1, 2, 3, ... (§2.4).
   *
   * @param sequenceNumber from the SA's {@link SequenceCounter}: 1..2^32-1, or any non-zero
   *     unsigned 64-bit value with ESN; only its low 32 bits are sent
   * @throws IllegalArgumentException for a sequence number the SA cannot carry, a
   *     sequence-number IV with CBC, or a payload too long for one packet
   */
  public static byte[] seal(EspSa sa, long sequenceNumber, EspPayload payload, IvSource ivSource) {
    PacketProtection protection = sa.protection();
    if (sequenceNumber == 0 || (!sa.extendedSequenceNumbers() && (sequenceNumber >>> 32) != 0)) {
      throw new IllegalArgumentException(
          "sequence number " + Long.toUnsignedString(sequenceNumber) + " not valid for " + sa);
    }
    if (ivSource instanceof IvSource.SequenceNumberIv && !protection.isAead()) {
      throw new IllegalArgumentException("AES-CBC needs unpredictable IVs (RFC 3602 §2.1)");
    }
    byte[] data = payload.data();
    if (data.length > 0xffff) {
      throw new IllegalArgumentException("payload longer than any IP packet");
    }
    byte[] plaintext = new byte[encryptedLength(protection, data.length)];
    int padLength = plaintext.length - data.length - 2;
    System.arraycopy(data, 0, plaintext, 0, data.length);
    for (int i = 1; i <= padLength; i++) {
      plaintext[data.length + i - 1] = (byte) i;
    }
    plaintext[plaintext.length - 2] = (byte) padLength;
    plaintext[plaintext.length - 1] = (byte) payload.nextHeader();

    byte[] iv = new byte[protection.ivLength()];
    ivSource.fill(sequenceNumber, iv);
    byte[] sealed =
        sa.cipher() instanceof AesCbcHmac cbc
            ? cbc.seal(iv, header(sa.spi(), sequenceNumber), plaintext, esnTrailer(sa, sequenceNumber))
            : sa.cipher().seal(iv, aeadAad(sa, sequenceNumber), plaintext);

    byte[] packet = new byte[EspHeader.LENGTH + iv.length + sealed.length];
    EspHeader.putU32(packet, 0, sa.spi() & 0xffff_ffffL);
    EspHeader.putU32(packet, 4, sequenceNumber);
    System.arraycopy(iv, 0, packet, EspHeader.LENGTH, iv.length);
    System.arraycopy(sealed, 0, packet, EspHeader.LENGTH + iv.length, sealed.length);
    return packet;
  }

  /**
   * Verifies and decrypts an inbound packet, in the order of RFC 4303 §3.4: lengths, SPI, the
   * anti-replay check, the ICV, then the window update and the padding. {@code window} is this
   * SA's and must only be used by the calling thread (see {@link ReplayWindow}). Never throws on
   * hostile input.
   */
  public static EspOpenResult open(EspSa sa, ReplayWindow window, byte[] packet) {
    PacketProtection protection = sa.protection();
    int ivLength = protection.ivLength();
    int icvLength = protection.icvLength();
    int align = paddingAlignment(protection);
    int encrypted = packet.length - EspHeader.LENGTH - ivLength - icvLength;
    if (encrypted < align) {
      return new Dropped(Reason.TOO_SHORT, OptionalLong.empty());
    }
    if (encrypted % align != 0) {
      return new Dropped(Reason.MISALIGNED, OptionalLong.empty());
    }
    if ((int) EspHeader.u32(packet, 0) != sa.spi()) {
      return new Dropped(Reason.SPI_MISMATCH, OptionalLong.empty());
    }
    long low = EspHeader.u32(packet, 4);
    long seq = sa.extendedSequenceNumbers() ? window.inferSequenceNumber(low) : low;
    if (window.shouldDiscard(seq)) {
      return new Dropped(Reason.REPLAYED, OptionalLong.of(seq));
    }

    byte[] iv = Arrays.copyOfRange(packet, EspHeader.LENGTH, EspHeader.LENGTH + ivLength);
    byte[] body = Arrays.copyOfRange(packet, EspHeader.LENGTH + ivLength, packet.length);
    Optional<byte[]> opened =
        sa.cipher() instanceof AesCbcHmac cbc
            ? cbc.open(iv, Arrays.copyOf(packet, EspHeader.LENGTH), body, esnTrailer(sa, seq))
            : sa.cipher().open(iv, aeadAad(sa, seq), body);
    if (opened.isEmpty()) {
      return new Dropped(Reason.ICV_FAILED, OptionalLong.of(seq));
    }
    // Authentic: the sender used this number, so it is spent whatever the padding says.
    window.markAuthenticated(seq);

    byte[] plaintext = opened.get();
    int padLength = plaintext[plaintext.length - 2] & 0xff;
    int dataLength = plaintext.length - 2 - padLength;
    if (dataLength < 0 || !monotonicPadding(plaintext, dataLength, padLength)) {
      return new Dropped(Reason.BAD_PADDING, OptionalLong.of(seq));
    }
    int nextHeader = plaintext[plaintext.length - 1] & 0xff;
    return new Accepted(seq, new EspPayload(nextHeader, Arrays.copyOf(plaintext, dataLength)));
  }

  private static boolean monotonicPadding(byte[] plaintext, int from, int padLength) {
    for (int i = 0; i < padLength; i++) {
      if ((plaintext[from + i] & 0xff) != i + 1) {
        return false;
      }
    }
    return true;
  }

  private static byte[] header(int spi, long seq) {
    byte[] aad = new byte[8];
    EspHeader.putU32(aad, 0, spi & 0xffff_ffffL);
    EspHeader.putU32(aad, 4, seq);
    return aad;
  }

  /** RFC 4106 §5, RFC 4309 §5, RFC 7634 §2.1: SPI | Seq, or SPI | Seq high | Seq low with ESN. */
  private static byte[] aeadAad(EspSa sa, long seq) {
    if (!sa.extendedSequenceNumbers()) {
      return header(sa.spi(), seq);
    }
    byte[] aad = new byte[12];
    EspHeader.putU32(aad, 0, sa.spi() & 0xffff_ffffL);
    EspHeader.putU32(aad, 4, seq >>> 32);
    EspHeader.putU32(aad, 8, seq);
    return aad;
  }

  /** RFC 4303 §3.3.2.1: with ESN the high 32 bits are MACed after the ciphertext, never sent. */
  private static byte[] esnTrailer(EspSa sa, long seq) {
    if (!sa.extendedSequenceNumbers()) {
      return NO_TRAILER;
    }
    byte[] high = new byte[4];
    EspHeader.putU32(high, 0, seq >>> 32);
    return high;
  }
}

package net.iotgw.protocols.pana;

import java.util.List;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.protocols.wire.WireWriter;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CTRModeCipher;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * The Encryption-Encap AVP (RFC 6786 §5) under AES128_CTR (§4.1): its value is the encoded AVP
 * sequence encrypted with AES-128 in counter mode, nothing else (no IV on the wire, no padding, no
 * tag). The counter blocks are NIST SP 800-38C Appendix A's with n = 12 and q = 3: a Flags octet
 * of 0x02 (q - 1), the 12-octet nonce Key-Id | Session ID | Sequence Number of the message that
 * carries the AVP, and a 3-octet counter that starts at 1 (Ctr_1). So the "IV" is fixed by the
 * message and key, not drawn at random: uniqueness comes from the sequence number (§4.1), which
 * is why a sender must re-authenticate before it wraps.
 *
 * <p>Counter mode gives no integrity: RFC 6786 §7.1 relies on the AUTH AVP that every message of
 * a keyed session carries, computed over the message after encryption. A receiver therefore checks
 * AUTH first and opens the AVP only then.
 *
 * <p>Which AVPs may travel encrypted is the policy of §6.1: those marked N (AUTH, Integrity-
 * Algorithm, Key-Id, Nonce, PRF-Algorithm, Result-Code, PaC-Information, Relayed-Message,
 * Encryption-Algorithm, Encryption-Encap) never; anything else, vendors' AVPs included, may.
 */
public final class PanaEncryption {
  /** RFC 6345's PaC-Information and Relayed-Message, kept as {@link Avp.Unknown} by the codec. */
  private static final int PAC_INFORMATION = 10;

  private static final int RELAYED_MESSAGE = 11;
  private static final int BLOCK = 16;

  private PanaEncryption() {}

  /** Whether RFC 6786 §6.1 lets {@code avp} travel inside an Encryption-Encap AVP. */
  public static boolean mayBeEncrypted(Avp avp) {
    if (avp instanceof Avp.Unknown u) {
      return u.isVendorSpecific() || (u.code() != PAC_INFORMATION && u.code() != RELAYED_MESSAGE);
    }
    return avp instanceof Avp.EapPayload
        || avp instanceof Avp.SessionLifetime
        || avp instanceof Avp.TerminationCause;
  }

  /**
   * Encrypts {@code avps} into the Encryption-Encap AVP of the message with this Session
   * Identifier and Sequence Number, sent by {@code sender}.
   *
   * @throws IllegalArgumentException if {@code avps} is empty, holds an AVP §6.1 marks N, or
   *     encodes to more than an AVP value can hold (65535 octets)
   */
  public static Avp.EncrEncap seal(
      PanaEncrKey key, PanaEncrKey.Sender sender, long sessionId, long sequenceNumber,
      List<Avp> avps) {
    if (avps.isEmpty()) {
      throw new IllegalArgumentException("an Encryption-Encap AVP carries one or more AVPs");
    }
    for (Avp a : avps) {
      if (!mayBeEncrypted(a)) {
        throw new IllegalArgumentException(
            "RFC 6786 §6.1: AVP code " + a.code() + " is never encrypted");
      }
    }
    byte[] plain = PanaCodec.encodeAvps(avps);
    try {
      if (plain.length > 0xffff) {
        throw new IllegalArgumentException("Encryption-Encap value of " + plain.length + " octets");
      }
      return new Avp.EncrEncap(ctr(key, sender, sessionId, sequenceNumber, plain));
    } finally {
      java.util.Arrays.fill(plain, (byte) 0);
    }
  }

  /**
   * Decrypts an Encryption-Encap AVP received in the message with this Session Identifier and
   * Sequence Number from {@code sender}. Fails with INVALID_SYNTAX when the value is empty or
   * holds an AVP that §6.1 marks N (the AVP code in {@link DecodeError#code}), and with the
   * codec's error when the plaintext is not an AVP sequence, as a wrong key yields.
   */
  public static Decoded<List<Avp>> open(
      PanaEncrKey key, PanaEncrKey.Sender sender, long sessionId, long sequenceNumber,
      Avp.EncrEncap encap) {
    byte[] cipher = encap.encrypted();
    if (cipher.length == 0) {
      return Decoded.failed(new DecodeError(
          DecodeError.Kind.INVALID_SYNTAX, 0, "empty Encryption-Encap", AvpCode.ENCR_ENCAP.id()));
    }
    byte[] plain = ctr(key, sender, sessionId, sequenceNumber, cipher);
    try {
      Decoded<List<Avp>> avps = PanaCodec.decodeAvps(plain);
      if (avps instanceof Decoded.Ok<List<Avp>> ok) {
        for (Avp a : ok.value()) {
          if (!mayBeEncrypted(a)) {
            return Decoded.failed(new DecodeError(DecodeError.Kind.INVALID_SYNTAX, 0,
                "RFC 6786 §6.1: AVP never encrypted found inside Encryption-Encap", a.code()));
          }
        }
      }
      return avps;
    } finally {
      java.util.Arrays.fill(plain, (byte) 0);
    }
  }

  /** Ctr_1 of RFC 6786 §4.1: 0x02 | Key-Id | Session ID | Sequence Number | 0x000001. */
  static byte[] firstCounterBlock(long keyId, long sessionId, long sequenceNumber) {
    return new WireWriter(BLOCK)
        .u8(2)
        .u32(keyId)
        .u32(sessionId)
        .u32(sequenceNumber)
        .u24(1)
        .toByteArray();
  }

  /**
   * AES-CTR from Ctr_1. BouncyCastle's SIC mode increments the whole block; a value of at most
   * 65535 octets takes 4096 blocks, so only the low 3 octets (q = 3) ever change.
   */
  private static byte[] ctr(
      PanaEncrKey key, PanaEncrKey.Sender sender, long sessionId, long seq, byte[] in) {
    if (key.algorithm() != PanaEncryptionAlgorithm.AES128_CTR) {
      throw new IllegalArgumentException("unsupported " + key.algorithm());
    }
    CTRModeCipher aes = SICBlockCipher.newInstance(AESEngine.newInstance());
    aes.init(true, new ParametersWithIV(
        new KeyParameter(key.keyRef(sender)), firstCounterBlock(key.keyId(), sessionId, seq)));
    byte[] out = new byte[in.length];
    aes.processBytes(in, 0, in.length, out, 0);
    return out;
  }
}

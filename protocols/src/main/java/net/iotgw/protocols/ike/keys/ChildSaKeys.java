package net.iotgw.protocols.ike.keys;

import java.util.Arrays;
import net.iotgw.protocols.crypto.PacketCipher;
import net.iotgw.protocols.crypto.PacketProtection;

/**
 * The ESP keys of one CHILD_SA pair, split from KEYMAT in the order of RFC 7296 §2.17: the SA
 * carrying initiator-to-responder traffic first, then the responder-to-initiator SA, and within
 * each SA the encryption key before the integrity key. "Initiator" is the initiator of the exchange
 * that created the CHILD_SA. Integrity keys are empty for AEADs. Within each SA the keys are
 * {@link PacketProtection#encryptionKey} and {@link PacketProtection#integrityKey} of that SA's
 * slice of KEYMAT: {@link KeySchedule} splits KEYMAT into the two slices, {@link PacketProtection}
 * alone knows the layout within one.
 *
 * <p>For ESP: {@code new EspSa(spi, keys.protection(), keys.initiatorToResponder(), esn)} (the
 * cipher is then the SA's; destroy these keys once both SAs are built).
 *
 * <p>The arrays are held, not copied, so that {@link #destroy()} can zero them; callers must not
 * modify them. {@link #toString()} shows lengths only.
 */
public record ChildSaKeys(
    PacketProtection protection,
    byte[] initiatorEncryption,
    byte[] initiatorIntegrity,
    byte[] responderEncryption,
    byte[] responderIntegrity) {

  /** The cipher of the SA carrying initiator-to-responder traffic (a copy of the keys). */
  public PacketCipher initiatorToResponder() {
    return protection.cipher(initiatorEncryption, initiatorIntegrity);
  }

  /** The cipher of the SA carrying responder-to-initiator traffic (a copy of the keys). */
  public PacketCipher responderToInitiator() {
    return protection.cipher(responderEncryption, responderIntegrity);
  }

  /** Zeroes every key. */
  public void destroy() {
    Arrays.fill(initiatorEncryption, (byte) 0);
    Arrays.fill(initiatorIntegrity, (byte) 0);
    Arrays.fill(responderEncryption, (byte) 0);
    Arrays.fill(responderIntegrity, (byte) 0);
  }

  @Override
  public String toString() {
    return "ChildSaKeys["
        + protection
        + ", encryption "
        + initiatorEncryption.length
        + " bytes, integrity "
        + initiatorIntegrity.length
        + " bytes per direction, values redacted]";
  }
}

package net.iotgw.protocols.ike.keys;

import java.util.Arrays;
import net.iotgw.protocols.ike.crypto.IkeCipher;

/**
 * The keys of one IKE SA (RFC 7296 §2.14): SKEYSEED and the seven keys prf+ derives from it.
 * SK_ai/SK_ar are empty for AEAD suites.
 *
 * <p>The arrays are held, not copied, so that {@link #destroy()} can zero them; callers must not
 * modify them. {@link #toString()} shows lengths only. Record equality is by array identity.
 */
public record IkeSaKeys(
    Suite suite,
    byte[] skeyseed,
    byte[] skD,
    byte[] skAi,
    byte[] skAr,
    byte[] skEi,
    byte[] skEr,
    byte[] skPi,
    byte[] skPr) {

  /**
   * Protection of the SK payloads the original initiator of this IKE SA sends (SK_ei, SK_ai). Its
   * keys are copies: destroy the cipher separately.
   */
  public IkeCipher initiatorCipher() {
    return IkeCipher.create(suite.protection(), skEi, skAi);
  }

  /** Protection of the SK payloads the responder sends (SK_er, SK_ar); see {@link #initiatorCipher()}. */
  public IkeCipher responderCipher() {
    return IkeCipher.create(suite.protection(), skEr, skAr);
  }

  /** SK_pi for the initiator's AUTH, SK_pr for the responder's (RFC 7296 §2.15). */
  public byte[] skP(boolean initiator) {
    return initiator ? skPi : skPr;
  }

  /** Zeroes every key. */
  public void destroy() {
    for (byte[] key : new byte[][] {skeyseed, skD, skAi, skAr, skEi, skEr, skPi, skPr}) {
      Arrays.fill(key, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "IkeSaKeys["
        + suite
        + ", SKEYSEED "
        + skeyseed.length
        + " bytes, SK_d "
        + skD.length
        + ", SK_a "
        + skAi.length
        + ", SK_e "
        + skEi.length
        + ", SK_p "
        + skPi.length
        + ", values redacted]";
  }
}

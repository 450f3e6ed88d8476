package net.iotgw.protocols.pana.engine;

import net.iotgw.protocols.ike.IntegrityAlgorithm;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.pana.PanaAuthKey;
import net.iotgw.protocols.pana.PanaEncrKey;
import net.iotgw.protocols.pana.PanaEncryptionAlgorithm;

/**
 * What the session keys are derived from (RFC 5191 §5.3, RFC 6786 §3), collected as the exchange
 * goes: the negotiated algorithms ({@code encryption} null when none was negotiated), the initial
 * PAR and PAN as sent, and the two nonces (null until seen). Re-authentication keeps all but the
 * nonces, which each EAP run exchanges anew (§4.3).
 */
public record Keying(
    PrfAlgorithm prf,
    IntegrityAlgorithm integrity,
    PanaEncryptionAlgorithm encryption,
    byte[] initialPar,
    byte[] initialPan,
    byte[] pacNonce,
    byte[] paaNonce) {

  Keying withPacNonce(byte[] n) {
    return new Keying(prf, integrity, encryption, initialPar, initialPan, n, paaNonce);
  }

  Keying withPaaNonce(byte[] n) {
    return new Keying(prf, integrity, encryption, initialPar, initialPan, pacNonce, n);
  }

  /** The same session inputs with the nonces cleared, for a re-authentication (§4.3). */
  Keying forReauthentication() {
    return new Keying(prf, integrity, encryption, initialPar, initialPan, null, null);
  }

  PanaAuthKey derive(byte[] msk, long keyId) {
    return PanaAuthKey.derive(prf, integrity, msk, initialPar, initialPan, pacNonce, paaNonce, keyId);
  }

  /** PANA_PAC_ENCR_KEY and PANA_PAA_ENCR_KEY, or null when no encryption was negotiated. */
  PanaEncrKey deriveEncryption(byte[] msk, long keyId) {
    return encryption == null ? null
        : PanaEncrKey.derive(
            prf, encryption, msk, initialPar, initialPan, pacNonce, paaNonce, keyId);
  }

  @Override
  public String toString() {
    return "Keying[" + prf + ", " + integrity + ", " + encryption + "]";
  }
}

package net.iotgw.protocols.pana.engine;

import net.iotgw.protocols.ike.IntegrityAlgorithm;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.pana.PanaAuthKey;

/**
 * What PANA_AUTH_KEY is derived from (RFC 5191 §5.3), collected as the exchange goes: the
 * negotiated algorithms, the initial PAR and PAN as sent, and the two nonces (null until seen).
 */
public record Keying(
    PrfAlgorithm prf,
    IntegrityAlgorithm integrity,
    byte[] initialPar,
    byte[] initialPan,
    byte[] pacNonce,
    byte[] paaNonce) {

  Keying withPacNonce(byte[] n) {
    return new Keying(prf, integrity, initialPar, initialPan, n, paaNonce);
  }

  Keying withPaaNonce(byte[] n) {
    return new Keying(prf, integrity, initialPar, initialPan, pacNonce, n);
  }

  PanaAuthKey derive(byte[] msk, long keyId) {
    return PanaAuthKey.derive(prf, integrity, msk, initialPar, initialPan, pacNonce, paaNonce, keyId);
  }

  @Override
  public String toString() {
    return "Keying[" + prf + ", " + integrity + "]";
  }
}

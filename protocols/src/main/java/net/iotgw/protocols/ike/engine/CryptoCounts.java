package net.iotgw.protocols.ike.engine;

import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.crypto.Prf;
import net.iotgw.protocols.ike.keys.KeySchedule;
import net.iotgw.protocols.ike.keys.Suite;

/**
 * How many operations of each kind the engine's crypto calls cost, reported to the configuration's
 * {@link CryptoObserver}: one place that knows the shape of each computation (RFC 7296 §2.13,
 * §2.14, §2.15, §2.17), so the call sites stay one line.
 */
final class CryptoCounts {
  private CryptoCounts() {}

  /** prf+ producing {@code length} octets: one PRF per block (RFC 7296 §2.13). */
  static void prfPlus(EngineConfig c, PrfAlgorithm prf, int length) {
    int out = Prf.of(prf).outputLength();
    report(c, IkeCryptoOperation.PRF, (length + out - 1) / out);
  }

  /** An ephemeral key pair made and the shared secret computed with it. */
  static void keyExchange(EngineConfig c) {
    report(c, IkeCryptoOperation.KEY_PAIR, 1);
    report(c, IkeCryptoOperation.KEY_AGREEMENT, 1);
  }

  /** An ephemeral key pair made (its agreement comes later). */
  static void keyPair(EngineConfig c) {
    report(c, IkeCryptoOperation.KEY_PAIR, 1);
  }

  /** The shared secret computed with an earlier key pair. */
  static void keyAgreement(EngineConfig c) {
    report(c, IkeCryptoOperation.KEY_AGREEMENT, 1);
  }

  /** A new IKE SA's keys (§2.14): SKEYSEED, then prf+ over the suite's key material. */
  static void ikeSaKeys(EngineConfig c, Suite suite) {
    report(c, IkeCryptoOperation.PRF, 1);
    prfPlus(c, suite.prf(), suite.keyMaterialLength());
  }

  /** A rekeyed IKE SA's keys (§2.18): SKEYSEED with the old PRF, then the new suite's prf+. */
  static void rekeyedIkeSaKeys(EngineConfig c, Suite newSuite) {
    ikeSaKeys(c, newSuite);
  }

  /** A CHILD_SA pair's KEYMAT (§2.17). */
  static void childSaKeys(EngineConfig c, PrfAlgorithm prf, PacketProtection esp) {
    prfPlus(c, prf, KeySchedule.childKeyMaterialLength(esp));
  }

  /**
   * One AUTH computed or checked (§2.15): prf(SK_p, ID'), then with a shared key
   * prf(prf(secret, "Key Pad for IKEv2"), octets), with a signature one signature made or checked.
   */
  static void auth(EngineConfig c, boolean sharedKey, IkeCryptoOperation signature) {
    report(c, IkeCryptoOperation.PRF, sharedKey ? 3 : 1);
    if (!sharedKey) {
      report(c, signature, 1);
    }
  }

  /** {@code messages} SK or SKF payloads sealed under {@code p}. */
  static void sealed(EngineConfig c, PacketProtection p, int messages) {
    if (p.isAead()) {
      report(c, IkeCryptoOperation.AEAD_SEAL, messages);
    } else {
      report(c, IkeCryptoOperation.CIPHER, messages);
      report(c, IkeCryptoOperation.INTEGRITY, messages);
    }
  }

  /** One SK or SKF payload opened under {@code p}; without AEAD decrypted only if authentic. */
  static void opened(EngineConfig c, PacketProtection p, boolean authentic) {
    if (p.isAead()) {
      report(c, IkeCryptoOperation.AEAD_OPEN, 1);
      return;
    }
    report(c, IkeCryptoOperation.INTEGRITY, 1);
    if (authentic) {
      report(c, IkeCryptoOperation.CIPHER, 1);
    }
  }

  static void report(EngineConfig c, IkeCryptoOperation op, int count) {
    if (count > 0) {
      c.cryptoObserver().performed(op, count);
    }
  }
}

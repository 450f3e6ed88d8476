package net.iotgw.protocols.eap.psk;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.Arrays;

/** The EAP-PSK authentication MACs: AES-CMAC (RFC 4493, "OMAC1") keyed with AK (RFC 4764 §5.2, §5.3). */
public final class PskMac {

  public static final int LENGTH = 16;

  private PskMac() {}

  /** §5.2: MAC_P = CMAC-AES-128(AK, ID_P || ID_S || RAND_S || RAND_P). */
  public static byte[] macP(byte[] ak, byte[] idP, byte[] idS, byte[] randS, byte[] randP) {
    return cmac(ak, idP, idS, randS, randP);
  }

  /** §5.3: MAC_S = CMAC-AES-128(AK, ID_S || RAND_P). */
  public static byte[] macS(byte[] ak, byte[] idS, byte[] randP) {
    return cmac(ak, idS, randP);
  }

  /** AES-CMAC over the concatenation of {@code parts} (RFC 4493). */
  public static byte[] cmac(byte[] key, byte[]... parts) {
    CMac mac = new CMac(AESEngine.newInstance());
    mac.init(new KeyParameter(key));
    for (byte[] p : parts) {
      mac.update(p, 0, p.length);
    }
    byte[] out = new byte[LENGTH];
    mac.doFinal(out, 0);
    return out;
  }

  /** Constant time, so that a forger learns nothing from how long a rejection takes. */
  public static boolean matches(byte[] expected, byte[] received) {
    return Arrays.constantTimeAreEqual(expected, received);
  }
}

package net.iotgw.protocols.eap.psk;

import java.util.Arrays;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.BlockCipher;

/**
 * EAP-PSK key derivation with AES-128 in the modified counter mode of RFC 4764 §3.1 and §3.2:
 * one block B = E(K, input), then output block i = E(K, B XOR c_i), where c_i is the 128-bit
 * big-endian integer i.
 */
public final class PskKeySchedule {

  private static final int BLOCK = 16;

  private PskKeySchedule() {}

  /** §3.1: B = E(PSK, 0^128); AK = E(PSK, B XOR 1), KDK = E(PSK, B XOR 2). */
  public static LongTermKeys longTermKeys(Psk psk) {
    BlockCipher aes = aes(psk.key());
    byte[] b = encrypt(aes, new byte[BLOCK]);
    LongTermKeys keys = new LongTermKeys(counterBlock(aes, b, 1), counterBlock(aes, b, 2));
    Arrays.fill(b, (byte) 0);
    return keys;
  }

  /**
   * §3.2: B = E(KDK, RAND_P); TEK = E(KDK, B XOR 1), MSK = blocks 2..5, EMSK = blocks 6..9.
   *
   * @param randP the peer's 16-octet RAND_P
   */
  public static SessionKeys sessionKeys(LongTermKeys keys, byte[] randP) {
    if (randP.length != BLOCK) {
      throw new IllegalArgumentException("RAND_P is 16 octets");
    }
    BlockCipher aes = aes(keys.kdk());
    byte[] b = encrypt(aes, randP);
    byte[] tek = counterBlock(aes, b, 1);
    byte[] msk = new byte[64];
    byte[] emsk = new byte[64];
    for (int i = 0; i < 4; i++) {
      System.arraycopy(counterBlock(aes, b, 2 + i), 0, msk, i * BLOCK, BLOCK);
      System.arraycopy(counterBlock(aes, b, 6 + i), 0, emsk, i * BLOCK, BLOCK);
    }
    SessionKeys out = new SessionKeys(tek, msk, emsk);
    Arrays.fill(b, (byte) 0);
    Arrays.fill(tek, (byte) 0);
    Arrays.fill(msk, (byte) 0);
    Arrays.fill(emsk, (byte) 0);
    return out;
  }

  private static byte[] counterBlock(BlockCipher aes, byte[] b, int counter) {
    byte[] in = b.clone();
    // counters stay below 256 here, so only the last octet of the 128-bit integer changes
    in[BLOCK - 1] ^= (byte) counter;
    byte[] out = encrypt(aes, in);
    Arrays.fill(in, (byte) 0);
    return out;
  }

  private static BlockCipher aes(byte[] key) {
    BlockCipher aes = AESEngine.newInstance();
    aes.init(true, new KeyParameter(key));
    return aes;
  }

  private static byte[] encrypt(BlockCipher aes, byte[] in) {
    byte[] out = new byte[BLOCK];
    aes.processBlock(in, 0, out, 0);
    return out;
  }
}

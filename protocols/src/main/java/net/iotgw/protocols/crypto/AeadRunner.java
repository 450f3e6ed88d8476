package net.iotgw.protocols.crypto;

import java.util.Optional;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/** Runs one BouncyCastle AEAD operation; the one place where BC's AEAD calling pattern lives. */
final class AeadRunner {
  private AeadRunner() {}

  static byte[] seal(AEADCipher cipher, byte[] key, int icvBits, byte[] nonce, byte[] aad, byte[] in) {
    cipher.init(true, new AEADParameters(new KeyParameter(key), icvBits, nonce, aad));
    byte[] out = new byte[cipher.getOutputSize(in.length)];
    int n = cipher.processBytes(in, 0, in.length, out, 0);
    try {
      cipher.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("encryption cannot fail", e);
    }
    return out;
  }

  static Optional<byte[]> open(
      AEADCipher cipher, byte[] key, int icvBits, byte[] nonce, byte[] aad, byte[] in) {
    if (in.length < icvBits / 8) {
      return Optional.empty();
    }
    cipher.init(false, new AEADParameters(new KeyParameter(key), icvBits, nonce, aad));
    byte[] out = new byte[cipher.getOutputSize(in.length)];
    try {
      int n = cipher.processBytes(in, 0, in.length, out, 0);
      cipher.doFinal(out, n);
      return Optional.of(out);
    } catch (InvalidCipherTextException | IllegalStateException e) {
      return Optional.empty();
    }
  }
}

package net.iotgw.protocols.crypto;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** After destroy() a cipher must not go on working under its zeroed (all-zero) key. */
class PacketCipherDestroyTest {

  @Test
  void destroyedCiphersRefuseToSealAndOpenNothing() {
    List<PacketCipher> ciphers =
        List.of(
            new AesGcm(new byte[20], 16),
            new AesCcm(new byte[19], 8),
            new ChaCha20Poly1305Cipher(new byte[36]),
            new AesCbcHmac(new byte[16], new byte[32], AesCbcHmac.Integrity.HMAC_SHA2_256_128));
    for (PacketCipher c : ciphers) {
      byte[] iv = new byte[c.ivLength()];
      byte[] plaintext = new byte[c.blockSize() == 1 ? 5 : 16];
      byte[] sealed = c.seal(iv, new byte[8], plaintext);
      c.destroy();
      assertThrows(IllegalStateException.class, () -> c.seal(iv, new byte[8], plaintext), c.toString());
      assertTrue(c.open(iv, new byte[8], sealed).isEmpty(), c.toString());
    }
  }
}

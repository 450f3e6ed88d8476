package net.iotgw.protocols.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.util.Arrays;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class ChaCha20Poly1305CipherTest {
  private static final byte[] KEY =
      Hex.decode("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");

  /** RFC 7634 Appendix B: the ESP example, at the cipher level (AAD = SPI | 32-bit Seq). */
  @Test
  void sealsRfc7634AppendixBEspPayload() {
    ChaCha20Poly1305Cipher cipher =
        new ChaCha20Poly1305Cipher(Arrays.concatenate(KEY, Hex.decode("a0a1a2a3")));
    byte[] iv = Hex.decode("1011121314151617");
    byte[] aad = Hex.decode("0102030400000005");
    byte[] plaintext =
        Hex.decode(
            "45000054a6f200004001e778c6336405c000020508005b7a3a080000553bec10"
                + "000736270809 0a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223"
                + "2425262728292a2b2c2d2e2f303132333435363701020204");
    byte[] expected =
        Hex.decode(
            "24039428b97f417e3c13753a4f05087b67c352e6a7fab1b982d466ef407ae5c6"
                + "14ee8099d52844eb61aa95dfab4c02f72aa71e7c4c4f64c9befe2facc638e8f3"
                + "cbec163fac469b502773f6fb94e664da9165b82829f641e0"
                + "76aaa8266b7fb0f7b11b369907e1ad43");
    assertArrayEquals(expected, cipher.seal(iv, aad, plaintext));
    assertArrayEquals(plaintext, cipher.open(iv, aad, expected).orElseThrow());
  }

  /** RFC 8439 §2.8.2 (RFC 7539): its 12-byte nonce 07000000|4041424344454647 is salt | IV. */
  @Test
  void sealsRfc8439Section2_8_2AeadVector() {
    ChaCha20Poly1305Cipher cipher =
        new ChaCha20Poly1305Cipher(Arrays.concatenate(KEY, Hex.decode("07000000")));
    byte[] iv = Hex.decode("4041424344454647");
    byte[] aad = Hex.decode("50515253c0c1c2c3c4c5c6c7");
    byte[] plaintext =
        ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the"
                + " future, sunscreen would be it.")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] expected =
        Hex.decode(
            "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
                + "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
                + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
                + "3ff4def08e4b7a9de576d26586cec64b6116"
                + "1ae10b594f09e26a7e902ecbd0600691");
    assertArrayEquals(expected, cipher.seal(iv, aad, plaintext));
    assertArrayEquals(plaintext, cipher.open(iv, aad, expected).orElseThrow());
    for (int i = 0; i < expected.length; i++) {
      byte[] bad = expected.clone();
      bad[i] ^= (byte) 0x80;
      assertTrue(cipher.open(iv, aad, bad).isEmpty(), "byte " + i);
    }
  }

  @Test
  void openNeverThrowsOnShortInput() {
    ChaCha20Poly1305Cipher cipher = new ChaCha20Poly1305Cipher(new byte[36]);
    for (int n = 0; n < 16; n++) {
      assertTrue(cipher.open(new byte[8], new byte[8], new byte[n]).isEmpty());
    }
    assertTrue(cipher.open(new byte[12], new byte[8], new byte[32]).isEmpty());
  }

  @Test
  void keyingMaterialIsThirtySixBytesRfc7634Section4() {
    assertThrows(IllegalArgumentException.class, () -> new ChaCha20Poly1305Cipher(KEY));
  }

  @Test
  void destroyedCipherRefusesToSeal() {
    ChaCha20Poly1305Cipher cipher = new ChaCha20Poly1305Cipher(new byte[36]);
    byte[] sealed = cipher.seal(new byte[8], new byte[8], new byte[4]);
    cipher.destroy();
    assertThrows(
        IllegalStateException.class, () -> cipher.seal(new byte[8], new byte[8], new byte[4]));
    assertTrue(cipher.open(new byte[8], new byte[8], sealed).isEmpty());
  }
}

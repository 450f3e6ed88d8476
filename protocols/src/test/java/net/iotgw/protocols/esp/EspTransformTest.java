package net.iotgw.protocols.esp;

import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_AES_CBC;
import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_AES_CCM_12;
import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_AES_GCM_16;
import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_CHACHA20_POLY1305;
import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_NULL;
import static net.iotgw.protocols.ike.IntegrityAlgorithm.AUTH_HMAC_SHA1_96;
import static net.iotgw.protocols.ike.IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128;
import static net.iotgw.protocols.ike.IntegrityAlgorithm.NONE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.iotgw.protocols.crypto.AesCbcHmac;
import net.iotgw.protocols.crypto.AesCcm;
import net.iotgw.protocols.crypto.AesGcm;
import net.iotgw.protocols.crypto.ChaCha20Poly1305Cipher;
import net.iotgw.protocols.crypto.PacketCipher;
import org.bouncycastle.util.Arrays;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EspTransformTest {

  /** What the IKE key schedule takes from KEYMAT per direction (RFC 7296 §2.17). */
  @ParameterizedTest
  @CsvSource({
    "ENCR_AES_GCM_16, 128, NONE, 20, 0, 8, 16",
    "ENCR_AES_GCM_16, 256, NONE, 36, 0, 8, 16",
    "ENCR_AES_GCM_8, 192, NONE, 28, 0, 8, 8",
    "ENCR_AES_CCM_8, 128, NONE, 19, 0, 8, 8",
    "ENCR_AES_CCM_16, 256, NONE, 35, 0, 8, 16",
    "ENCR_CHACHA20_POLY1305, 256, NONE, 36, 0, 8, 16",
    "ENCR_AES_CBC, 128, AUTH_HMAC_SHA2_256_128, 16, 32, 16, 16",
    "ENCR_AES_CBC, 256, AUTH_HMAC_SHA2_384_192, 32, 48, 16, 24",
    "ENCR_AES_CBC, 256, AUTH_HMAC_SHA2_512_256, 32, 64, 16, 32",
  })
  void keyingMaterialAndPacketGeometry(
      net.iotgw.protocols.ike.EncryptionAlgorithm encryption,
      int keyBits,
      net.iotgw.protocols.ike.IntegrityAlgorithm integrity,
      int encryptionKey,
      int integrityKey,
      int iv,
      int icv) {
    EspTransform t = EspTransform.of(encryption, keyBits, integrity).orElseThrow();
    assertEquals(encryptionKey, t.encryptionKeyLength());
    assertEquals(integrityKey, t.integrityKeyLength());
    assertEquals(encryptionKey + integrityKey, t.keyingMaterialLength());
    assertEquals(iv, t.ivLength());
    assertEquals(icv, t.icvLength());
    PacketCipher cipher = t.newCipher(new byte[t.keyingMaterialLength()]);
    assertEquals(iv, cipher.ivLength());
    assertEquals(icv, cipher.icvLength());
  }

  @Test
  void refusesWhatItDoesNotImplement() {
    assertTrue(EspTransform.of(ENCR_AES_GCM_16, 128, AUTH_HMAC_SHA2_256_128).isEmpty(),
        "AEAD with an integrity transform (RFC 7296 §3.3)");
    assertTrue(EspTransform.of(ENCR_AES_CBC, 128, NONE).isEmpty(), "CBC without integrity");
    assertTrue(EspTransform.of(ENCR_AES_CBC, 128, AUTH_HMAC_SHA1_96).isEmpty());
    assertTrue(EspTransform.of(ENCR_NULL, 0, AUTH_HMAC_SHA2_256_128).isEmpty());
    assertTrue(EspTransform.of(ENCR_CHACHA20_POLY1305, 128, NONE).isEmpty());
    assertTrue(EspTransform.of(ENCR_AES_GCM_16, 64, NONE).isEmpty());
    assertThrows(IllegalArgumentException.class,
        () -> new EspTransform(ENCR_AES_CBC, 128, NONE));
  }

  @Test
  void factoryBuildsTheRightCipher() {
    assertInstanceOf(AesGcm.class, EspTransform.AES_GCM_16_128.newCipher(new byte[20]));
    assertInstanceOf(AesCcm.class, EspTransform.AES_CCM_8_128.newCipher(new byte[19]));
    assertInstanceOf(ChaCha20Poly1305Cipher.class,
        EspTransform.CHACHA20_POLY1305.newCipher(new byte[36]));
    assertInstanceOf(AesCbcHmac.class,
        EspTransform.AES_CBC_128_HMAC_SHA2_256.newCipher(new byte[48]));
    assertThrows(IllegalArgumentException.class,
        () -> EspTransform.AES_GCM_16_128.newCipher(new byte[16]));
    assertThrows(IllegalArgumentException.class,
        () -> EspTransform.AES_CBC_128_HMAC_SHA2_256.newCipher(new byte[16]));
  }

  /** RFC 7296 §2.17: the encryption key comes first, then the integrity key. */
  @Test
  void splitsKeymatEncryptionKeyThenIntegrityKey() {
    byte[] encKey = Hex.decode("06a9214036b8a15b512e03d534120006");
    byte[] macKey = new byte[32];
    for (int i = 0; i < 32; i++) {
      macKey[i] = (byte) (0x40 + i);
    }
    PacketCipher fromKeymat =
        EspTransform.AES_CBC_128_HMAC_SHA2_256.newCipher(Arrays.concatenate(encKey, macKey));
    PacketCipher direct = new AesCbcHmac(encKey, macKey, AesCbcHmac.Integrity.HMAC_SHA2_256_128);
    byte[] iv = Hex.decode("3dafba429d9eb430b422da802c9fac41");
    byte[] pt = "Single block msg".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] sealed = fromKeymat.seal(iv, new byte[8], pt);
    assertArrayEquals(direct.seal(iv, new byte[8], pt), sealed);
    assertEquals("e353779c1079aeb82708942dbe77181a", Hex.toHexString(sealed, 0, 16));
  }

  @Test
  void aeadKeymatEndsWithTheSalt() {
    // McGrew-Viega test case 4 through the factory: key feffe9..., salt cafebabe.
    byte[] keymat = Hex.decode("feffe9928665731c6d6a8f9467308308cafebabe");
    PacketCipher cipher = EspTransform.AES_GCM_16_128.newCipher(keymat);
    byte[] sealed = cipher.seal(Hex.decode("facedbaddecaf888"),
        Hex.decode("feedfacedeadbeeffeedfacedeadbeefabaddad2"),
        Hex.decode("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39"));
    assertEquals("5bc94fbc3221a5db94fae95ae7121a47", Hex.toHexString(sealed, 60, 16));
  }

  @Test
  void paddingAlignmentIsTheBlockAndAtLeastFour() {
    assertEquals(4, EspTransform.AES_GCM_16_128.paddingAlignment());
    assertEquals(4, EspTransform.CHACHA20_POLY1305.paddingAlignment());
    assertEquals(16, EspTransform.AES_CBC_128_HMAC_SHA2_256.paddingAlignment());
    // 1 byte + 2 trailer -> 4; header 8, IV 8, ICV 16
    assertEquals(8 + 8 + 4 + 16, EspTransform.AES_GCM_16_128.packetLength(1));
    assertEquals(8 + 8 + 8 + 16, EspTransform.AES_GCM_16_128.packetLength(3));
    assertEquals(8 + 16 + 16 + 16, EspTransform.AES_CBC_128_HMAC_SHA2_256.packetLength(14));
    assertEquals(8 + 16 + 32 + 16, EspTransform.AES_CBC_128_HMAC_SHA2_256.packetLength(15));
  }

  @Test
  void isAeadAndToString() {
    assertTrue(EspTransform.AES_CCM_8_128.isAead());
    assertFalse(EspTransform.AES_CBC_256_HMAC_SHA2_512.isAead());
    assertEquals("ENCR_AES_CCM_8/128", EspTransform.AES_CCM_8_128.toString());
    assertEquals("ENCR_AES_CBC/256+AUTH_HMAC_SHA2_512_256",
        EspTransform.AES_CBC_256_HMAC_SHA2_512.toString());
    assertEquals(ENCR_AES_CCM_12, EspTransform.of(ENCR_AES_CCM_12, 128, NONE).orElseThrow()
        .encryption());
  }
}

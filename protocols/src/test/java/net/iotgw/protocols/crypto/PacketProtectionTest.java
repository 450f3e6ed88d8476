package net.iotgw.protocols.crypto;

import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_AES_CBC;
import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_AES_CCM_12;
import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_AES_CCM_16;
import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_AES_CCM_8;
import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_AES_GCM_16;
import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_CHACHA20_POLY1305;
import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_NULL;
import static net.iotgw.protocols.ike.IntegrityAlgorithm.AUTH_HMAC_SHA1_96;
import static net.iotgw.protocols.ike.IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128;
import static net.iotgw.protocols.ike.IntegrityAlgorithm.AUTH_HMAC_SHA2_384_192;
import static net.iotgw.protocols.ike.IntegrityAlgorithm.AUTH_HMAC_SHA2_512_256;
import static net.iotgw.protocols.ike.IntegrityAlgorithm.NONE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.iotgw.protocols.ike.EncryptionAlgorithm;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PacketProtectionTest {

  /** What each direction takes from KEYMAT (RFC 7296 §2.17), and the packet geometry. */
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
      EncryptionAlgorithm encryption,
      int keyBits,
      IntegrityAlgorithm integrity,
      int encryptionKey,
      int integrityKey,
      int iv,
      int icv) {
    PacketProtection p = PacketProtection.of(encryption, keyBits, integrity).orElseThrow();
    assertEquals(encryptionKey, p.encryptionKeyLength());
    assertEquals(integrityKey, p.integrityKeyLength());
    assertEquals(encryptionKey + integrityKey, p.keyingMaterialLength());
    assertEquals(iv, p.ivLength());
    assertEquals(icv, p.icvLength());
    PacketCipher cipher = p.cipher(new byte[p.keyingMaterialLength()]);
    assertEquals(iv, cipher.ivLength());
    assertEquals(icv, cipher.icvLength());
  }

  @Test
  void rfc5282Section7_1AndRfc7634Section3KeyMaterialIncludesTheSalt() {
    assertEquals(20, new PacketProtection(ENCR_AES_GCM_16, 128, NONE).encryptionKeyLength());
    assertEquals(36, new PacketProtection(ENCR_AES_GCM_16, 256, NONE).encryptionKeyLength());
    assertEquals(19, new PacketProtection(ENCR_AES_CCM_8, 128, NONE).encryptionKeyLength());
    assertEquals(35, new PacketProtection(ENCR_AES_CCM_16, 256, NONE).encryptionKeyLength());
    assertEquals(36, new PacketProtection(ENCR_CHACHA20_POLY1305, 256, NONE).encryptionKeyLength());
    assertEquals(16, new PacketProtection(ENCR_AES_CBC, 128, AUTH_HMAC_SHA2_256_128).encryptionKeyLength());
    assertEquals(32, new PacketProtection(ENCR_AES_CBC, 256, AUTH_HMAC_SHA2_256_128).encryptionKeyLength());
  }

  @Test
  void rfc4868Section2_1_1IntegrityKeyIsTheHashLengthAndAeadsHaveNone() {
    assertEquals(32, new PacketProtection(ENCR_AES_CBC, 128, AUTH_HMAC_SHA2_256_128).integrityKeyLength());
    assertEquals(48, new PacketProtection(ENCR_AES_CBC, 128, AUTH_HMAC_SHA2_384_192).integrityKeyLength());
    assertEquals(64, new PacketProtection(ENCR_AES_CBC, 128, AUTH_HMAC_SHA2_512_256).integrityKeyLength());
    assertEquals(0, new PacketProtection(ENCR_AES_GCM_16, 128, NONE).integrityKeyLength());
    assertEquals(16, new PacketProtection(ENCR_AES_CBC, 128, AUTH_HMAC_SHA2_256_128).icvLength());
    assertEquals(24, new PacketProtection(ENCR_AES_CBC, 128, AUTH_HMAC_SHA2_384_192).icvLength());
    assertEquals(32, new PacketProtection(ENCR_AES_CBC, 128, AUTH_HMAC_SHA2_512_256).icvLength());
    assertEquals(8, new PacketProtection(ENCR_AES_CCM_8, 128, NONE).icvLength());
  }

  @Test
  void chaCha20Poly1305WithoutAKeyLengthAttributeIs256Bits() {
    assertEquals(256, new PacketProtection(ENCR_CHACHA20_POLY1305, 0, NONE).keyBits());
    assertEquals(
        new PacketProtection(ENCR_CHACHA20_POLY1305, 256, NONE),
        PacketProtection.of(ENCR_CHACHA20_POLY1305, 0, NONE).orElseThrow());
  }

  @Test
  void refusesCombinationsThatCannotBeNegotiatedOrAreNotImplemented() {
    assertTrue(PacketProtection.of(ENCR_AES_GCM_16, 128, AUTH_HMAC_SHA2_256_128).isEmpty(),
        "AEAD with an integrity transform (RFC 7296 §3.3)");
    assertTrue(PacketProtection.of(ENCR_AES_CBC, 128, NONE).isEmpty(), "CBC without integrity");
    assertTrue(PacketProtection.of(ENCR_AES_CBC, 128, AUTH_HMAC_SHA1_96).isEmpty());
    assertTrue(PacketProtection.of(ENCR_NULL, 0, AUTH_HMAC_SHA2_256_128).isEmpty());
    assertTrue(PacketProtection.of(ENCR_AES_GCM_16, 64, NONE).isEmpty());
    assertTrue(PacketProtection.of(ENCR_CHACHA20_POLY1305, 128, NONE).isEmpty());
    assertThrows(
        IllegalArgumentException.class, () -> new PacketProtection(ENCR_AES_CBC, 128, NONE));
  }

  @Test
  void factoryBuildsTheRightCipher() {
    assertInstanceOf(AesGcm.class, PacketProtection.AES_GCM_16_128.cipher(new byte[20]));
    assertInstanceOf(AesCcm.class, PacketProtection.AES_CCM_8_128.cipher(new byte[19]));
    assertInstanceOf(ChaCha20Poly1305Cipher.class,
        PacketProtection.CHACHA20_POLY1305.cipher(new byte[36]));
    assertInstanceOf(AesCbcHmac.class,
        PacketProtection.AES_CBC_128_HMAC_SHA2_256.cipher(new byte[48]));
    assertThrows(IllegalArgumentException.class,
        () -> PacketProtection.AES_GCM_16_128.cipher(new byte[16]));
    assertThrows(IllegalArgumentException.class,
        () -> PacketProtection.AES_CBC_128_HMAC_SHA2_256.cipher(new byte[16]));
  }

  @Test
  void cipherRefusesKeysOfTheWrongLength() {
    PacketProtection p = new PacketProtection(ENCR_AES_GCM_16, 128, NONE);
    assertThrows(IllegalArgumentException.class, () -> p.cipher(new byte[16], new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> p.cipher(new byte[20], new byte[1]));
    assertFalse(p.cipher(new byte[20], new byte[0]).toString().isEmpty());
  }

  /** RFC 7296 §2.17: the encryption key comes first, then the integrity key. */
  @Test
  void splitsKeymatEncryptionKeyThenIntegrityKey() {
    byte[] encKey = Hex.decode("06a9214036b8a15b512e03d534120006");
    byte[] macKey = new byte[32];
    for (int i = 0; i < 32; i++) {
      macKey[i] = (byte) (0x40 + i);
    }
    byte[] keymat = org.bouncycastle.util.Arrays.concatenate(encKey, macKey);
    PacketProtection p = PacketProtection.AES_CBC_128_HMAC_SHA2_256;
    assertArrayEquals(encKey, p.encryptionKey(keymat));
    assertArrayEquals(macKey, p.integrityKey(keymat));
    PacketCipher fromKeymat = p.cipher(keymat);
    PacketCipher direct = new AesCbcHmac(encKey, macKey, AesCbcHmac.Integrity.HMAC_SHA2_256_128);
    byte[] iv = Hex.decode("3dafba429d9eb430b422da802c9fac41");
    byte[] pt = "Single block msg".getBytes(StandardCharsets.US_ASCII);
    byte[] sealed = fromKeymat.seal(iv, new byte[8], pt);
    assertArrayEquals(direct.seal(iv, new byte[8], pt), sealed);
    assertArrayEquals(p.cipher(encKey, macKey).seal(iv, new byte[8], pt), sealed);
    assertEquals("e353779c1079aeb82708942dbe77181a", Hex.toHexString(sealed, 0, 16));
  }

  @Test
  void aeadKeymatEndsWithTheSalt() {
    // McGrew-Viega test case 4 through the factory: key feffe9..., salt cafebabe.
    byte[] keymat = Hex.decode("feffe9928665731c6d6a8f9467308308cafebabe");
    assertEquals(4, PacketProtection.AES_GCM_16_128.saltLength());
    assertEquals(0, PacketProtection.AES_GCM_16_128.integrityKey(keymat).length);
    PacketCipher cipher = PacketProtection.AES_GCM_16_128.cipher(keymat);
    byte[] sealed = cipher.seal(Hex.decode("facedbaddecaf888"),
        Hex.decode("feedfacedeadbeeffeedfacedeadbeefabaddad2"),
        Hex.decode("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39"));
    assertEquals("5bc94fbc3221a5db94fae95ae7121a47", Hex.toHexString(sealed, 60, 16));
  }

  @Test
  void isAeadAndToString() {
    assertTrue(PacketProtection.AES_CCM_8_128.isAead());
    assertFalse(PacketProtection.AES_CBC_256_HMAC_SHA2_512.isAead());
    assertEquals("ENCR_AES_CCM_8/128", PacketProtection.AES_CCM_8_128.toString());
    assertEquals("ENCR_AES_CBC/256+AUTH_HMAC_SHA2_512_256",
        PacketProtection.AES_CBC_256_HMAC_SHA2_512.toString());
    assertEquals(ENCR_AES_CCM_12, PacketProtection.of(ENCR_AES_CCM_12, 128, NONE).orElseThrow()
        .encryption());
  }

  /**
   * RFC 4868 §2.7.2 authenticator vectors, through the AES-CBC cipher's ICV, which is the
   * truncated HMAC of aad | iv | ciphertext: with no ciphertext, the data is split into aad and a
   * 16-byte IV.
   */
  private static void assertIcv(IntegrityAlgorithm integ, byte[] key, byte[] data, String hex) {
    PacketCipher c =
        new PacketProtection(ENCR_AES_CBC, 128, integ).cipher(new byte[16], key);
    byte[] aad = Arrays.copyOf(data, data.length - 16);
    byte[] iv = Arrays.copyOfRange(data, data.length - 16, data.length);
    assertArrayEquals(Hex.decode(hex), c.seal(iv, aad, new byte[0]), integ.toString());
  }

  @Test
  void rfc4868Section2_7_2AuthenticatorVectors() {
    byte[] jefe = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
    assertIcv(AUTH_HMAC_SHA2_256_128, "JefeJefeJefeJefeJefeJefeJefeJefe".getBytes(StandardCharsets.US_ASCII),
        jefe, "167f928588c5cc2eef8e3093caa0e87c");
    assertIcv(AUTH_HMAC_SHA2_384_192,
        "JefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefe".getBytes(StandardCharsets.US_ASCII),
        jefe, "2c7353974f1842fd66d53c452ca42122b28c0b594cfb184d");
    assertIcv(AUTH_HMAC_SHA2_512_256,
        "JefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefe"
            .getBytes(StandardCharsets.US_ASCII),
        jefe, "cb370917ae8a7ce28cfd1d8f4705d6141c173b2a9362c15df235dfb251b15454");
    byte[] dd = new byte[50];
    Arrays.fill(dd, (byte) 0xdd);
    assertIcv(AUTH_HMAC_SHA2_256_128, filled(0xaa, 32), dd, "cdcb1220d1ecccea91e53aba3092f962");
    assertIcv(AUTH_HMAC_SHA2_384_192, filled(0xaa, 48), dd,
        "809f439be00274321d4a538652164b53554a508184a0c316");
    assertIcv(AUTH_HMAC_SHA2_512_256, filled(0xaa, 64), dd,
        "2ee7acd783624ca9398710f3ee05ae41b9f9b0510c87e49e586cc9bf961733d8");
  }

  private static byte[] filled(int b, int n) {
    byte[] out = new byte[n];
    Arrays.fill(out, (byte) b);
    return out;
  }
}

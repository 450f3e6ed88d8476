package net.iotgw.protocols.ike.crypto;

import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_AES_CBC;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.iotgw.protocols.crypto.PacketCipher;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class PacketProtectionTest {

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
    assertTrue(PacketProtection.of(ENCR_AES_GCM_16, 128, AUTH_HMAC_SHA2_256_128).isEmpty());
    assertTrue(PacketProtection.of(ENCR_AES_CBC, 128, NONE).isEmpty());
    assertTrue(PacketProtection.of(ENCR_AES_CBC, 128, AUTH_HMAC_SHA1_96).isEmpty());
    assertTrue(PacketProtection.of(ENCR_NULL, 0, AUTH_HMAC_SHA2_256_128).isEmpty());
    assertTrue(PacketProtection.of(ENCR_AES_GCM_16, 64, NONE).isEmpty());
    assertTrue(PacketProtection.of(ENCR_CHACHA20_POLY1305, 128, NONE).isEmpty());
    assertThrows(
        IllegalArgumentException.class, () -> new PacketProtection(ENCR_AES_CBC, 128, NONE));
  }

  @Test
  void cipherRefusesKeysOfTheWrongLength() {
    PacketProtection p = new PacketProtection(ENCR_AES_GCM_16, 128, NONE);
    assertThrows(IllegalArgumentException.class, () -> p.cipher(new byte[16], new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> p.cipher(new byte[20], new byte[1]));
    assertFalse(p.cipher(new byte[20], new byte[0]).toString().isEmpty());
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

package net.iotgw.protocols.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 4309 has no test vectors, and neither RFC 3610 (13-byte nonces) nor NIST SP 800-38C
 * Appendix C (7, 8 and 12-byte nonces) has one with the 11-byte nonce (3-byte salt + 8-byte IV)
 * that ESP uses. These are the 11-byte-nonce vectors of the Linux kernel's crypto test manager
 * for rfc4309(ccm(aes)) (taken, its authors say, from FIPS CAVS files), as republished in
 * strongSwan's test_vectors/aes_ccm.c as aes_ccm1, 2, 3, 5, 6, 8, 9 and 11 (its aes_ccm12 and
 * later are strongSwan's own and not used). Each keying material below is the AES key followed
 * by the 3-byte salt (RFC 4309 §7.1).
 */
class AesCcmTest {

  record Vector(
      String name, String keyingMaterial, int icv, String iv, String aad, String plain,
      String sealed) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Vector> vectors() {
    return Stream.of(
        new Vector("aes_ccm1 AES-128 ICV16 no AAD",
            "83ac5466c2ebe5052e01d1fc5d82662e 96ac59", 16, "3007a1e2a2c75524", "",
            "19c881f6e986ff930b7867e5bbb7fc6e8377b3a60c8c9f9c352eade062f991a1",
            "ab6fe1691d1999a892a0c46f7ee28bb170bb8ca64c6e978a572bbe5d98a6b132"
                + "da24ead9a13998fda4bed9f21a6d22a8"),
        new Vector("aes_ccm2 AES-128 ICV16",
            "1e2c7e01419aefc00d58966e5ca24bd3 4fa319", 16, "d3015ad830601556",
            "dae6289c452dfd635eda4cb6e6fcf9b70c56cbe4e0057ae10a630978bc2c55de",
            "87a336fd96b39378a92863ba12a31485571e06c97b21ef767f387e8e29a43e7e",
            "8a1e11f0026be219fc70c46d8eb799abc54ba2acd3f348ff3bb5ce53efdebb02"
                + "a986156c13feda0a22b8293dd8399a23"),
        new Vector("aes_ccm3 AES-192 ICV16 AAD only",
            "f46bc27562feb4e1a3f0ffdd4e4b127553147366 8d88f680 a02035", 16, "26f2218d5020dae2",
            "5b9e1367025eefc16cf9d71e528f7a47e9d4cf20146ef02dd89e2b56102356e7", "",
            "36ea7a7008dc6abcad0c7a63f661fd9b"),
        new Vector("aes_ccm5 AES-256 ICV8",
            "e08d997160d7971abd0199d58adf713ad3df244b5e3d4b4e307ab9d8530a5e2b 1e2991", 8,
            "ad8ec1530acf2dbe",
            "19b61f57c4f3f08b782b9402290f42276b75cb9834087e79e43e490d848b2287",
            "e1d9d813eb3a753f9dbd5f66bedcbb66bf1799624a39271f1ddc24ae192f984c",
            "19b86133452b43966f51d020307d9bc6263df8c96516a89ff0621734f21e8d75"
                + "4e13ccc0c32a542d"),
        new Vector("aes_ccm6 AES-256 ICV12",
            "7cc8183b8d99e07c4541b8bd5ca7c2328ab80259a4fea92c09759a9b3c9b2739 f9d94e", 12,
            "63b53d9d43f61e50",
            "57f56b8b575c3d3b1302010c834c96358ed639cf7d149b94b03936e68f57e013",
            "3b6c2936b6ef07a68372074fcffa66895fcab1bad58f2c2730db750993d465e4",
            "b0885a33aae5c71d8523c7c62ff41e3dcc63442507784f9e96b888ebbc481f06"
                + "39af39acd84a80397b728af7"),
        new Vector("aes_ccm8 AES-128 ICV8 empty",
            "ab2f8a74b71cd2b1ff802e487d82f8b9 af9487", 8, "783582817f889468", "", "",
            "413cb88773cbf3f3"),
        new Vector("aes_ccm9 AES-192 ICV8 AAD only",
            "39bba7be59979e73a2bc6b98d7757fe3a44893392671 4ac6 ee4983", 8, "e9a9ffe957bafd9e",
            "44a62c05e9e143b1587cf25c6d390a64a4f01305d177996711c4c6db00563661", "",
            "7199faf44412689b"),
        new Vector("aes_ccm11 AES-192 ICV8",
            "585da096651a04d796e5c568aa9535e029a0ba9e4878d1ba ee4983", 8, "e9a9ffe957bafd9e",
            "44a62c05e9e143b1587cf25c6d390a64a4f01305d177996711c4c6db00563661",
            "85346642c8920f3658e06b913c985cbb0a85cc02ad7a96e96543a4c30fdc5581",
            "fbe55d34bee5e8e75aef2fbf1f7fd4b266ca611e967a61b31c164552ba049c9f"
                + "b1d240bc527c6fb1"));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void sealsPublishedElevenByteNonceVector(Vector v) {
    AesCcm cipher = new AesCcm(Hex.decode(v.keyingMaterial()), v.icv());
    assertArrayEquals(
        Hex.decode(v.sealed()),
        cipher.seal(Hex.decode(v.iv()), Hex.decode(v.aad()), Hex.decode(v.plain())));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void opensPublishedElevenByteNonceVectorAndRefusesAnyBitFlip(Vector v) {
    AesCcm cipher = new AesCcm(Hex.decode(v.keyingMaterial()), v.icv());
    byte[] iv = Hex.decode(v.iv());
    byte[] aad = Hex.decode(v.aad());
    byte[] sealed = Hex.decode(v.sealed());
    assertArrayEquals(Hex.decode(v.plain()), cipher.open(iv, aad, sealed).orElseThrow());
    for (int i = 0; i < sealed.length; i++) {
      byte[] bad = sealed.clone();
      bad[i] ^= 0x40;
      assertTrue(cipher.open(iv, aad, bad).isEmpty(), "byte " + i);
    }
  }

  @Test
  void openNeverThrowsOnShortInput() {
    AesCcm cipher = new AesCcm(Hex.decode("ab2f8a74b71cd2b1ff802e487d82f8b9af9487"), 8);
    for (int n = 0; n < 8; n++) {
      assertTrue(cipher.open(Hex.decode("783582817f889468"), new byte[0], new byte[n]).isEmpty());
    }
    assertTrue(cipher.open(new byte[12], new byte[0], new byte[8]).isEmpty());
  }

  @Test
  void keyingMaterialIsKeyThenThreeByteSaltRfc4309Section7_1() {
    assertThrows(IllegalArgumentException.class, () -> new AesCcm(new byte[20], 8));
    assertThrows(IllegalArgumentException.class, () -> new AesCcm(new byte[19], 10));
  }

  @Test
  void destroyedCipherRefusesToSeal() {
    AesCcm cipher = new AesCcm(Hex.decode("ab2f8a74b71cd2b1ff802e487d82f8b9af9487"), 8);
    cipher.destroy();
    assertThrows(
        IllegalStateException.class,
        () -> cipher.seal(Hex.decode("783582817f889468"), new byte[0], new byte[0]));
    assertTrue(
        cipher.open(Hex.decode("783582817f889468"), new byte[0], Hex.decode("413cb88773cbf3f3"))
            .isEmpty());
  }
}

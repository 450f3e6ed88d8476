package net.iotgw.protocols.ike.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.iotgw.protocols.crypto.ChaCha20Poly1305Cipher;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.ike.EncryptionAlgorithm;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import org.bouncycastle.util.Arrays;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/** The two worked examples of RFC 7634: ChaCha20-Poly1305 in ESP and in IKEv2's SK payload. */
class Rfc7634VectorsTest {
  /** 32-byte key 80..9f then the salt a0 a1 a2 a3 (Appendix A and B share them). */
  private static final byte[] KEYING_MATERIAL =
      Hex.decode(
          "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f" + "a0a1a2a3");
  private static final byte[] IV = Hex.decode("1011121314151617");

  @Test
  void rfc7634AppendixAEspExample() {
    byte[] aad = Hex.decode("0102030400000005"); // SPI, sequence number
    // The ESP payload of the RFC: an ICMP echo in IPv4, then the ESP trailer 01 02 02 04.
    byte[] plaintext =
        Hex.decode(
            "45000054a6f200004001e778c6336405c000020508005b7a3a080000553bec10"
                + "0007362708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223"
                + "2425262728292a2b2c2d2e2f3031323334353637"
                + "01020204");
    byte[] expected =
        Hex.decode(
            "24039428b97f417e3c13753a4f05087b67c352e6a7fab1b982d466ef407ae5c6"
                + "14ee8099d52844eb61aa95dfab4c02f72aa71e7c4c4f64c9befe2facc638e8f3"
                + "cbec163fac469b502773f6fb94e664da9165b82829f641e076aaa8266b7fb0f7"
                + "b11b369907e1ad43");
    ChaCha20Poly1305Cipher cipher = new ChaCha20Poly1305Cipher(KEYING_MATERIAL);
    assertArrayEquals(expected, cipher.seal(IV, aad, plaintext));
    assertArrayEquals(plaintext, cipher.open(IV, aad, expected).orElseThrow());
  }

  @Test
  void rfc7634AppendixBIkev2SkPayloadExample() {
    // IKE header (SPIs c0.., d0.., next payload SK, v2.0, INFORMATIONAL, flags, message ID 9,
    // length 0x45) and the SK generic payload header (next payload Notify, length 0x29).
    byte[] aadPrefix =
        Hex.decode("c0c1c2c3c4c5c6c7d0d1d2d3d4d5d6d7" + "2e202500" + "00000009" + "00000045" + "29000029");
    byte[] innerNotify = Hex.decode("0000000c000040010000000a");
    byte[] expectedCiphertextAndIcv =
        Hex.decode("610394701f8d017f7c12924889" + "6b71bfe25236efd7cdc67066906315b2");
    IkeCipher cipher =
        IkeCipher.create(
            new PacketProtection(EncryptionAlgorithm.ENCR_CHACHA20_POLY1305, 256, IntegrityAlgorithm.NONE),
            KEYING_MATERIAL,
            new byte[0]);
    byte[] body = cipher.seal(aadPrefix, innerNotify, IV);
    // The RFC's plaintext ends with the pad length 00 and no padding (RFC 5282 §3 allows it).
    assertArrayEquals(Arrays.concatenate(IV, expectedCiphertextAndIcv), body);
    assertArrayEquals(innerNotify, cipher.open(aadPrefix, body).orThrow());
    // The lengths in the AAD count the body: SK payload 0x29 = 4 + 37, message 0x45 = 32 + 37.
    assertEquals(body.length, cipher.bodyLength(innerNotify.length));
    assertEquals(0x29, 4 + cipher.bodyLength(innerNotify.length));
    assertEquals(0x45, aadPrefix.length + cipher.bodyLength(innerNotify.length));
  }
}

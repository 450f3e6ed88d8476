package net.iotgw.protocols.ike.crypto;

import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_AES_CBC;
import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_AES_CCM_12;
import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_AES_CCM_16;
import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_AES_CCM_8;
import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_AES_GCM_12;
import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_AES_GCM_16;
import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_AES_GCM_8;
import static net.iotgw.protocols.ike.EncryptionAlgorithm.ENCR_CHACHA20_POLY1305;
import static net.iotgw.protocols.ike.IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128;
import static net.iotgw.protocols.ike.IntegrityAlgorithm.AUTH_HMAC_SHA2_384_192;
import static net.iotgw.protocols.ike.IntegrityAlgorithm.AUTH_HMAC_SHA2_512_256;
import static net.iotgw.protocols.ike.IntegrityAlgorithm.NONE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.iotgw.protocols.crypto.PacketCipher;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class IkeCipherTest {
  private static final byte[] AAD = aad();

  static List<PacketProtection> suites() {
    return List.of(
        new PacketProtection(ENCR_AES_GCM_16, 128, NONE),
        new PacketProtection(ENCR_AES_GCM_16, 256, NONE),
        new PacketProtection(ENCR_AES_GCM_8, 128, NONE),
        new PacketProtection(ENCR_AES_GCM_12, 192, NONE),
        new PacketProtection(ENCR_AES_CCM_8, 128, NONE),
        new PacketProtection(ENCR_AES_CCM_12, 256, NONE),
        new PacketProtection(ENCR_AES_CCM_16, 128, NONE),
        new PacketProtection(ENCR_CHACHA20_POLY1305, 256, NONE),
        new PacketProtection(ENCR_AES_CBC, 128, AUTH_HMAC_SHA2_256_128),
        new PacketProtection(ENCR_AES_CBC, 256, AUTH_HMAC_SHA2_256_128),
        new PacketProtection(ENCR_AES_CBC, 128, AUTH_HMAC_SHA2_384_192),
        new PacketProtection(ENCR_AES_CBC, 256, AUTH_HMAC_SHA2_512_256));
  }

  /** An IKE header and SK payload header: every byte of it is authenticated. */
  private static byte[] aad() {
    byte[] a = new byte[32];
    new Random(1).nextBytes(a);
    return a;
  }

  private static byte[][] keys(PacketProtection p, long seed) {
    Random r = new Random(seed);
    byte[] e = new byte[p.encryptionKeyLength()];
    byte[] a = new byte[p.integrityKeyLength()];
    r.nextBytes(e);
    r.nextBytes(a);
    return new byte[][] {e, a};
  }

  private static IkeCipher cipher(PacketProtection p) {
    byte[][] k = keys(p, 7);
    return IkeCipher.create(p, k[0], k[1]);
  }

  private static DecodeError.Kind kind(Decoded<byte[]> d) {
    return ((Decoded.Failed<byte[]>) d).error().kind();
  }

  @ParameterizedTest
  @MethodSource("suites")
  void sealedBodiesOpenToTheInnerPayloadsForEveryLength(PacketProtection p) {
    IkeCipher c = cipher(p);
    SecureRandom random = new SecureRandom();
    for (int n = 0; n <= 70; n++) {
      byte[] inner = new byte[n];
      random.nextBytes(inner);
      byte[] body = c.seal(AAD, inner, random);
      assertEquals(c.bodyLength(n), body.length, p + " length " + n);
      assertArrayEquals(inner, c.open(AAD, body).orThrow(), p + " length " + n);
    }
  }

  @ParameterizedTest
  @MethodSource("suites")
  void rfc7296Section3_14FlippingAnyAuthenticatedByteFailsTheIcv(PacketProtection p) {
    IkeCipher c = cipher(p);
    byte[] inner = "IDi AUTH SA TSi TSr".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] body = c.seal(AAD, inner, new SecureRandom());
    for (int i = 0; i < AAD.length; i++) {
      byte[] aad = AAD.clone();
      aad[i] ^= 0x01;
      assertEquals(DecodeError.Kind.AUTHENTICATION_FAILED, kind(c.open(aad, body)), "aad " + i);
    }
    // IV, ciphertext and ICV alike.
    for (int i = 0; i < body.length; i++) {
      byte[] tampered = body.clone();
      tampered[i] ^= (byte) 0x80;
      assertEquals(DecodeError.Kind.AUTHENTICATION_FAILED, kind(c.open(AAD, tampered)), "body " + i);
    }
  }

  @ParameterizedTest
  @MethodSource("suites")
  void anAuthenticPlaintextWithAPadLengthBeyondItIsRefused(PacketProtection p) {
    byte[][] k = keys(p, 7);
    PacketCipher raw = p.cipher(k[0], k[1]);
    IkeCipher c = IkeCipher.create(p, k[0], k[1]);
    byte[] plaintext = new byte[p.isAead() ? 5 : 16];
    plaintext[plaintext.length - 1] = (byte) plaintext.length; // needs length + 1 bytes
    byte[] iv = new byte[raw.ivLength()];
    byte[] body = org.bouncycastle.util.Arrays.concatenate(iv, raw.seal(iv, AAD, plaintext));
    assertEquals(DecodeError.Kind.INVALID_SYNTAX, kind(c.open(AAD, body)));
    // The largest acceptable pad length leaves no inner payloads.
    plaintext[plaintext.length - 1] = (byte) (plaintext.length - 1);
    body = org.bouncycastle.util.Arrays.concatenate(iv, raw.seal(iv, AAD, plaintext));
    assertEquals(0, c.open(AAD, body).orThrow().length);
  }

  @ParameterizedTest
  @MethodSource("suites")
  void aBodyTooShortForIvPadLengthAndIcvIsTruncated(PacketProtection p) {
    IkeCipher c = cipher(p);
    int minimum = c.ivLength() + c.icvLength();
    for (int length = 0; length <= minimum; length++) {
      assertEquals(DecodeError.Kind.TRUNCATED, kind(c.open(AAD, new byte[length])), "length " + length);
    }
  }

  @Test
  void cbcCiphertextNotAMultipleOfTheBlockIsABadLength() {
    IkeCipher c = cipher(new PacketProtection(ENCR_AES_CBC, 128, AUTH_HMAC_SHA2_256_128));
    byte[] body = new byte[16 + 17 + 16];
    assertEquals(DecodeError.Kind.BAD_LENGTH, kind(c.open(AAD, body)));
  }

  @Test
  void rfc7296Section3_14CbcPadsToTheBlockWithTheLeastPadding() {
    IkeCipher c = cipher(new PacketProtection(ENCR_AES_CBC, 128, AUTH_HMAC_SHA2_256_128));
    assertEquals(16 + 16 + 16, c.bodyLength(0));
    assertEquals(16 + 16 + 16, c.bodyLength(15)); // 15 + pad length byte fill one block
    assertEquals(16 + 32 + 16, c.bodyLength(16)); // 16 + pad length + 15 bytes of padding
  }

  @Test
  void rfc5282Section3AeadsAddOnlyThePadLengthByte() {
    IkeCipher c = cipher(new PacketProtection(ENCR_AES_GCM_16, 128, NONE));
    for (int n : new int[] {0, 1, 15, 16, 100}) {
      assertEquals(8 + n + 1 + 16, c.bodyLength(n));
    }
  }

  @Test
  void rfc7296Section3_14CbcIvIsFreshAndRandomForEveryMessage() {
    IkeCipher c = cipher(new PacketProtection(ENCR_AES_CBC, 128, AUTH_HMAC_SHA2_256_128));
    SecureRandom random = new SecureRandom();
    byte[] a = c.seal(AAD, new byte[10], random);
    byte[] b = c.seal(AAD, new byte[10], random);
    assertFalse(Arrays.equals(Arrays.copyOf(a, 16), Arrays.copyOf(b, 16)));
  }

  @Test
  void refusesAnIvOfTheWrongLength() {
    IkeCipher c = cipher(new PacketProtection(ENCR_AES_GCM_16, 128, NONE));
    assertThrows(IllegalArgumentException.class, () -> c.seal(AAD, new byte[1], new byte[16]));
  }

  @Test
  void garbageNeverThrows() {
    Random r = new Random(42);
    for (PacketProtection p : suites()) {
      IkeCipher c = cipher(p);
      for (int i = 0; i < 200; i++) {
        byte[] body = new byte[r.nextInt(120)];
        r.nextBytes(body);
        assertFalse(c.open(AAD, body).isOk());
      }
    }
  }

  @Test
  void toStringShowsTheSuiteButNoKey() {
    IkeCipher c = cipher(new PacketProtection(ENCR_AES_GCM_16, 128, NONE));
    assertEquals(
        "IkeCipher[ENCR_AES_GCM_16/128, keys redacted]",
        c.toString());
  }
}

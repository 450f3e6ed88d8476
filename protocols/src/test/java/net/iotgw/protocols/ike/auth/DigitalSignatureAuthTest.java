package net.iotgw.protocols.ike.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.util.Arrays;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class DigitalSignatureAuthTest {
  private static final ECDomainParameters CURVE = P256.DOMAIN;

  /** RFC 6979 §A.2.5: the P-256 key. */
  private static final ECPrivateKeyParameters RFC6979_KEY =
      new ECPrivateKeyParameters(
          new BigInteger("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721", 16),
          CURVE);
  private static final ECPublicKeyParameters RFC6979_PUBLIC =
      new ECPublicKeyParameters(
          CURVE.getCurve()
              .createPoint(
                  new BigInteger("60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6", 16),
                  new BigInteger("7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299", 16)),
          CURVE);

  private static final byte[] ECDSA_ALG_ID = Hex.decode("300a06082a8648ce3d040302");
  private static final byte[] ED25519_ALG_ID = Hex.decode("300506032b6570");

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static DecodeError.Kind kind(Decoded<?> d) {
    return ((Decoded.Failed<?>) d).error().kind();
  }

  @Test
  void rfc6979SectionA_2_5SampleGivesThePublishedSignatureInRfc7427Framing() {
    byte[] auth = DigitalSignatureAuth.sign(RFC6979_KEY, ascii("sample"));
    byte[] r = Hex.decode("00EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716");
    byte[] s = Hex.decode("00F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8");
    byte[] sigValue =
        Arrays.concatenate(
            Hex.decode("30460221"), r, Hex.decode("0221"), s);
    assertArrayEquals(Arrays.concatenate(new byte[] {12}, ECDSA_ALG_ID, sigValue), auth);
    assertEquals(
        SignatureScheme.ECDSA_P256_SHA256,
        DigitalSignatureAuth.verify(RFC6979_PUBLIC, ascii("sample"), auth).orThrow());
  }

  @Test
  void rfc6979SectionA_2_5TestHasAMinimalDerIntegerForS() {
    byte[] auth = DigitalSignatureAuth.sign(RFC6979_KEY, ascii("test"));
    byte[] expected =
        Hex.decode(
            "0c300a06082a8648ce3d040302"
                + "3045"
                + "022100F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367"
                + "0220019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083");
    assertArrayEquals(expected, auth);
    assertEquals(
        SignatureScheme.ECDSA_P256_SHA256,
        DigitalSignatureAuth.verify(RFC6979_PUBLIC, ascii("test"), auth).orThrow());
  }

  @Test
  void rfc8032Section7_1Test1SignsTheOctetsWithoutPreHash() {
    Ed25519PrivateKeyParameters key =
        new Ed25519PrivateKeyParameters(
            Hex.decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    byte[] auth = DigitalSignatureAuth.sign(key, new byte[0]);
    byte[] sig =
        Hex.decode(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    assertArrayEquals(Arrays.concatenate(new byte[] {7}, ED25519_ALG_ID, sig), auth);
    Ed25519PublicKeyParameters pub =
        new Ed25519PublicKeyParameters(
            Hex.decode("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
    assertEquals(SignatureScheme.ED25519, DigitalSignatureAuth.verify(pub, new byte[0], auth).orThrow());
  }

  @Test
  void rfc8032Section7_1Test2() {
    Ed25519PrivateKeyParameters key =
        new Ed25519PrivateKeyParameters(
            Hex.decode("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));
    byte[] auth = DigitalSignatureAuth.sign(key, new byte[] {0x72});
    byte[] sig =
        Hex.decode(
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
    assertArrayEquals(Arrays.concatenate(new byte[] {7}, ED25519_ALG_ID, sig), auth);
    Ed25519PublicKeyParameters pub =
        new Ed25519PublicKeyParameters(
            Hex.decode("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"));
    assertEquals(
        SignatureScheme.ED25519, DigitalSignatureAuth.verify(pub, new byte[] {0x72}, auth).orThrow());
  }

  @Test
  void flippingAnySignatureByteOrOctetFailsVerification() {
    Ed25519PrivateKeyParameters ed = new Ed25519PrivateKeyParameters(new byte[32]);
    byte[] octets = ascii("RealMessage1 | NonceRData | MACedIDForI");
    Object[][] cases = {
      {RFC6979_KEY, RFC6979_PUBLIC}, {ed, ed.generatePublicKey()},
    };
    for (Object[] c : cases) {
      AsymmetricKeyParameter pub = (AsymmetricKeyParameter) c[1];
      byte[] auth = DigitalSignatureAuth.sign((AsymmetricKeyParameter) c[0], octets);
      int valueStart = 1 + auth[0];
      for (int i = valueStart; i < auth.length; i++) {
        byte[] bad = auth.clone();
        bad[i] ^= 0x01;
        assertFalse(DigitalSignatureAuth.verify(pub, octets, bad).isOk(), "byte " + i);
      }
      byte[] otherOctets = octets.clone();
      otherOctets[0] ^= 1;
      assertEquals(
          DecodeError.Kind.AUTHENTICATION_FAILED,
          kind(DigitalSignatureAuth.verify(pub, otherOctets, auth)));
    }
  }

  @Test
  void aKeyThatDoesNotFitTheNamedAlgorithmFails() {
    byte[] octets = ascii("octets");
    byte[] ecdsaAuth = DigitalSignatureAuth.sign(RFC6979_KEY, octets);
    Ed25519PublicKeyParameters edPub = new Ed25519PrivateKeyParameters(new byte[32]).generatePublicKey();
    assertEquals(
        DecodeError.Kind.AUTHENTICATION_FAILED,
        kind(DigitalSignatureAuth.verify(edPub, octets, ecdsaAuth)));
    byte[] edAuth = DigitalSignatureAuth.sign(new Ed25519PrivateKeyParameters(new byte[32]), octets);
    assertEquals(
        DecodeError.Kind.AUTHENTICATION_FAILED,
        kind(DigitalSignatureAuth.verify(RFC6979_PUBLIC, octets, edAuth)));
  }

  @Test
  void rfc7427Section3UnknownAlgorithmIdentifierIsUnsupportedAndShortDataTruncated() {
    byte[] sha384 = Hex.decode("0c300a06082a8648ce3d04030300");
    assertEquals(DecodeError.Kind.UNSUPPORTED, kind(DigitalSignatureAuth.schemeOf(sha384)));
    // ecdsa-with-SHA256 with explicit NULL parameters is not the DER that RFC 5758 mandates.
    byte[] withNull = Hex.decode("0e300c06082a8648ce3d0403020500");
    assertEquals(DecodeError.Kind.UNSUPPORTED, kind(DigitalSignatureAuth.schemeOf(withNull)));
    assertEquals(DecodeError.Kind.TRUNCATED, kind(DigitalSignatureAuth.schemeOf(new byte[0])));
    assertEquals(
        DecodeError.Kind.TRUNCATED, kind(DigitalSignatureAuth.schemeOf(Hex.decode("0c300a0608"))));
    assertEquals(
        DecodeError.Kind.TRUNCATED,
        kind(DigitalSignatureAuth.verify(RFC6979_PUBLIC, new byte[0], Hex.decode("ff"))));
  }

  @Test
  void aMissingOrMalformedSignatureValueFailsAuthentication() {
    byte[] octets = ascii("octets");
    byte[] algOnly = Arrays.concatenate(new byte[] {12}, ECDSA_ALG_ID);
    assertEquals(
        DecodeError.Kind.AUTHENTICATION_FAILED,
        kind(DigitalSignatureAuth.verify(RFC6979_PUBLIC, octets, algOnly)));
    // A raw r | s (IEEE P1363) value instead of the DER Ecdsa-Sig-Value.
    byte[] der = DigitalSignatureAuth.sign(RFC6979_KEY, octets);
    byte[] raw = new byte[64];
    EcdsaSigValue.decode(Arrays.copyOfRange(der, 13, der.length)).map(rs -> {
      byte[] r = org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, rs[0]);
      byte[] s = org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, rs[1]);
      System.arraycopy(r, 0, raw, 0, 32);
      System.arraycopy(s, 0, raw, 32, 32);
      return raw;
    }).orThrow();
    assertEquals(
        DecodeError.Kind.AUTHENTICATION_FAILED,
        kind(DigitalSignatureAuth.verify(RFC6979_PUBLIC, octets, Arrays.concatenate(algOnly, raw))));
  }

  @Test
  void verificationIsTotalOnRandomData() {
    Random random = new Random(3);
    byte[] octets = ascii("octets");
    AsymmetricKeyParameter ed = new Ed25519PrivateKeyParameters(new byte[32]).generatePublicKey();
    for (int i = 0; i < 2000; i++) {
      byte[] data = new byte[random.nextInt(100)];
      random.nextBytes(data);
      if (i % 2 == 0 && data.length > 13) {
        System.arraycopy(Arrays.concatenate(new byte[] {12}, ECDSA_ALG_ID), 0, data, 0, 13);
      }
      assertFalse(DigitalSignatureAuth.verify(RFC6979_PUBLIC, octets, data).isOk());
      assertFalse(DigitalSignatureAuth.verify(ed, octets, data).isOk());
    }
  }

  @Test
  void signingRefusesKeysItCannotUse() {
    assertThrows(
        IllegalArgumentException.class,
        () -> DigitalSignatureAuth.sign(new X25519PrivateKeyParameters(new byte[32]), new byte[1]));
  }
}

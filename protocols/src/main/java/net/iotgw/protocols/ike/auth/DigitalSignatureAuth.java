package net.iotgw.protocols.ike.auth;

import java.math.BigInteger;
import java.util.Arrays;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * Digital Signature authentication, AUTH method 14 (RFC 7427 §3): Authentication Data = ASN.1
 * Length (one octet) | AlgorithmIdentifier (DER) | Signature Value, over the signed octets of
 * {@link AuthOctets}.
 *
 * <ul>
 *   <li>ECDSA P-256 with SHA-256: the value is the DER Ecdsa-Sig-Value (RFC 7427 §3). Signing
 *       uses deterministic nonces (RFC 6979), so it needs no randomness.
 *   <li>Ed25519 (RFC 8420): pure EdDSA over the octets themselves, no pre-hash.
 * </ul>
 *
 * Keys are BouncyCastle lightweight parameters, e.g. from {@link AuthKeys}.
 */
public final class DigitalSignatureAuth {
  /** The Auth Method number in the AUTH payload. */
  public static final int AUTH_METHOD = 14;

  private DigitalSignatureAuth() {}

  /**
   * The Authentication Data signing {@code signedOctets} with {@code privateKey}: an
   * {@link ECPrivateKeyParameters} on P-256 or an {@link Ed25519PrivateKeyParameters}.
   *
   * @throws IllegalArgumentException for any other key
   */
  public static byte[] sign(AsymmetricKeyParameter privateKey, byte[] signedOctets) {
    if (privateKey instanceof Ed25519PrivateKeyParameters ed) {
      Ed25519Signer signer = new Ed25519Signer();
      signer.init(true, ed);
      signer.update(signedOctets, 0, signedOctets.length);
      return frame(SignatureScheme.ED25519, signer.generateSignature());
    }
    if (privateKey instanceof ECPrivateKeyParameters ec && P256.is(ec.getParameters())) {
      ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
      signer.init(true, ec);
      BigInteger[] rs = signer.generateSignature(sha256(signedOctets));
      return frame(SignatureScheme.ECDSA_P256_SHA256, EcdsaSigValue.encode(rs[0], rs[1]));
    }
    throw new IllegalArgumentException(
        "AUTH signing supports P-256 ECDSA and Ed25519 private keys, not "
            + privateKey.getClass().getSimpleName());
  }

  /**
   * The scheme named by Authentication Data, without verifying it: {@code TRUNCATED} if the data
   * is shorter than its ASN.1 Length says, {@code UNSUPPORTED} for an AlgorithmIdentifier other
   * than those of {@link SignatureScheme}.
   */
  public static Decoded<SignatureScheme> schemeOf(byte[] authData) {
    if (authData.length < 1) {
      return failed(DecodeError.Kind.TRUNCATED, 0, "AUTH data has no ASN.1 length octet");
    }
    int length = authData[0] & 0xff;
    if (1 + length > authData.length) {
      return failed(
          DecodeError.Kind.TRUNCATED,
          0,
          "AlgorithmIdentifier of " + length + " bytes, " + (authData.length - 1) + " remain");
    }
    for (SignatureScheme scheme : SignatureScheme.values()) {
      if (scheme.matches(authData, 1, length)) {
        return Decoded.ok(scheme);
      }
    }
    return failed(DecodeError.Kind.UNSUPPORTED, 1, "unsupported signature AlgorithmIdentifier");
  }

  /**
   * Verifies Authentication Data over {@code signedOctets} with the peer's public key (an {@link
   * ECPublicKeyParameters} on P-256 or an {@link Ed25519PublicKeyParameters}). Ok with the scheme
   * used; {@code AUTHENTICATION_FAILED} if the signature does not verify, is malformed, or the key
   * does not fit the scheme; the errors of {@link #schemeOf} otherwise. Never throws on the data.
   */
  public static Decoded<SignatureScheme> verify(
      AsymmetricKeyParameter publicKey, byte[] signedOctets, byte[] authData) {
    Decoded<SignatureScheme> scheme = schemeOf(authData);
    if (!(scheme instanceof Decoded.Ok<SignatureScheme> ok)) {
      return scheme;
    }
    int valueOffset = 1 + (authData[0] & 0xff);
    byte[] value = Arrays.copyOfRange(authData, valueOffset, authData.length);
    boolean valid =
        switch (ok.value()) {
          case ED25519 -> verifyEd25519(publicKey, signedOctets, value);
          case ECDSA_P256_SHA256 -> verifyEcdsa(publicKey, signedOctets, value);
        };
    return valid
        ? scheme
        : failed(
            DecodeError.Kind.AUTHENTICATION_FAILED,
            valueOffset,
            ok.value() + " signature does not verify with the peer's key");
  }

  private static boolean verifyEd25519(AsymmetricKeyParameter key, byte[] octets, byte[] sig) {
    if (!(key instanceof Ed25519PublicKeyParameters ed)) {
      return false;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, ed);
    verifier.update(octets, 0, octets.length);
    return verifier.verifySignature(sig);
  }

  private static boolean verifyEcdsa(AsymmetricKeyParameter key, byte[] octets, byte[] sig) {
    if (!(key instanceof ECPublicKeyParameters ec) || !P256.is(ec.getParameters())) {
      return false;
    }
    if (!(EcdsaSigValue.decode(sig) instanceof Decoded.Ok<BigInteger[]> rs)) {
      return false;
    }
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, ec);
    // Refuses r or s outside [1, n-1] itself.
    return verifier.verifySignature(sha256(octets), rs.value()[0], rs.value()[1]);
  }

  private static byte[] frame(SignatureScheme scheme, byte[] signature) {
    int algLength = scheme.algorithmIdentifierLength();
    byte[] out = new byte[1 + algLength + signature.length];
    out[0] = (byte) algLength;
    scheme.writeAlgorithmIdentifier(out, 1);
    System.arraycopy(signature, 0, out, 1 + algLength, signature.length);
    return out;
  }

  private static byte[] sha256(byte[] data) {
    SHA256Digest d = new SHA256Digest();
    d.update(data, 0, data.length);
    byte[] out = new byte[d.getDigestSize()];
    d.doFinal(out, 0);
    return out;
  }

  private static Decoded<SignatureScheme> failed(DecodeError.Kind kind, int offset, String detail) {
    return Decoded.failed(new DecodeError(kind, offset, detail));
  }
}

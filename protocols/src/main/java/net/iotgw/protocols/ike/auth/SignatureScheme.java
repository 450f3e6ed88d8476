package net.iotgw.protocols.ike.auth;

import java.util.Arrays;
import org.bouncycastle.util.encoders.Hex;

/**
 * The signature algorithms this gateway signs and verifies with Digital Signature authentication
 * (RFC 7427 §3), each named in the AUTH payload by its DER AlgorithmIdentifier.
 */
public enum SignatureScheme {
  /** ecdsa-with-SHA256 (1.2.840.10045.4.3.2), parameters absent (RFC 5758 §3.2; RFC 7427 Appendix A). */
  ECDSA_P256_SHA256("300a06082a8648ce3d040302"),
  /** id-Ed25519 (1.3.101.112), parameters absent (RFC 8410 §3); pure EdDSA (RFC 8420 §2). */
  ED25519("300506032b6570");

  private final byte[] algorithmIdentifier;

  SignatureScheme(String derHex) {
    this.algorithmIdentifier = Hex.decode(derHex);
  }

  /** The DER-encoded AlgorithmIdentifier (a copy). */
  public byte[] algorithmIdentifier() {
    return algorithmIdentifier.clone();
  }

  boolean matches(byte[] buf, int off, int len) {
    return len == algorithmIdentifier.length
        && Arrays.equals(buf, off, off + len, algorithmIdentifier, 0, len);
  }

  int algorithmIdentifierLength() {
    return algorithmIdentifier.length;
  }

  void writeAlgorithmIdentifier(byte[] out, int off) {
    System.arraycopy(algorithmIdentifier, 0, out, off, algorithmIdentifier.length);
  }
}

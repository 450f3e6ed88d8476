package net.iotgw.protocols.ike.engine;

import java.util.Arrays;
import java.util.List;
import net.iotgw.protocols.ike.auth.DigitalSignatureAuth;
import net.iotgw.protocols.ike.auth.SignatureScheme;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * How the constrained device proves its identity in IKE_AUTH (RFC 7296 §2.15): a shared key (AUTH
 * method 2) or a private key with its certificate chain, signed with RFC 7427 Digital Signatures
 * (method 14). Configuration, not per-SA state: an SA's death does not zero it.
 */
public sealed interface Credentials {

  /** Shared Key Message Integrity Code. {@link #toString()} never shows the key. */
  record PreSharedKey(byte[] secret) implements Credentials {
    public PreSharedKey {
      if (secret.length == 0) {
        throw new IllegalArgumentException("empty pre-shared key");
      }
      secret = secret.clone();
    }

    @Override
    public byte[] secret() {
      return secret.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof PreSharedKey p && Arrays.equals(secret, p.secret);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(secret);
    }

    @Override
    public String toString() {
      return "PreSharedKey[" + secret.length + " bytes, redacted]";
    }
  }

  /**
   * An ECDSA P-256 or Ed25519 private key (e.g. from {@code AuthKeys.privateKeyFromPem}) and the
   * DER certificates sent in CERT payloads, end entity first, then intermediates (no trust anchor).
   */
  record Certificate(AsymmetricKeyParameter privateKey, List<byte[]> chain) implements Credentials {
    public Certificate {
      if (!(privateKey instanceof Ed25519PrivateKeyParameters)
          && !(privateKey instanceof ECPrivateKeyParameters)) {
        throw new IllegalArgumentException("ECDSA P-256 or Ed25519 private key required");
      }
      // A key of another curve is refused here, once, rather than in the middle of a handshake.
      DigitalSignatureAuth.sign(privateKey, new byte[0]);
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("the end-entity certificate is required");
      }
      chain = chain.stream().map(byte[]::clone).toList();
    }

    @Override
    public List<byte[]> chain() {
      return chain.stream().map(byte[]::clone).toList();
    }

    /** The RFC 7427 scheme this key signs with. */
    public SignatureScheme scheme() {
      return privateKey instanceof Ed25519PrivateKeyParameters
          ? SignatureScheme.ED25519
          : SignatureScheme.ECDSA_P256_SHA256;
    }

    @Override
    public String toString() {
      return "Certificate[" + scheme() + ", " + chain.size() + " certificate(s), key redacted]";
    }
  }
}

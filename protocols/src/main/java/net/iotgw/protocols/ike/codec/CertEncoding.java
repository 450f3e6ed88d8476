package net.iotgw.protocols.ike.codec;

import java.util.Optional;

/**
 * Certificate encodings of CERT and CERTREQ (RFC 7296 §3.6, IANA "IKEv2 Certificate Encodings").
 */
public enum CertEncoding {
  PKCS7_WRAPPED_X509(1),
  PGP(2),
  DNS_SIGNED_KEY(3),
  X509_SIGNATURE(4),
  KERBEROS_TOKEN(6),
  CRL(7),
  ARL(8),
  SPKI(9),
  X509_ATTRIBUTE(10),
  RAW_RSA_KEY(11),
  HASH_AND_URL_X509(12),
  HASH_AND_URL_X509_BUNDLE(13),
  /** RFC 4806. */
  OCSP_CONTENT(14),
  /** RFC 7670. */
  RAW_PUBLIC_KEY(15);

  private final int id;

  CertEncoding(int id) {
    this.id = id;
  }

  /** The IANA number on the wire. */
  public int id() {
    return id;
  }

  /** The known value for a wire number; empty for other numbers (kept as raw ints). */
  public static Optional<CertEncoding> of(int id) {
    for (CertEncoding v : values()) {
      if (v.id == id) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}

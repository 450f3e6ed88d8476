package net.iotgw.protocols.crypto;

/**
 * The nonce of the salted AEAD constructions (RFC 4106 §4, RFC 4309 §4, RFC 7634 §2): the salt
 * taken from the end of the keying material, followed by the packet's explicit IV.
 */
final class SaltedNonce {
  private SaltedNonce() {}

  static byte[] of(byte[] salt, byte[] iv) {
    byte[] nonce = new byte[salt.length + iv.length];
    System.arraycopy(salt, 0, nonce, 0, salt.length);
    System.arraycopy(iv, 0, nonce, salt.length, iv.length);
    return nonce;
  }

  static void requireIv(byte[] iv, int length) {
    if (iv.length != length) {
      throw new IllegalArgumentException("IV must be " + length + " bytes, got " + iv.length);
    }
  }
}

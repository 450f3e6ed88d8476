package net.iotgw.protocols.ike.crypto;

import java.security.SecureRandom;
import net.iotgw.protocols.ike.DhGroup;

/** Creates the {@link KeyExchange} of a negotiated Diffie-Hellman group (IKEv2 transform type 4). */
public final class KeyExchanges {
  private KeyExchanges() {}

  /**
   * A fresh ephemeral key for {@code group}.
   *
   * @throws IllegalArgumentException for {@link DhGroup#NONE}
   */
  public static KeyExchange generate(DhGroup group, SecureRandom random) {
    return switch (group) {
      case CURVE25519 -> X25519KeyExchange.generate(random);
      case ECP_256, ECP_384 -> EcpKeyExchange.generate(group, random);
      case MODP_2048 -> ModpKeyExchange.generate(random);
      case NONE -> throw new IllegalArgumentException("DH group NONE has no key exchange");
    };
  }

  /**
   * A key from a known private value, for test vectors and fixtures: the 32-byte X25519 scalar
   * (RFC 7748 §5, clamped when used), the big-endian ECP scalar (RFC 5903 §8), or the MODP
   * exponent.
   *
   * @throws IllegalArgumentException if the private value is out of range for the group
   */
  public static KeyExchange fromPrivateKey(DhGroup group, byte[] privateKey) {
    return switch (group) {
      case CURVE25519 -> X25519KeyExchange.fromPrivateKey(privateKey);
      case ECP_256, ECP_384 -> EcpKeyExchange.fromPrivateKey(group, privateKey);
      case MODP_2048 -> ModpKeyExchange.fromPrivateKey(privateKey);
      case NONE -> throw new IllegalArgumentException("DH group NONE has no key exchange");
    };
  }

  /**
   * Length of the Key Exchange Data for {@code group} (RFC 7296 §3.4; RFC 5903 §7; RFC 8031 §2),
   * which is also the length of g^ir except for ECP groups, where g^ir is the x coordinate only.
   */
  public static int publicValueLength(DhGroup group) {
    return switch (group) {
      case CURVE25519 -> 32;
      case ECP_256 -> 64;
      case ECP_384 -> 96;
      case MODP_2048 -> 256;
      case NONE -> 0;
    };
  }

  /**
   * Length of g^ir for {@code group}: the public value's, but for ECP groups the x coordinate
   * only (RFC 5903 §7); 0 for {@link DhGroup#NONE}.
   */
  public static int sharedSecretLength(DhGroup group) {
    return switch (group) {
      case ECP_256 -> 32;
      case ECP_384 -> 48;
      default -> publicValueLength(group);
    };
  }
}

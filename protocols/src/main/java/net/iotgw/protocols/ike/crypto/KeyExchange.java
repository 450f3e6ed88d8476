package net.iotgw.protocols.ike.crypto;

import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.wire.Decoded;

/**
 * One ephemeral (EC)DH private key of an IKE_SA_INIT or CREATE_CHILD_SA exchange (RFC 7296 §1.2,
 * §3.4). {@link #publicValue()} is the Key Exchange Data of our KE payload; {@link #agree} turns
 * the peer's Key Exchange Data into the shared secret g^ir, after the recipient checks of RFC 6989
 * and RFC 8031 §2.2. Created by {@link KeyExchanges}.
 *
 * <p>Not thread-safe with respect to {@link #destroy()}; one instance belongs to one exchange.
 */
public sealed interface KeyExchange
    permits X25519KeyExchange, EcpKeyExchange, ModpKeyExchange {

  DhGroup group();

  /** Our Key Exchange Data, exactly {@link KeyExchanges#publicValueLength} bytes (a copy). */
  byte[] publicValue();

  /**
   * The shared secret g^ir with the peer's Key Exchange Data, in the encoding RFC 7296 §2.14 feeds
   * to the PRF. A peer value of the wrong length is {@code BAD_LENGTH}; one that fails the group's
   * validity check (not on the curve, outside 1 &lt; y &lt; p-1, an all-zero X25519 result) is
   * {@code INVALID_SYNTAX}. Never throws on peer input.
   *
   * @throws IllegalStateException after {@link #destroy()}
   */
  Decoded<byte[]> agree(byte[] peerPublicValue);

  /** Forgets the private key (zeroes it where the representation allows). */
  void destroy();
}
